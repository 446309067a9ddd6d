"""YAML reading that remembers where every value came from.

Scenario trees are merged from several files (actor files, issue files, parent scenarios,
``--set``), so an error message can only name the right file and line if every key path
keeps its origin through the merge. :class:`Origins` is that record; paths are tuples
whose items are ``str`` for mapping keys and ``int`` for list positions.
"""

from __future__ import annotations

import copy
import os
import re
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml

from bargainsim.errors import Problem, ScenarioError
from bargainsim.scenario.yaml_core import MAX_DEPTH, CoreLoader, Oversized, oversized_expected

KeyPath = tuple[str | int, ...]
Origin = tuple[str, int | None]

# Aliases let a small file expand into a huge tree ("billion laughs"); no honest scenario
# comes near this many values.
MAX_VALUES_PER_FILE = 200_000
# Parsed files by (display name, text): a design of hundreds of variants of one scenario
# reads the same actor and issue files for every variant, and parsing them is most of the
# cost of a load. Keyed on the text itself, so an edited file is always parsed anew.
PARSED_CACHE_SIZE = 256
_parsed: OrderedDict[tuple[str, str], tuple[Any, Origins]] = OrderedDict()


def display_name(path: Path) -> str:
    """How a file is named in messages: relative to the working directory when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def format_path(path: Iterable[str | int]) -> str:
    """``("events", 2, "quarter")`` → ``"events[2].quarter"``."""
    text = ""
    for item in path:
        if isinstance(item, int):
            text += f"[{item}]"
        else:
            text += f".{item}" if text else str(item)
    return text or "(top level)"


_SEGMENT = re.compile(r"([^.\[\]]+)((?:\[[0-9]+\])*)")


def parse_path(text: str) -> KeyPath:
    """``"events[2].probability"`` → ``("events", 2, "probability")``.

    Raises ``ValueError`` if the text is not a dotted path."""
    path: list[str | int] = []
    for segment in text.strip().split("."):
        match = _SEGMENT.fullmatch(segment)
        if match is None:
            raise ValueError(f"malformed key path {text!r}")
        path.append(match.group(1))
        path.extend(int(index) for index in re.findall(r"\[([0-9]+)\]", match.group(2)))
    return tuple(path)


class Origins:
    """Key path → (file, line) of the value at that path.

    A path with no entry of its own takes the origin of its nearest recorded ancestor, so
    a missing key is reported at the line of the mapping that should hold it. Paths set by
    an override (``overrides:``, ``--set``) are also kept in ``overrides``, in the order
    applied, so that a problem they cause in an enclosing value is blamed on them.
    """

    def __init__(
        self,
        entries: dict[KeyPath, Origin] | None = None,
        overrides: dict[KeyPath, Origin] | None = None,
    ):
        self.entries: dict[KeyPath, Origin] = dict(entries or {})
        self.overrides: dict[KeyPath, Origin] = dict(overrides or {})

    def copy(self) -> Origins:
        return Origins(self.entries, self.overrides)

    def of(self, path: KeyPath) -> Origin:
        for length in range(len(path), -1, -1):
            origin = self.entries.get(tuple(path[:length]))
            if origin is not None:
                return origin
        return ("(unknown)", None)

    def drop(self, prefix: KeyPath) -> None:
        """Forget every path at or under ``prefix`` (its value is being replaced)."""
        n = len(prefix)
        for path in [p for p in self.entries if p[:n] == prefix]:
            del self.entries[path]
        for path in [p for p in self.overrides if p[:n] == prefix]:
            del self.overrides[path]

    def graft(self, prefix: KeyPath, other: Origins, other_prefix: KeyPath = ()) -> None:
        """Copy ``other``'s origins at or under ``other_prefix`` to sit under ``prefix``."""
        n = len(other_prefix)
        for path, origin in other.entries.items():
            if path[:n] == other_prefix:
                self.entries[prefix + path[n:]] = origin

    def replace(self, prefix: KeyPath, other: Origins, other_prefix: KeyPath = ()) -> None:
        self.drop(prefix)
        self.graft(prefix, other, other_prefix)

    def set(self, prefix: KeyPath, origin: Origin) -> None:
        """Everything at or under ``prefix`` now comes from one override."""
        self.drop(prefix)
        self.entries[prefix] = origin
        self.overrides[prefix] = origin

    def problem(self, path: KeyPath, value: object, expected: str) -> Problem:
        """A problem found at ``path``, located where the user can fix it: at ``path``'s
        origin, or at the last override that changed a value below ``path`` (a sum of
        weights broken by ``--set`` is the ``--set``'s fault, not the actor file's)."""
        file, line = own = self.of(path)
        n = len(path)
        below = [o for p, o in self.overrides.items() if len(p) > n and p[:n] == tuple(path)]
        if n and below and below[-1] != own:
            file, line = below[-1]
            rest = own[0] if own[1] is None else f"{own[0]}:{own[1]}"
            expected = f"{expected} (the rest of {format_path(path)} is from {rest})"
        return Problem(file, line, format_path(path), value, expected)


