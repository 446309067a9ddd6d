"""Uncertain inputs as data: which ``--set`` paths a sensitivity study varies, and over what.

An inputs file names scenario values by the dotted key paths ``--set`` takes, each with a
range (``[low, high]``, sampled uniformly) or a set of values (``{values: [...]}``)::

    scenario: feng2012_putin_return          # optional: the scenario id it is written for
    inputs:
      parameters.noise_sd: [0.01, 0.05]
      actors.RUS.preferences.military: [0.2, 0.5]     # the other weights renormalised
      issues.missile_defence.positions.RUS.salience: [10, 30]
      initial_cooperation.RUS-USA.military: {values: [-0.1, 0.1, 0.3]}

A preference weight (``actors.X.preferences.V``) is set with the actor's other weights
scaled so that the four still sum to 1 (their proportions as in the scenario). Every
problem is reported together, located by file, line and key path (:class:`InputsError`),
before anything runs: the file's shape here, each input's ends against the scenario in
:func:`check_against`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path

from bargainsim.errors import InputError, Problem, ScenarioError
from bargainsim.scenario.yaml_source import display_name, load_yaml, parse_path
from bargainsim.vocabulary import Variable

TOP_KEYS = ("scenario", "inputs")
RANGE = "a range [low, high] of two numbers, low < high, or {values: [v1, v2, ...]}"


class InputsError(InputError):
    """A sensitivity inputs file is invalid (every problem, located)."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems, what="sensitivity inputs")


@dataclass(frozen=True)
class UncertainInput:
    """One varied value: a ``--set`` key path and its range or its set of values."""

    key: str
    low: float
    high: float
    values: tuple[float, ...] = ()  # a set of values (then low/high are its ends)
    file: str = ""
    line: int | None = None

    @property
    def preference(self) -> tuple[str, str] | None:
        """``(actor, variable)`` for an ``actors.X.preferences.V`` weight, else None."""
        parts = self.key.split(".")
        if len(parts) == 4 and parts[0] == "actors" and parts[2] == "preferences":
            return parts[1], parts[3]
        return None

    def value(self, unit: float) -> float:
        """The input's value at ``unit`` in [0, 1]: a point of the range, or the value whose
        equal share of [0, 1] holds ``unit`` (so every value is as likely)."""
        if self.values:
            return self.values[min(int(unit * len(self.values)), len(self.values) - 1)]
        return float(f"{self.low + unit * (self.high - self.low):.12g}")

    def describe(self) -> str:
        if self.values:
            return "{" + ", ".join(f"{v:g}" for v in self.values) + "}"
        return f"[{self.low:g}, {self.high:g}]"


@dataclass(frozen=True)
class InputSet:
    path: Path
    inputs: tuple[UncertainInput, ...]
    scenario: str | None = None

    @property
    def names(self) -> list[str]:
        return [item.key for item in self.inputs]

    def values_at(self, unit_row) -> dict[str, float]:
        return {
            item.key: item.value(float(u)) for item, u in zip(self.inputs, unit_row, strict=True)
        }


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def load_inputs(path) -> InputSet:
    """Read and check an inputs file's shape; raises :class:`InputsError`."""
    path = Path(path)
    name = display_name(path)
    try:
        data, origins = load_yaml(path)
    except FileNotFoundError:
        raise InputsError([Problem(name, None, "(file)", str(path), "an existing file")]) from None
    except ScenarioError as error:  # unreadable text or YAML syntax, already located
        raise InputsError(error.problems) from None
    if not isinstance(data, dict):
        raise InputsError([Problem(name, 1, "(top level)", data, "a mapping with inputs:")])
    problems = [
        Problem(*origins.of((key,)), str(key), key, f"one of {', '.join(TOP_KEYS)}")
        for key in data
        if key not in TOP_KEYS
    ]
    scenario = data.get("scenario")
    if scenario is not None and not isinstance(scenario, str):
        problems.append(Problem(*origins.of(("scenario",)), "scenario", scenario, "a scenario id"))
    block = data.get("inputs")
    if not isinstance(block, dict) or not block:
        problems.append(
            Problem(*origins.of(("inputs",)), "inputs", block, "a mapping of key path: range")
        )
        raise InputsError(problems)
    inputs = []
    for key, spec in block.items():
        file, line = origins.of(("inputs", str(key)))
        label = f"inputs.{key}"
        try:
            parse_path(str(key))
        except ValueError:
            problems.append(Problem(file, line, label, key, "a dotted key path as --set takes"))
            continue
        parsed = _parse_spec(spec)
        if parsed is None:
            problems.append(Problem(file, line, label, spec, RANGE))
            continue
        low, high, values = parsed
        item = UncertainInput(str(key), low, high, values, file, line)
        if item.preference and item.preference[1] not in {v.value for v in Variable}:
            known = ", ".join(v.value for v in Variable)
            problems.append(Problem(file, line, label, key, f"a preference among {known}"))
            continue
        if item.preference and not 0 <= low <= high <= 1:
            problems.append(Problem(file, line, label, spec, "a weight range inside [0, 1]"))
            continue
        inputs.append(item)
    if problems:
        raise InputsError(problems)
    return InputSet(path, tuple(inputs), scenario)


