"""Resolution: merged scenario file → one self-contained tree.

Actor and issue ids become mappings id → definition (read from ``actors/`` and ``issues/``
folders), each actor's capabilities for the window's start year are selected, and the
scenario's ``overrides:`` and then the command line's ``--set`` are applied by dotted path.
Nothing here judges values; :mod:`bargainsim.scenario.schema` does that afterwards.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bargainsim.errors import Problem, ScenarioError
from bargainsim.scenario.fields import IDENTIFIER
from bargainsim.scenario.quarters import Quarter
from bargainsim.scenario.yaml_core import load_value
from bargainsim.scenario.yaml_source import (
    KeyPath,
    Origin,
    Origins,
    format_path,
    load_yaml,
    parse_path,
)

# What a by_year entry holds, and what it may therefore not also be given beside it.
FIGURE_KEYS = ("gdp_usd_bn", "military_usd_bn", "nuclear")
DEFAULT_SECTIONS: dict[str, Any] = {
    "institutions": {},
    "interdependence": {},
    "initial_cooperation": {},
    "parameters": {},
    "events": [],
}


@dataclass
class Resolution:
    """The resolved tree with its origins, and the ids the scenario lists (for validation,
    including ids whose files could not be read, so they do not cause a second error)."""

    tree: dict
    origins: Origins
    actor_ids: list[str] = field(default_factory=list)
    issue_ids: list[str] = field(default_factory=list)
    # Values of actor and issue files that the scenario's own overrides replace: an edit
    # of those files has no effect in this scenario, which a user should be told.
    notices: list[str] = field(default_factory=list)


def resolve(
    tree: dict,
    origins: Origins,
    files: dict[str, Path],
    cli_sets: tuple[str, ...],
    problems: list[Problem],
) -> Resolution:
    """Build the resolved tree; every problem found is appended to ``problems``."""
    overrides = _overrides(tree, origins, problems)
    sets = [_parse_set(text, problems) for text in cli_sets]
    edits = overrides + [edit for edit in sets if edit is not None]

    resolved = {
        key: copy.deepcopy(value)
        for key, value in tree.items()
        if key not in ("actors", "issues", "overrides")
    }
    out = Resolution(resolved, origins.copy())
    out.origins.drop(("overrides",))
    for key, default in DEFAULT_SECTIONS.items():
        resolved.setdefault(key, copy.deepcopy(default))

    start_year = _start_year(tree, edits)
    out.actor_ids = _ids(tree, origins, "actors", problems)
    out.issue_ids = _ids(tree, origins, "issues", problems)
    wanted = set(out.actor_ids)
    resolved["actors"] = {}
    for actor_id in out.actor_ids:
        found = _definition(tree, origins, files, "actors", actor_id, problems)
        if found is not None:
            data, data_origins = found
            _select_capabilities(data, data_origins, start_year, problems)
            _keep_only(data, ("traits", "proximity"), wanted)
            _add(out, "actors", actor_id, data, data_origins)
    resolved["issues"] = {}
    for issue_id in out.issue_ids:
        found = _definition(tree, origins, files, "issues", issue_id, problems)
        if found is not None:
            data, data_origins = found
            _keep_only(data, ("positions",), wanted)
            _add(out, "issues", issue_id, data, data_origins)

    for path, value, origin, label in edits:
        if label.startswith("overrides.") and path[:1] in (("actors",), ("issues",)):
            notice = _hidden_definition(resolved, out.origins, path, value, origin, label)
            if notice:
                out.notices.append(notice)
        set_path(resolved, out.origins, path, value, origin, label, problems)
    out.tree = {key: resolved[key] for key in _ordered(resolved)}
    return out


def _hidden_definition(tree, origins: Origins, path, value, origin: Origin, label: str):
    """A note when an override replaces a value that an actor or issue file defines."""
    node = tree
    for key in path:
        in_mapping = isinstance(node, dict) and key in node
        in_list = isinstance(node, list) and isinstance(key, int) and key < len(node)
        if not (in_mapping or in_list):
            return None
        node = node[key]
    if node == value:
        return None
    file, line = origins.of(tuple(path))
    if file == origin[0] or file == "(unknown)":
        return None
    where = f"{file}:{line}" if line else file
    here = f"{origin[0]}:{origin[1]}" if origin[1] else origin[0]
    return (
        f"{here}: {label} replaces {format_path(tuple(path))} = {node!r} from {where}; "
        "an edit of that file's value has no effect in this scenario"
    )


def _ordered(tree: dict) -> list:
    """Keys in the order of the format description, unknown keys last (they are errors)."""
    known = ["id", "title", "source", "window", "actors", "issues", "closed_issues"]
    known += ["capability_data_until"]
    known += list(DEFAULT_SECTIONS)
    return [key for key in known if key in tree] + [key for key in tree if key not in known]


def _overrides(tree: dict, origins: Origins, problems: list[Problem]) -> list[tuple]:
    block = tree.get("overrides")
    if block is None:
        return []
    if not isinstance(block, dict):
        file, line = origins.of(("overrides",))
        problems.append(Problem(file, line, "overrides", block, "a mapping of key path: value"))
        return []
    edits = []
    for key, value in block.items():
        origin = origins.of(("overrides", str(key)))
        try:
            path = parse_path(str(key))
        except ValueError:
            problems.append(Problem(*origin, f"overrides.{key}", key, "a dotted key path"))
            continue
        edits.append((path, value, origin, f"overrides.{key}"))
    return edits


def _parse_set(text: str, problems: list[Problem]) -> tuple | None:
    origin: Origin = (f"--set {text}", None)
    key, sep, raw = text.partition("=")
    if not sep or not key.strip():
        problems.append(Problem(*origin, key.strip() or text, text, "KEY=VALUE"))
        return None
    try:
        path = parse_path(key)
    except ValueError:
        problems.append(Problem(*origin, key, key, "a dotted key path such as parameters.noise_sd"))
        return None
    try:
        value = load_value(raw)
    except yaml.YAMLError as error:
        expected = getattr(error, "expected", None) or f"a YAML value ({error})"
        problems.append(Problem(*origin, key, raw, expected))
        return None
    return path, value, origin, key.strip()


def _start_year(tree: dict, edits: list[tuple]) -> int | None:
    """The window's start year after overrides, to choose capabilities by year.

    Read ahead of the real override pass because capabilities are selected before it.
    """
    scratch = {"window": copy.deepcopy(tree.get("window"))}
    for path, value, _, _ in edits:
        if path and path[0] == "window":
            set_path(scratch, Origins(), path, value, ("", None), "", [])
    window = scratch["window"]
    try:
        return Quarter.parse(window["start"]).year
    except (TypeError, KeyError, ValueError):
        return None  # schema validation reports the window


def _ids(tree: dict, origins: Origins, section: str, problems: list[Problem]) -> list[str]:
    entries = tree.get(section)
    if isinstance(entries, dict):  # inline definitions, e.g. a resolved scenario read back
        entries = list(entries)
    if not isinstance(entries, list):
        file, line = origins.of((section,))
        problems.append(Problem(file, line, section, entries, f"a list of {section[:-1]} ids"))
        return []
    ids: list[str] = []
    for index, entry in enumerate(entries):
        file, line = origins.of((section, index))
        if not isinstance(entry, str) or not IDENTIFIER.match(entry):
            expected = "an id of letters, digits and _, starting with a letter"
            problems.append(Problem(file, line, f"{section}[{index}]", entry, expected))
        elif entry in ids:
            problems.append(Problem(file, line, f"{section}[{index}]", entry, "each id once"))
        else:
            ids.append(entry)
    return ids


def _definition(
    tree: dict,
    origins: Origins,
    files: dict[str, Path],
    section: str,
    item_id: str,
    problems: list[Problem],
) -> tuple[dict, Origins] | None:
    """An actor's or issue's definition: inline in the scenario, or its own file."""
    entries = tree[section]
    if isinstance(entries, dict):
        data = entries[item_id]
        if not isinstance(data, dict):
            file, line = origins.of((section, item_id))
            problems.append(Problem(file, line, f"{section}.{item_id}", data, "a mapping"))
            return None
        own = Origins()
        own.graft((), origins, (section, item_id))
        return copy.deepcopy(data), own
    index = entries.index(item_id)
    file, line = origins.of((section, index))
    path = find_definition_file(files.get(file, Path(file)).parent, section, item_id)
    if path is None:
        expected = f"a file {section}/{item_id}.yaml beside the scenario or in a folder above it"
        problems.append(Problem(file, line, f"{section}[{index}]", item_id, expected))
        return None
    try:
        data, own = load_yaml(path)
    except ScenarioError as error:
        problems.extend(error.problems)
        return None
    if not isinstance(data, dict):
        problems.append(Problem(own.of(())[0], 1, f"{section}.{item_id}", data, "a mapping"))
        return None
    if data.get("id", item_id) != item_id:
        where = own.of(("id",))
        problems.append(
            Problem(*where, f"{section}.{item_id}.id", data["id"], f"{item_id!r}, the file's name")
        )
    return data, own


def find_definition_file(start: Path, section: str, item_id: str) -> Path | None:
    """``<dir>/<section>/<id>.yaml`` for the nearest dir from ``start`` upwards, stopping
    after a folder named ``scenarios`` (the library root)."""
    for directory in [start, *start.parents]:
        candidate = directory / section / f"{item_id}.yaml"
        if candidate.is_file():
            return candidate
        if directory.name == "scenarios":
            break
    return None


def _select_capabilities(
    data: dict, origins: Origins, start_year: int | None, problems: list[Problem]
) -> None:
    """Replace ``capabilities.by_year`` by the latest year not after the window's start."""
    capabilities = data.get("capabilities")
    if not isinstance(capabilities, dict) or "by_year" not in capabilities:
        return
    by_year = capabilities["by_year"]
    where = origins.of(("capabilities", "by_year"))
    beside = [key for key in ("year", *FIGURE_KEYS) if key in capabilities]
    if beside:
        expected = "figures either by_year or beside it (as one figure or a series), not both"
        problems.append(Problem(*where, "capabilities.by_year", beside, expected))
    if not isinstance(by_year, dict) or not by_year:
        problems.append(Problem(*where, "capabilities.by_year", by_year, "a mapping year: values"))
        return
    years = [year for year in by_year if isinstance(year, int) and not isinstance(year, bool)]
    if len(years) != len(by_year):
        bad = [year for year in by_year if year not in years]
        problems.append(Problem(*where, "capabilities.by_year", bad, "years as whole numbers"))
        return
    eligible = [year for year in years if start_year is None or year <= start_year]
    if not eligible:
        expected = f"a year no later than the window's start year {start_year}"
        problems.append(Problem(*where, "capabilities.by_year", sorted(years), expected))
        return
    year = max(eligible)
    chosen = by_year[year]
    selected = {key: value for key, value in capabilities.items() if key != "by_year"}
    selected["year"] = year
    if isinstance(chosen, dict):
        selected.update(copy.deepcopy(chosen))
    else:
        selected["values"] = chosen  # reported by validation as a misplaced key
    data["capabilities"] = selected
    year_path = ("capabilities", "by_year", str(year))
    moved = Origins()
    moved.graft(("capabilities",), origins, ("capabilities",))
    moved.drop(("capabilities", "by_year"))
    moved.entries[("capabilities", "year")] = origins.of(year_path)
    moved.graft(("capabilities",), origins, year_path)
    origins.replace(("capabilities",), moved, ("capabilities",))


