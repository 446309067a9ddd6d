"""Historical records: what happened to each dyad, to score trajectories against.

Two forms (docs/history.md):

- **Coded periods** (YAML): per dyad ``A-B`` a list of contiguous periods ``{from, to,
  direction: up|down|flat, level: -3..3, sources: [...]}`` covering the record's window.
- **A quantitative series** (CSV ``dyad,quarter,value``, e.g. quarterly Goldstein-scaled
  event-data aggregates): turned into one period per calendar year, its direction the
  sign of the year's change beyond half the dyad's typical yearly change (so that the
  noise of a series does not count as movement), its level the year-end value.

Every problem is reported at once as a :class:`~bargainsim.errors.RecordError` with file,
line, key path and what was expected.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bargainsim.errors import Problem, RecordError, ScenarioError
from bargainsim.scenario.quarters import Quarter
from bargainsim.scenario.yaml_source import display_name, format_path, load_yaml

DIRECTIONS = ("up", "down", "flat")
TOP_KEYS = {"id", "title", "window", "codebook", "dyads", "notes"}
PERIOD_KEYS = {"from", "to", "direction", "level", "sources", "note"}


@dataclass(frozen=True)
class Period:
    dyad: str  # "A-B" as the record writes it
    start: Quarter
    end: Quarter
    direction: str
    level: float | None
    sources: tuple[str, ...]
    note: str = ""

    @property
    def actors(self) -> frozenset[str]:
        return frozenset(self.dyad.split("-"))


@dataclass(frozen=True)
class Record:
    id: str
    path: Path
    periods: tuple[Period, ...]
    quantitative: bool = False

    def dyads(self) -> list[str]:
        return list(dict.fromkeys(p.dyad for p in self.periods))


def load_record(path: Path | str, actors=None) -> Record:
    """Read a record (``.csv``: a series; otherwise YAML periods); ``actors``, if given,
    are the scenario's, and every dyad must be a pair of them."""
    path = Path(path)
    name = display_name(path)
    if not path.is_file():
        raise RecordError([Problem(name, None, "(file)", str(path), "a record file")])
    if path.suffix.lower() == ".csv":
        return _series(path, name, actors)
    return _periods(path, name, actors)


def _quarter(text, problems, where) -> Quarter | None:
    try:
        return Quarter.parse(str(text))
    except (ValueError, TypeError):
        problems.append(Problem(*where, text, "a quarter written YYYYQn, e.g. 2014Q1"))
        return None


def _dyad(text, problems, where, actors) -> str | None:
    parts = text.split("-") if isinstance(text, str) else []
    if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
        problems.append(Problem(*where, text, "a dyad written A-B with two different actors"))
        return None
    if actors is not None and not set(parts) <= set(actors):
        listed = ", ".join(sorted(actors))
        problems.append(Problem(*where, text, f"a dyad of the scenario's actors ({listed})"))
        return None
    return text