def _parse_spec(spec):
    """``(low, high, values)`` of a range or a set of values, or None if it is neither."""
    if isinstance(spec, list) and len(spec) == 2 and all(_number(v) for v in spec):
        low, high = float(spec[0]), float(spec[1])
        return (low, high, ()) if low < high else None
    if isinstance(spec, dict) and set(spec) == {"values"}:
        values = spec["values"]
        if isinstance(values, list) and len(values) >= 2 and all(_number(v) for v in values):
            distinct = tuple(dict.fromkeys(float(v) for v in values))
            if len(distinct) == len(values):
                return min(distinct), max(distinct), distinct
    return None


def edits_for(values: dict[str, float], inputs: InputSet, base_resolved: dict) -> tuple[str, ...]:
    """The ``--set`` overrides that give one design point's ``values``; an actor's varied
    preference weights are set together, its other weights scaled to make up the rest."""
    edits, preferences = [], {}
    for item in inputs.inputs:
        if item.preference:
            actor, variable = item.preference
            preferences.setdefault(actor, {})[variable] = values[item.key]
        else:
            edits.append(f"{item.key}={_text(values[item.key])}")
    for actor, fixed in preferences.items():
        weights = renormalised(base_resolved["actors"][actor]["preferences"], fixed)
        edits.append(f"actors.{actor}.preferences={json.dumps(weights)}")
    return tuple(edits)


def renormalised(base: dict, fixed: dict[str, float]) -> dict[str, float]:
    """``base`` weights with ``fixed`` ones set and the others scaled to sum to 1 with
    them (in their proportions in ``base``; equally, if those are all 0)."""
    rest = {k: float(v) for k, v in base.items() if k not in fixed}
    room = 1.0 - sum(fixed.values())
    total = sum(rest.values())
    scaled = {k: (v / total * room if total > 0 else room / len(rest)) for k, v in rest.items()}
    return {k: float(fixed.get(k, scaled.get(k, 0.0))) for k in base}


def _text(value: float) -> str:
    return repr(int(value)) if float(value).is_integer() else repr(float(value))


def check_against(inputs: InputSet, scenario_path, overrides=(), loader=None) -> dict:
    """Load the scenario with each input at each end (the others as they are) and report
    every end the scenario refuses, located at the input's line; returns the base
    scenario's resolved tree (for :func:`edits_for`)."""
    if loader is None:
        from bargainsim.scenario import load_scenario as loader
    base = loader(Path(scenario_path), overrides=list(overrides))
    problems = []
    if inputs.scenario is not None and inputs.scenario != base.id:
        file = inputs.inputs[0].file
        problems.append(
            Problem(file, None, "scenario", inputs.scenario, f"the scenario given ({base.id})")
        )
    highest: dict[str, float] = {}
    for item in inputs.inputs:
        if item.preference:
            highest[item.preference[0]] = highest.get(item.preference[0], 0.0) + item.high
            if highest[item.preference[0]] > 1.0:
                expected = "varied weights of one actor whose highs sum to at most 1"
                label = f"inputs.{item.key}"
                problems.append(Problem(item.file, item.line, label, item.high, expected))
                continue
        if item.preference and item.preference[0] not in base.resolved.get("actors", {}):
            actors = ", ".join(base.resolved.get("actors", {}))
            problems.append(
                Problem(
                    item.file, item.line, f"inputs.{item.key}", item.key, f"an actor ({actors})"
                )
            )
            continue
        for end in (item.low, item.high):
            edits = edits_for({item.key: end}, InputSet(inputs.path, (item,)), base.resolved)
            try:
                loader(Path(scenario_path), overrides=[*overrides, *edits])
            except ScenarioError as error:
                first = error.problems[0]
                problems.append(
                    Problem(
                        item.file,
                        item.line,
                        f"inputs.{item.key}",
                        end,
                        f"a value the scenario accepts ({first.key_path}: {first.expected})",
                    )
                )
                break
    if problems:
        raise InputsError(problems)
    return base.resolved
