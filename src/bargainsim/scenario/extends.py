"""Scenario inheritance: follow ``extends`` and deep-merge each child onto its parent.

Merging happens on the scenario files' own trees (actor and issue ids still as lists);
actor and issue files are read afterwards, once, for the merged scenario.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from bargainsim.errors import Problem, ScenarioError
from bargainsim.scenario.yaml_source import (
    KeyPath,
    Origins,
    display_name,
    format_path,
    load_yaml,
)

LIST_EDIT_KEYS = frozenset({"add", "remove"})
# Real scenarios extend one or two levels; a bound keeps a runaway chain from exhausting
# the stack (each level is one recursive call and one merge).
MAX_EXTENDS_DEPTH = 32
MAX_NAME_PART = 255  # the longest file name most file systems allow


def load_chain(path: Path, problems: list[Problem]) -> tuple[dict, Origins, dict[str, Path]]:
    """The scenario file merged onto its ``extends`` ancestors.

    Returns the merged tree (without ``extends``), its origins, and the real path of
    every file read by its display name (actor and issue files are looked up from there).
    """
    files: dict[str, Path] = {}
    tree, origins = _load(path, [], files, problems)
    return tree, origins, files


def _load(
    path: Path, visiting: list[Path], files: dict[str, Path], problems: list[Problem]
) -> tuple[dict, Origins]:
    name = display_name(path)
    files[name] = path
    try:
        data, origins = load_yaml(path)
    except FileNotFoundError:
        missing = Problem(name, None, "(file)", str(path), "an existing file")
        raise ScenarioError([missing]) from None
    if not isinstance(data, dict):
        raise ScenarioError([Problem(name, 1, "(top level)", data, "a mapping of keys")])
    parent_ref = data.pop("extends", None)
    if parent_ref is None:
        return data, origins
    line = origins.of(("extends",))[1]
    if not isinstance(parent_ref, str) or not parent_ref.strip():
        problems.append(Problem(name, line, "extends", parent_ref, "a scenario file path"))
        return data, origins
    unusable = _unusable_path(parent_ref)
    if unusable:
        problems.append(Problem(name, line, "extends", parent_ref, unusable))
        return data, origins
    if len(visiting) >= MAX_EXTENDS_DEPTH:
        expected = f"a chain of at most {MAX_EXTENDS_DEPTH} extends"
        raise ScenarioError([Problem(name, line, "extends", parent_ref, expected)])
    parent_path = path.parent / parent_ref
    try:
        chain = [*visiting, path.resolve()]
        resolved = parent_path.resolve()
        exists = parent_path.is_file()
    except (OSError, RuntimeError, ValueError):  # a path too long overall, a symlink loop
        exists = False
    if not exists:
        problems.append(
            Problem(name, line, "extends", parent_ref, f"an existing file ({parent_path})")
        )
        return data, origins
    if resolved in chain:
        cycle = chain[chain.index(resolved) :]
        names = " -> ".join(display_name(p) for p in [*cycle, cycle[0]])
        raise ScenarioError(
            [Problem(name, line, "extends", parent_ref, f"no cycle of extends; found {names}")]
        )
    parent, parent_origins = _load(parent_path, chain, files, problems)
    merged_origins = parent_origins.copy()
    merged_origins.entries[()] = origins.entries[()]
    merged = merge(parent, data, (), merged_origins, origins, problems)
    return merged, merged_origins


def _unusable_path(reference: str) -> str | None:
    """Why ``reference`` cannot name a file on any system, or ``None`` if it can."""
    if any(ord(character) < 32 or ord(character) == 127 for character in reference):
        return "a scenario file path of printable characters"
    if any(len(part) > MAX_NAME_PART for part in Path(reference).parts):
        return f"a scenario file path whose names have at most {MAX_NAME_PART} characters"
    return None


def is_list_edit(value: Any) -> bool:
    """``{add: [...], remove: [...]}``: edit the parent's list instead of replacing it."""
    return (
        isinstance(value, dict)
        and bool(value)
        and set(value) <= LIST_EDIT_KEYS
        and all(isinstance(item, list) for item in value.values())
    )


def merge(
    base: Any,
    over: Any,
    path: KeyPath,
    origins: Origins,
    over_origins: Origins,
    problems: list[Problem],
) -> Any:
    """Deep-merge ``over`` onto ``base``; ``origins`` (a copy of base's) is updated in place.

    Mappings merge key by key, a ``null`` value deleting the key; anything else replaces,
    except a list edit (``{add: [...], remove: [...]}``) onto a list. An override's value
    replaces the parent's override of the same key whole, as if applied after it.
    """
    if isinstance(base, dict) and isinstance(over, dict):
        result = dict(base)
        for key, value in over.items():
            child = (*path, str(key))
            if value is None:  # a child writes `key: null` to drop the parent's key
                result.pop(key, None)
                origins.drop(child)
            elif key in base and path != ("overrides",):
                result[key] = merge(base[key], value, child, origins, over_origins, problems)
            else:
                result[key] = copy.deepcopy(value)
                origins.replace(child, over_origins, child)
        return result
    if isinstance(base, list) and is_list_edit(over):
        return _edit_list(base, over, path, origins, over_origins, problems)
    origins.replace(path, over_origins, path)
    return copy.deepcopy(over)


def _matches(item: Any, ref: Any) -> bool:
    """A ``remove`` entry names an item itself, or the ``id`` of a mapping item (events)."""
    return item == ref or (isinstance(item, dict) and item.get("id") == ref)


def _edit_list(
    base: list,
    edit: dict,
    path: KeyPath,
    origins: Origins,
    over_origins: Origins,
    problems: list[Problem],
) -> list:
    removals = edit.get("remove", [])
    for index, ref in enumerate(removals):
        if not any(_matches(item, ref) for item in base):
            file, line = over_origins.of((*path, "remove", index))
            problems.append(
                Problem(
                    file,
                    line,
                    format_path((*path, "remove", index)),
                    ref,
                    "an entry of the parent scenario's list",
                )
            )
    kept = [
        (item, origins, (*path, index))
        for index, item in enumerate(base)
        if not any(_matches(item, ref) for ref in removals)
    ]
    added = [
        (item, over_origins, (*path, "add", index))
        for index, item in enumerate(edit.get("add", []))
    ]
    renumbered = Origins()
    for new_index, (_, source, source_path) in enumerate(kept + added):
        renumbered.graft((*path, new_index), source, source_path)
    own = over_origins.of(path)
    origins.drop(path)
    origins.entries[path] = own
    origins.graft((), renumbered)
    return [copy.deepcopy(item) for item, _, _ in kept + added]