def _periods(path: Path, name: str, actors) -> Record:
    try:
        data, origins = load_yaml(path)
    except ScenarioError as error:
        raise RecordError(error.problems) from None
    problems: list[Problem] = []

    def at(*key) -> tuple[str, int | None, str]:
        return name, origins.of(key)[1], format_path(key) or "(file)"

    if not isinstance(data, dict) or not isinstance(data.get("dyads"), dict):
        raise RecordError([Problem(*at(), type(data).__name__, "a mapping with a 'dyads' map")])
    for key in sorted(set(data) - TOP_KEYS, key=str):
        problems.append(Problem(*at(key), data[key], f"one of {', '.join(sorted(TOP_KEYS))}"))
    periods: list[Period] = []
    seen: dict[frozenset, str] = {}
    for dyad, items in data["dyads"].items():
        if _dyad(dyad, problems, at("dyads", dyad), actors) is None:
            continue
        pair = frozenset(dyad.split("-"))
        if pair in seen:
            problems.append(
                Problem(*at("dyads", dyad), dyad, f"a dyad not given twice ({seen[pair]})")
            )
            continue
        seen[pair] = dyad
        if not isinstance(items, list) or not items:
            problems.append(Problem(*at("dyads", dyad), items, "a non-empty list of periods"))
            continue
        previous: Period | None = None
        for k, item in enumerate(items):
            key = ("dyads", dyad, k)
            if not isinstance(item, dict):
                problems.append(Problem(*at(*key), item, "a mapping with from, to, direction"))
                continue
            for extra in sorted(set(item) - PERIOD_KEYS, key=str):
                expected = f"one of {', '.join(sorted(PERIOD_KEYS))}"
                problems.append(Problem(*at(*key, extra), item[extra], expected))
            start = _quarter(item.get("from"), problems, at(*key, "from"))
            end = _quarter(item.get("to"), problems, at(*key, "to"))
            direction = item.get("direction")
            if direction not in DIRECTIONS:
                problems.append(Problem(*at(*key, "direction"), direction, "up, down or flat"))
            level = item.get("level")
            if level is not None and (
                isinstance(level, bool) or not isinstance(level, int) or not -3 <= level <= 3
            ):
                problems.append(Problem(*at(*key, "level"), level, "an integer from -3 to 3"))
            sources = item.get("sources")
            if (
                not isinstance(sources, list)
                or not sources
                or not all(isinstance(s, str) and s.strip() for s in sources)
            ):
                problems.append(Problem(*at(*key, "sources"), sources, "a list of sources"))
                sources = []
            if start is None or end is None or direction not in DIRECTIONS:
                continue
            if end < start:
                problems.append(Problem(*at(*key, "to"), str(end), f"no earlier than {start}"))
                continue
            if previous is not None and start != previous.end + 1:
                what = "overlaps" if start <= previous.end else "leaves a gap after"
                problems.append(
                    Problem(
                        *at(*key, "from"),
                        str(start),
                        f"the quarter after the previous period ({previous.end + 1}); "
                        f"this one {what} it",
                    )
                )
            period = Period(
                dyad, start, end, direction, level, tuple(sources), str(item.get("note", ""))
            )
            periods.append(period)
            previous = period
    if problems:
        raise RecordError(problems)
    return Record(str(data.get("id", path.stem)), path, tuple(periods))


def _series(path: Path, name: str, actors) -> Record:
    problems: list[Problem] = []
    values: dict[str, dict[Quarter, float]] = {}
    with open(path, newline="", encoding="utf-8") as stream:
        rows = list(csv.reader(stream))
    if not rows or [c.strip() for c in rows[0]] != ["dyad", "quarter", "value"]:
        raise RecordError(
            [Problem(name, 1, "(header)", rows[0] if rows else "", "dyad,quarter,value")]
        )
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != 3:
            problems.append(Problem(name, line, "(row)", ",".join(row), "three fields"))
            continue
        dyad = _dyad(row[0].strip(), problems, (name, line, "dyad"), actors)
        quarter = _quarter(row[1].strip(), problems, (name, line, "quarter"))
        try:
            value = float(row[2])
            if not np.isfinite(value):
                raise ValueError
        except ValueError:
            problems.append(Problem(name, line, "value", row[2], "a finite number"))
            continue
        if dyad is None or quarter is None:
            continue
        series = values.setdefault(dyad, {})
        if quarter in series:
            problems.append(Problem(name, line, "quarter", str(quarter), "each quarter once"))
        series[quarter] = value
    if problems:
        raise RecordError(problems)
    periods = []
    for dyad, series in values.items():
        periods += _yearly_periods(dyad, series, str(path.name))
    return Record(path.stem, path, tuple(periods), quantitative=True)


def _yearly_periods(dyad: str, series: dict[Quarter, float], source: str) -> list[Period]:
    """One period per calendar year with all four quarters and the quarter before."""
    years = sorted({q.year for q in series})
    changes = {}
    for year in years:
        quarters = [Quarter(year, k) for k in range(1, 5)]
        before = quarters[0] + -1
        if before in series and all(q in series for q in quarters):
            changes[year] = series[quarters[-1]] - series[before]
    if not changes:
        return []
    band = 0.5 * float(np.median(np.abs(list(changes.values()))))
    periods = []
    for year, change in changes.items():
        direction = "up" if change > band else "down" if change < -band else "flat"
        end = Quarter(year, 4)
        periods.append(
            Period(
                dyad, Quarter(year, 1), end, direction, series[end], (source,), "from the series"
            )
        )
    return periods
