"""Claims files: the papers' forecasts as data (docs/claims.md).

A claims file is YAML::

    paper: "Xu Hongfeng (2008), The Trends of Russia-US Relations ..."
    scenario: ../xu2008_medvedev.yaml            # the paper's own scenario (optional)
    counterfactual: ../xu2008_without_drivers.yaml   # the paper's drivers removed (optional)
    claims:
      - id: xu_III_i_rivalry
        section: "III.i"
        quote: "the conflict and contention between Russia and the United States is likely
          to escalate within the tenure of President Medvedev"
        headline: true
        observable: {kind: cooperation, dyad: RUS-USA, variable: composite}
        window: {start: 2008Q3, end: 2012Q1}
        test: {type: decreasing}

Every problem found is reported at once as a :class:`ClaimError` naming file, line, key
path, the bad value and what was expected. Observable kinds and test types are looked up
in their registries (:mod:`bargainsim.compare.observables`,
:mod:`bargainsim.compare.claim_tests`), so a user extends them without touching this file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bargainsim.compare.claim_tests import CLAIM_TESTS, ClaimTest, Reading
from bargainsim.compare.observables import OBSERVABLES, ObservableKind
from bargainsim.errors import ClaimError, Problem, ScenarioError
from bargainsim.scenario.fields import IDENTIFIER
from bargainsim.scenario.quarters import Quarter
from bargainsim.scenario.yaml_source import Origins, display_name, format_path, load_yaml

TOP_KEYS = {"paper", "scenario", "counterfactual", "claims", "notes"}
CLAIM_KEYS = {
    "id",
    "section",
    "quote",
    "headline",
    "observable",
    "window",
    "test",
    "reading",
    "note",
}


@dataclass(frozen=True)
class Claim:
    """One validated claim. ``origins`` locates every key for later errors."""

    id: str
    section: str
    quote: str
    headline: bool
    kind: ObservableKind
    observable: BaseModel
    start: Quarter
    end: Quarter
    test: ClaimTest
    test_params: BaseModel
    reading: Reading
    note: str
    paper: str
    file: str
    index: int
    origins: Origins = field(repr=False, compare=False)

    @property
    def window(self) -> str:
        return f"{self.start}-{self.end}"

    def observable_label(self) -> str:
        return self.kind.label(self.observable)

    @property
    def at(self) -> str | None:
        return self.reading.at

    @property
    def is_possibility(self) -> bool:
        return self.reading.possibility is not None

    def tolerance(self, noise_floor: float) -> float:
        """The claim's own ``tolerance`` if it sets one, else the noise floor (trends
        only; levels and states have none)."""
        if not self.test.uses_tolerance:
            return 0.0
        given = getattr(self.test_params, "tolerance", None)
        if given is not None:
            return float(given)
        return getattr(self.test_params, "noise_multiple", 1.0) * noise_floor

    def expectation(self, tolerance: float = 0.0) -> str:
        return self.test.expectation(self.test_params, tolerance)

    def reading_label(self) -> str:
        words = {"end": "at the end", "any": "at any point", "throughout": "throughout"}
        words["mean"] = "on average"
        text = self.reading.form + (f", {words[self.at]}" if self.at else "")
        if self.is_possibility:
            text += f"; possibility (in >= {self.reading.possibility:.0%} of runs)"
        return text

    def problem(self, key: str, value: object, expected: str) -> ClaimError:
        """A ClaimError located at ``claims[index].<key>`` in this claim's file."""
        path = ("claims", self.index, *key.split("."))
        file, line = self.origins.of(path)
        return ClaimError([Problem(file, line, format_path(path), value, expected)])


@dataclass(frozen=True)
class ClaimSet:
    """A claims file: the paper, its own and counterfactual scenarios (paths resolved
    relative to the file, ``None`` if not named) and its claims in file order."""

    path: Path
    paper: str
    scenario: Path | None
    counterfactual: Path | None
    claims: tuple[Claim, ...]


class _Collector:
    def __init__(self, origins: Origins):
        self.origins = origins
        self.problems: list[Problem] = []

    def add(self, path: tuple, value: object, expected: str) -> None:
        file, line = self.origins.of(path)
        self.problems.append(Problem(file, line, format_path(path), value, expected))

    def pydantic(self, prefix: tuple, error: ValidationError, data: dict) -> None:
        for item in error.errors():
            loc = tuple(x for x in item["loc"] if not str(x).startswith("function-"))
            value = item.get("input", data)
            message = item["msg"].removeprefix("Value error, ")
            if item["type"] == "extra_forbidden":
                message = "no such key here"
            elif item["type"] == "missing":
                value = None
                message = "a value (required)"
            self.add((*prefix, *loc), value, message)