def _keep_only(data: dict, path: tuple[str, ...], wanted: set[str]) -> None:
    """Drop entries for actors outside the scenario: actor and issue files are shared by
    scenarios of different sizes, so they may name more actors than one scenario has."""
    node: Any = data
    for key in path:
        node = node.get(key) if isinstance(node, dict) else None
    if isinstance(node, dict):
        # A key that is not text (``true:``, ``1:``) is left for validation to report.
        for key in [key for key in node if isinstance(key, str) and key not in wanted]:
            del node[key]


def _add(out: Resolution, section: str, item_id: str, data: dict, origins: Origins) -> None:
    out.tree[section][item_id] = data
    out.origins.replace((section, item_id), origins)


def set_path(
    tree: Any,
    origins: Origins,
    path: KeyPath,
    value: Any,
    origin: Origin,
    label: str,
    problems: list[Problem],
) -> None:
    """Set one value by key path. The path must lead through existing mappings and lists;
    only its last key may be new (a new leaf of a known mapping)."""
    node = tree
    for depth, key in enumerate(path):
        last = depth == len(path) - 1
        here = format_path(path[: depth + 1])
        if isinstance(node, dict) and isinstance(key, str):
            match = next((k for k in node if str(k) == key), None)
            if match is None and not last:
                known = ", ".join(str(k) for k in node) or "none"
                problems.append(Problem(*origin, label, value, f"{here} to exist (known: {known})"))
                return
            if last:
                node[key if match is None else match] = copy.deepcopy(value)
            else:
                node = node[match]
        elif isinstance(node, list) and isinstance(key, int):
            if key >= len(node):
                expected = f"{here} to exist (the list has {len(node)} entries)"
                problems.append(Problem(*origin, label, value, expected))
                return
            if last:
                node[key] = copy.deepcopy(value)
            else:
                node = node[key]
        else:
            kind = {dict: "mapping", list: "list"}.get(type(node), "single value")
            expected = f"a path that fits the tree ({format_path(path[:depth])} is a {kind})"
            problems.append(Problem(*origin, label, value, expected))
            return
    origins.set(tuple(path), origin)
