"""Reader for KTAB's SMP input CSV (ALGORITHM.md §1).

Format: line 1 ``scenario name, description, N, D``; line 2 column titles (``Actor,
Description, <capability>``, then a position and a salience title per dimension); then N
actor lines ``name, description, capability, position_0, salience_0, …``.

Accepted as KTAB accepts it: a field that starts with a double quote may hold commas up
to its closing quote (the quotes are dropped); trailing commas and extra fields are
ignored; a UTF-8 byte-order mark is dropped; CRLF or LF line ends; numbers are read as the
leading numeric prefix of a field, with surrounding spaces allowed; lines after the N-th
actor line are ignored. One harmless extension: blank lines are skipped anywhere (KTAB
stops reading at the first one). KTAB's range checks apply: 3 ≤ N ≤ 250, D ≥ 1,
0 ≤ capability ≤ 1e8, positions and saliences in [0, 100], each actor's running salience
total at most 100, names of 1–25 characters. KTAB sets no upper bound on D; this reader
takes at most :data:`MAX_DIMENSIONS`, checked before anything is allocated, so that a
typo in a two-line header cannot ask for gigabytes. Numbers are ASCII digits. Every
problem found is reported together as a :class:`~bargainsim.errors.KtabFormatError`,
the first :data:`MAX_LISTED_PROBLEMS` listed and the rest counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bargainsim.errors import KtabFormatError, Problem

MIN_ACTORS, MAX_ACTORS = 3, 250
MAX_CAPABILITY = 1e8
MAX_DIMENSIONS = 1000  # 250 x 1000 positions and saliences: 4 MB
MAX_NAME_LENGTH = 25
MAX_LISTED_PROBLEMS = 50
SCALE = 100.0

_NUMBER_PREFIX = re.compile(r"\s*([+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)")
_INTEGER_PREFIX = re.compile(r"\s*(\+?[0-9]+)")
_LONGEST_COUNT = 9  # digits: more cannot be a count within the bounds


@dataclass(frozen=True)
class KtabScenario:
    """A KTAB scenario: labels, and arrays on the engine's [0, 1] scale.

    ``capability (N,)`` unscaled; ``position``, ``salience (N, D)`` = file value / 100.
    """

    name: str
    description: str
    actor_names: tuple[str, ...]
    actor_descriptions: tuple[str, ...]
    capability_title: str
    dimension_names: tuple[str, ...]
    capability: np.ndarray
    position: np.ndarray
    salience: np.ndarray

    def state(self):
        """The scenario's initial :class:`~bargainsim.bargaining.state.SMPState`."""
        from bargainsim.bargaining.state import SMPState

        return SMPState(self.capability, self.position, self.salience)


def split_fields(line: str) -> list[str]:
    """Split one CSV line on commas; a field starting with ``"`` runs to its closing quote."""
    fields: list[str] = []
    start = 0
    length = len(line)
    while start <= length:
        if line.startswith('"', start):
            close = line.find('"', start + 1)
            if close < 0:
                close = length
            end = line.find(",", close)
            end = length if end < 0 else end
            fields.append(line[start + 1 : close] + line[close + 1 : end])
        else:
            end = line.find(",", start)
            end = length if end < 0 else end
            fields.append(line[start:end])
        start = end + 1
    return fields