class _LineLoader(CoreLoader):
    """A core-schema loader that notes the line of every mapping key and list item it builds."""

    def __init__(self, stream: str):
        super().__init__(stream)
        self.lines: dict[int, dict[Any, int] | list[int]] = {}
        self.keep_alive: list[Any] = []  # ids in ``lines`` must stay unique while loading
        self.duplicates: list[tuple[Any, int]] = []

    def construct_lined_map(self, node: yaml.MappingNode):
        data: dict[Any, Any] = {}
        yield data
        seen: set[Any] = set()
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node)
            try:
                if key in seen:
                    self.duplicates.append((key, key_node.start_mark.line + 1))
                seen.add(key)
            except TypeError:
                pass  # unhashable: construct_mapping below reports it with its line
        data.update(self.construct_mapping(node))
        # After construct_mapping merge keys (<<) are flattened into node.value.
        self.lines[id(data)] = {
            self.construct_object(key_node): key_node.start_mark.line + 1
            for key_node, _ in node.value
        }
        self.keep_alive.append(data)

    def construct_lined_seq(self, node: yaml.SequenceNode):
        data: list[Any] = []
        yield data
        data.extend(self.construct_sequence(node))
        self.lines[id(data)] = [item.start_mark.line + 1 for item in node.value]
        self.keep_alive.append(data)


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_lined_map)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_lined_seq)


def _problem(file: str, line: int | None, value: object, expected: str) -> ScenarioError:
    return ScenarioError([Problem(file, line, "(file)", value, expected)])


def load_yaml(path: Path) -> tuple[Any, Origins]:
    """Read one YAML file safely; return its data and the origin of every key path.

    Raises ``FileNotFoundError`` if the file is absent (callers know which entry named it)
    and :class:`ScenarioError` for unreadable text or YAML syntax errors.
    """
    name = display_name(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise _problem(name, None, str(error), "a UTF-8 text file") from None
    except IsADirectoryError:
        raise _problem(name, None, "a directory", "a YAML file") from None
    cached = _parsed.get((name, text))
    if cached is not None:
        _parsed.move_to_end((name, text))
        return copy.deepcopy(cached[0]), cached[1].copy()
    data, origins = _parse(name, text)
    _parsed[(name, text)] = (copy.deepcopy(data), origins.copy())
    while len(_parsed) > PARSED_CACHE_SIZE:
        _parsed.popitem(last=False)
    return data, origins


def _parse(name: str, text: str) -> tuple[Any, Origins]:
    try:
        loader = _LineLoader(text)
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else "?"
        expected = "printable text (no control characters other than tab and line breaks)"
        raise _problem(name, line, character, expected) from None
    try:
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        what = " ".join(part for part in (error.context, error.problem) if part)
        raise _problem(name, line, what, getattr(error, "expected", "valid YAML")) from None
    except yaml.YAMLError as error:
        raise _problem(name, None, str(error), "valid YAML") from None
    except RecursionError:  # e.g. a long chain of merge keys (<<), which PyYAML recurses on
        raise _problem(name, None, "nesting too deep", "a tree of modest depth") from None
    finally:
        loader.dispose()
    if loader.duplicates:
        raise ScenarioError(
            [
                Problem(name, line, str(key), key, "each key at most once in a mapping")
                for key, line in loader.duplicates
            ]
        )
    origins = Origins({(): (name, 1)})
    oversized: list[Problem] = []
    _record(data, (), loader.lines, name, origins, [0], set(), oversized)
    if oversized:
        raise ScenarioError(oversized)
    return data, origins


def _record(
    value: Any,
    path: KeyPath,
    lines: dict[int, Any],
    name: str,
    origins: Origins,
    count: list[int],
    active: set[int],
    oversized: list[Problem],
) -> None:
    """Walk the loaded data, copying the lines noted by the loader into ``origins``, and
    report the integers too large to read at their key paths."""
    count[0] += 1
    if count[0] > MAX_VALUES_PER_FILE:
        raise _problem(name, None, "too many values", "a scenario file of modest size")
    if isinstance(value, Oversized):
        shown = value if len(value) <= 24 else f"{value[:12]}...({len(value)} digits)"
        file, line = origins.of(path)
        oversized.append(Problem(file, line, format_path(path), shown, oversized_expected()))
        return
    if not isinstance(value, dict | list):
        return
    if len(path) > MAX_DEPTH:  # reachable through aliases only; the loader bounds the rest
        raise _problem(name, origins.of(path)[1], "nesting too deep", "a tree of modest depth")
    if id(value) in active:
        raise _problem(name, origins.of(path)[1], "a value that contains itself", "a tree")
    active.add(id(value))
    noted = lines.get(id(value))
    items = value.items() if isinstance(value, dict) else enumerate(value)
    for key, child in items:
        child_path = (*path, key if isinstance(value, list) else str(key))
        line = None
        if isinstance(value, dict) and isinstance(noted, dict):
            line = noted.get(key)
        elif isinstance(noted, list) and key < len(noted):
            line = noted[key]
        if line is not None:
            origins.entries[child_path] = (name, line)
        if isinstance(key, Oversized):
            _record(key, child_path, lines, name, origins, count, active, oversized)
        _record(child, child_path, lines, name, origins, count, active, oversized)
    active.discard(id(value))