def _text(collector: _Collector, data: dict, path: tuple, key: str, required=True) -> str:
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        collector.add((*path, key), value, "a non-empty text")
        return ""
    return " ".join(value.split())


def _quarter(collector: _Collector, window: dict, path: tuple, key: str) -> Quarter | None:
    value = window.get(key)
    try:
        return Quarter.parse(str(value))
    except ValueError:
        collector.add((*path, key), value, "a quarter written YYYYQn, e.g. 2008Q2")
        return None


def _relative(base: Path, value: Any, collector: _Collector, key: str) -> Path | None:
    """A scenario named by file path (relative to the claims file) or by id: ``NAME`` is
    ``NAME.yaml`` beside the claims file or in its parent folder (``scenarios/``)."""
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        collector.add((key,), value, "a scenario id or file path relative to this file")
        return None
    names = [value] if value.endswith((".yaml", ".yml")) else [f"{value}.yaml", value]
    for folder in (base.parent, base.parent.parent):
        for name in names:
            candidate = folder / name
            if candidate.is_file():
                return candidate.resolve()
    collector.add((key,), value, f"a scenario file beside {base.name} or in its parent folder")
    return None


def load_claims(path: Path | str) -> ClaimSet:
    """Read and validate a claims file; raises :class:`ClaimError` with every problem."""
    path = Path(path)
    if not path.is_file():
        raise ClaimError([Problem(display_name(path), None, "(file)", str(path), "a file")])
    try:
        data, origins = load_yaml(path)
    except ScenarioError as error:
        raise ClaimError(error.problems) from None
    collector = _Collector(origins)
    if not isinstance(data, dict):
        collector.add((), type(data).__name__, "a mapping with paper and claims")
        raise ClaimError(collector.problems)
    for key in sorted(set(data) - TOP_KEYS, key=str):
        collector.add((key,), data[key], f"one of the keys {', '.join(sorted(TOP_KEYS))}")
    paper = _text(collector, data, (), "paper")
    scenario = _relative(path, data.get("scenario"), collector, "scenario")
    counterfactual = _relative(path, data.get("counterfactual"), collector, "counterfactual")
    items = data.get("claims")
    if not isinstance(items, list) or not items:
        collector.add(("claims",), items, "a non-empty list of claims")
        raise ClaimError(collector.problems)
    claims, seen = [], {}
    for index, item in enumerate(items):
        claim = _claim(collector, item, index, paper, display_name(path), origins)
        if claim is None:
            continue
        if claim.id in seen:
            collector.add(("claims", index, "id"), claim.id, f"a new id (claims[{seen[claim.id]}])")
        seen.setdefault(claim.id, index)
        claims.append(claim)
    if collector.problems:
        raise ClaimError(collector.problems)
    return ClaimSet(path, paper, scenario, counterfactual, tuple(claims))


def _claim(collector, item, index, paper, file, origins) -> Claim | None:
    path = ("claims", index)
    before = len(collector.problems)
    if not isinstance(item, dict):
        collector.add(path, item, "a mapping with id, section, quote, observable, window, test")
        return None
    for key in sorted(set(item) - CLAIM_KEYS, key=str):
        collector.add((*path, key), item[key], f"one of the keys {', '.join(sorted(CLAIM_KEYS))}")
    claim_id = item.get("id")
    if not isinstance(claim_id, str) or not IDENTIFIER.match(claim_id):
        collector.add((*path, "id"), claim_id, "an identifier matching [A-Za-z][A-Za-z0-9_]*")
    section = item.get("section")
    if isinstance(section, int | float):
        section = str(section)
    if not isinstance(section, str) or not section.strip():
        collector.add((*path, "section"), section, "the paper's section, e.g. III.i")
    quote = _text(collector, item, path, "quote")
    note = _text(collector, item, path, "note", required=False)
    headline = item.get("headline", False)
    if not isinstance(headline, bool):
        collector.add((*path, "headline"), headline, "true or false")
    kind, observable = _registered(collector, item, path, "observable", "kind", OBSERVABLES)
    test, test_params = _registered(collector, item, path, "test", "type", CLAIM_TESTS)
    if kind is not None and test is not None:
        _compatible(collector, path, kind, test, test_params)
    # A reading is checked against a test that is itself sound, so that one wrong test
    # type is reported once.
    sound = test if len(collector.problems) == before else None
    reading = _reading(collector, item, path, sound)
    window = item.get("window")
    start = end = None
    if not isinstance(window, dict):
        collector.add((*path, "window"), window, "a mapping {start: YYYYQn, end: YYYYQn}")
    else:
        for key in sorted(set(window) - {"start", "end"}, key=str):
            collector.add((*path, "window", key), window[key], "only start and end")
        start = _quarter(collector, window, (*path, "window"), "start")
        end = _quarter(collector, window, (*path, "window"), "end")
        if start is not None and end is not None and end <= start:
            collector.add((*path, "window", "end"), str(end), f"a quarter after start {start}")
        elif start is not None and end is not None and test_params is not None:
            _edge_fits(collector, path, test_params, start, end)
    if len(collector.problems) > before:
        return None
    return Claim(
        id=claim_id,
        section=section.strip(),
        quote=quote,
        headline=headline,
        kind=kind,
        observable=observable,
        start=start,
        end=end,
        test=test,
        test_params=test_params,
        reading=reading,
        note=note,
        paper=paper,
        file=file,
        index=index,
        origins=origins,
    )