def read_ktab_csv(path: str | Path) -> KtabScenario:
    """Read a KTAB CSV file; raises :class:`KtabFormatError` naming every problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise KtabFormatError(
            [Problem(str(path), None, "file", str(error.strerror), "a readable KTAB CSV file")]
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    return parse_ktab_csv(text, file=str(path))


def parse_ktab_csv(text: str, file: str = "<string>") -> KtabScenario:
    """Parse KTAB CSV text (see the module docstring for the accepted format)."""
    text = text.removeprefix("\ufeff")
    lines = [
        (number, line.removesuffix("\r"))
        for number, line in enumerate(text.split("\n"), start=1)
        if line.strip()
    ]
    problems: list[Problem] = []
    omitted = 0

    def problem(line: int | None, key: str, value: object, expected: str) -> None:
        nonlocal omitted
        if len(problems) < MAX_LISTED_PROBLEMS:
            problems.append(Problem(file, line, key, value, expected))
        else:
            omitted += 1

    def field(row: list[str], index: int, line: int, key: str) -> str | None:
        if index < len(row):
            return row[index]
        problem(line, key, None, "a field here (the line has too few fields)")
        return None

    def number(raw: str | None, line: int, key: str, low: float, high: float) -> float:
        if raw is None:
            return np.nan
        match = _NUMBER_PREFIX.match(raw)
        if match is None:
            problem(line, key, raw, "a number")
            return np.nan
        value = float(match.group(1))
        if not low <= value <= high:
            problem(line, key, value, f"a number in [{low:g}, {high:g}]")
        return value

    def finish() -> None:
        if problems:
            raise KtabFormatError(problems, omitted)

    if not lines:
        raise KtabFormatError([Problem(file, 1, "header", "", "a KTAB header line")])
    header_line, header_text = lines[0]
    header = split_fields(header_text)
    name = field(header, 0, header_line, "header.scenario_name") or ""
    description = field(header, 1, header_line, "header.scenario_description") or ""
    n_actors = _count(
        field(header, 2, header_line, "header.n_actors"),
        header_line,
        "header.n_actors",
        MIN_ACTORS,
        MAX_ACTORS,
        problem,
    )
    n_dims = _count(
        field(header, 3, header_line, "header.n_dims"),
        header_line,
        "header.n_dims",
        1,
        MAX_DIMENSIONS,
        problem,
    )
    finish()

    if len(lines) < 2:
        problem(header_line + 1, "titles", None, "a line of column titles")
        finish()
    titles_line, titles_text = lines[1]
    titles = split_fields(titles_text)
    for index, key in enumerate(("titles.actor", "titles.description", "titles.capability")):
        field(titles, index, titles_line, key)
    dimension_names = []
    for k in range(n_dims):
        dimension_names.append(field(titles, 3 + 2 * k, titles_line, f"titles.position[{k}]") or "")
        field(titles, 4 + 2 * k, titles_line, f"titles.salience[{k}]")
    capability_title = titles[2] if len(titles) > 2 else ""

    actor_lines = lines[2 : 2 + n_actors]
    if len(actor_lines) < n_actors:
        last = lines[-1][0]
        problem(
            last + 1,
            f"actors[{len(actor_lines)}]",
            None,
            f"{n_actors} actor lines (the header says N = {n_actors}); found {len(actor_lines)}",
        )
    names, descriptions = [], []
    capability = np.full(n_actors, np.nan)
    position = np.full((n_actors, n_dims), np.nan)
    salience = np.full((n_actors, n_dims), np.nan)
    for i, (line, row_text) in enumerate(actor_lines):
        row = split_fields(row_text)
        actor_name = field(row, 0, line, f"actors[{i}].name")
        if actor_name is not None and not 1 <= len(actor_name) <= MAX_NAME_LENGTH:
            problem(
                line,
                f"actors[{i}].name",
                actor_name,
                f"a name of 1 to {MAX_NAME_LENGTH} characters",
            )
        names.append(actor_name or "")
        descriptions.append(field(row, 1, line, f"actors[{i}].description") or "")
        capability[i] = number(
            field(row, 2, line, f"actors[{i}].capability"),
            line,
            f"actors[{i}].capability",
            0.0,
            MAX_CAPABILITY,
        )
        running_salience = 0.0
        for k in range(n_dims):
            key = f"actors[{i}]"
            raw_position = number(
                field(row, 3 + 2 * k, line, f"{key}.position[{k}]"),
                line,
                f"{key}.position[{k}]",
                0.0,
                SCALE,
            )
            raw_salience = number(
                field(row, 4 + 2 * k, line, f"{key}.salience[{k}]"),
                line,
                f"{key}.salience[{k}]",
                0.0,
                SCALE,
            )
            running_salience = running_salience + raw_salience
            if running_salience > SCALE:
                problem(
                    line,
                    f"{key}.salience[{k}]",
                    raw_salience,
                    f"saliences totalling at most {SCALE:g} (running total {running_salience:g})",
                )
            position[i, k] = raw_position / SCALE
            salience[i, k] = raw_salience / SCALE
    finish()
    return KtabScenario(
        name=name,
        description=description,
        actor_names=tuple(names),
        actor_descriptions=tuple(descriptions),
        capability_title=capability_title,
        dimension_names=tuple(dimension_names),
        capability=capability,
        position=position,
        salience=salience,
    )


def _count(raw, line, key, low, high, problem) -> int:
    if raw is None:
        return 0
    match = _INTEGER_PREFIX.match(raw)
    if match is None:
        problem(line, key, raw, "a whole number")
        return 0
    digits = match.group(1).lstrip("+")
    value = int(digits) if len(digits.lstrip("0")) <= _LONGEST_COUNT else None
    if value is None or not low <= value <= high:
        shown = value if value is not None else f"{digits[:12]}...({len(digits)} digits)"
        problem(line, key, shown, f"a whole number in [{low}, {high}]")
        return 0
    return value
