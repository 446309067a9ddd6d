"""Scenario fuzzing: random damage to a valid scenario never raises anything but
``ScenarioError`` (no crash, no traceback for a user's mistake)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from scenario_helpers import FIXTURES

from bargainsim.errors import ScenarioError
from bargainsim.scenario import Scenario, load_scenario
from bargainsim.scenario.yaml_source import format_path


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


BASE = load_scenario(FIXTURES / "base.yaml")
PATHS = [format_path(path) for path in _paths(BASE.resolved)]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12),
    st.sampled_from(["2008Q2", "2013Q1", "all", "RUS", "RUS-USA", "military", "shock"]),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from(["id", "type", "value", "x", "RUS"]), inner, max_size=4)
    ),
    max_leaves=8,
)
targets = st.one_of(
    st.sampled_from(PATHS),
    st.builds(lambda p, extra: f"{p}.{extra}", st.sampled_from(PATHS), st.text(max_size=6)),
)


def _outcome(path: Path, overrides: list[str]) -> Scenario | None:
    try:
        return load_scenario(path, overrides)
    except ScenarioError as error:
        assert error.problems
        for problem in error.problems:
            assert problem.file and problem.expected
            problem.render()
        return None


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(targets, values), min_size=1, max_size=3))
def test_random_set_overrides(edits: list[tuple[str, Any]]) -> None:
    overrides = [
        f"{target}={yaml.safe_dump(value, default_flow_style=True, width=10**6).strip()}"
        for target, value in edits
    ]
    _outcome(FIXTURES / "base.yaml", overrides)


FILES = ["base.yaml", "child.yaml", "actors/RUS.yaml", "issues/trade.yaml"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(FILES),
    st.integers(min_value=0, max_value=10**6),
    st.sampled_from(["delete_line", "duplicate_line", "insert", "truncate"]),
    st.text(alphabet=" :-[]{}#&*!|>'\"\n\tRUSQ0123456789.,abc", max_size=6),
)
def test_random_text_damage(name: str, where: int, how: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as directory:
        library = Path(directory) / "scenarios"
        shutil.copytree(FIXTURES, library)
        target = library / name
        original = target.read_text()
        lines = original.splitlines(keepends=True)
        index = where % len(lines)
        if how == "delete_line":
            damaged = "".join(lines[:index] + lines[index + 1 :])
        elif how == "duplicate_line":
            damaged = "".join(lines[: index + 1] + lines[index:])
        elif how == "insert":
            position = where % (len(original) + 1)
            damaged = original[:position] + text + original[position:]
        else:
            damaged = original[: where % (len(original) + 1)]
        target.write_text(damaged)
        _outcome(library / ("child.yaml" if name == "child.yaml" else "base.yaml"), [])