def _reading(collector, item, path, test: ClaimTest | None) -> Reading | None:
    """The claim's reading, fixed in the file: its form must be the test's, and ``at``
    one the test can be read at (required for trends and levels, absent for states)."""
    spec = item.get("reading")
    expected = "a reading: {form: trend|level|state, at: end|any|throughout|mean}"
    if not isinstance(spec, dict):
        collector.add((*path, "reading"), spec, expected)
        return None
    try:
        reading = Reading.model_validate(spec)
    except ValidationError as error:
        collector.pydantic((*path, "reading"), error, spec)
        return None
    if test is None:
        return reading
    if reading.form != test.form:
        collector.add(
            (*path, "reading", "form"), reading.form, f"'{test.form}' for a {test.name} test"
        )
    elif test.readings and reading.at not in test.readings:
        choices = ", ".join(test.readings)
        collector.add((*path, "reading", "at"), reading.at, f"one of {choices} ({test.name})")
    elif not test.readings and reading.at is not None:
        collector.add(
            (*path, "reading", "at"), reading.at, f"no 'at': a {test.name} test counts quarters"
        )
    return reading


def _registered(collector, item, path, key, selector, registry):
    spec = item.get(key)
    if not isinstance(spec, dict):
        collector.add((*path, key), spec, f"a mapping with '{selector}' and its parameters")
        return None, None
    name = spec.get(selector)
    if not isinstance(name, str) or name not in registry:
        collector.add((*path, key, selector), name, f"one of {', '.join(sorted(registry))}")
        return None, None
    entry = registry[name]
    arguments = {k: v for k, v in spec.items() if k != selector}
    try:
        return entry, entry.params.model_validate(arguments)
    except ValidationError as error:
        collector.pydantic((*path, key), error, arguments)
        return None, None


def _edge_fits(collector, path, params, start: Quarter, end: Quarter) -> None:
    """An ``edge`` the window can hold: edge means are taken over the window's states
    (from the start of ``start`` to the end of ``end``); a change compares two edges,
    which must not overlap. The default edge shrinks to fit short windows instead."""
    if "edge" not in params.model_fields_set:
        return
    states = end - start + 2
    level = hasattr(params, "threshold")
    largest = states if level else states // 2
    if params.edge > largest:
        what = "" if level else ": its first and last edge quarters must not overlap"
        expected = f"an edge of at most {largest} (the window has {states} states{what})"
        collector.add((*path, "test", "edge"), params.edge, expected)


def _in_range(collector, path, kind: ObservableKind, params) -> None:
    """Levels inside the observable's range, a tolerance narrower than it, a band that is
    not empty: otherwise the verdict is fixed before any run."""
    low, high = kind.low, kind.high
    for name in ("threshold", "above", "below", "target"):
        value = getattr(params, name, None)
        if value is not None and not low <= value <= high:
            expected = f"a value within {kind.name}'s range [{low:g}, {high:g}] ({kind.unit})"
            collector.add((*path, "test", name), value, expected)
    tolerance = getattr(params, "tolerance", None)
    if tolerance is not None and tolerance >= kind.span:
        expected = f"a tolerance below {kind.span:g}, the width of {kind.name}'s range"
        collector.add((*path, "test", "tolerance"), tolerance, expected)
    above, below = getattr(params, "above", None), getattr(params, "below", None)
    if above is not None and below is not None and above >= below:
        band = {"above": above, "below": below}
        collector.add((*path, "test"), band, "a band that is not empty: above < below")


def _compatible(collector, path, kind: ObservableKind, test: ClaimTest, params) -> None:
    _in_range(collector, path, kind, params)
    if test.indicator is True and not kind.indicator:
        collector.add(
            (*path, "test", "type"), test.name, f"a test for a continuous observable ({kind.name})"
        )
    elif test.indicator is False and kind.indicator:
        collector.add(
            (*path, "test", "type"), test.name, f"a test for a 0/1 observable ({kind.name})"
        )
    elif (
        test.name == "mostly"
        and not kind.indicator
        and params.above is None
        and params.below is None
    ):
        collector.add((*path, "test"), "no above/below", f"'above' or 'below' for {kind.name}")
