"""Fuzzing the shipped inputs: a damaged scenario, actor, issue or claims file either
loads, compiles and runs to finite numbers (its claims scored), or is refused with a
:class:`BargainsimError` whose every problem names a file. Nothing else may escape.

The normal suite tries a few dozen inputs per test. ``BARGAINSIM_FUZZ_EXAMPLES=N`` tries
N per test; ``BARGAINSIM_FUZZ_TALLY=FILE`` appends a count of the outcomes to FILE.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bargainsim.compare import load_claims, run_seeds
from bargainsim.compare.scoring import score_claims
from bargainsim.errors import BargainsimError, InputError
from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.scenario import load_scenario
from bargainsim.scenario.yaml_core import CoreLoader
from bargainsim.workflows.compare import simulate_source

SHIPPED = Path(__file__).resolve().parents[2] / "scenarios"
EXAMPLES = int(os.environ.get("BARGAINSIM_FUZZ_EXAMPLES", "60"))
TALLY = os.environ.get("BARGAINSIM_FUZZ_TALLY")
FILES = sorted(str(path.relative_to(SHIPPED)) for path in SHIPPED.rglob("*.yaml") if path.is_file())
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

PIECES = [
    *" :-[]{}#&*!|>'\",.?%@`\n\t",
    *["\x00", "\x01", "\x1b", "\x7f", "\ufeff", "\u2028", "\x85", "\ufffe"],
    *["NO", "yes", "off", "~", "null", "true", "1e308", "5e-324", "-0", "0x1F", "0o17"],
    *["9" * 30, "１", "٣", "2008Q2", "9999Q4", "2008Q5", "<<: *a", "&a ", "*a", "!!float "],
    *["!!int ", "!!binary ", "!!timestamp ", "!!python/name:os.system ", "  ", "- "],
    *["RUS", "USA", "RUS-USA", "USA-USA", "extends: ", "../", "{a: ", "[[[[", "\\n", "\\0"],
]
pieces = st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join)
WORDS = ["RUS", "USA", "CHN", "NO", "2008Q2", "2012Q1", "9999Q4", "all", "RUS-USA", "RUS-RUS"]
WORDS += ["composite", "military", "increasing", "above", "mostly", "shock", "deadlock"]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.integers(),
    st.sampled_from([10**15, 10**400, -(10**20), 0, 1, 2, 100, 101, 400, 401]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([1e308, 5e-324, -0.0, 1e-7, 1e7, 1.0000001e7, 0.5, 1.05, -1.0, 2.0]),
    st.text(max_size=10),
    st.sampled_from(WORDS),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.sampled_from([*WORDS, "id", "type", "x"]), inner, max_size=4)
    ),
    max_leaves=8,
)

tally: Counter = Counter()
elsewhere: list[str] = []  # a few refusals that name files other than the damaged one


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A private copy of the shipped library, restored file by file after each input."""
    root = tmp_path_factory.mktemp("fuzz") / "scenarios"
    shutil.copytree(SHIPPED, root)
    yield root
    if TALLY and tally:
        with open(TALLY, "a", encoding="utf-8") as out:
            out.write(json.dumps({**dict(sorted(tally.items())), "elsewhere": elsewhere}) + "\n")


def _users(name: str) -> list[str]:
    """The files to load to exercise ``name``: itself, or a scenario that reads it."""
    if name.startswith("claims/"):
        return [name]
    if name.startswith("actors/"):
        return ["xu2008_medvedev.yaml"]
    if name.startswith("issues/"):
        issue = Path(name).stem
        return [
            next(
                scenario
                for scenario in ("xu2008_medvedev.yaml", "feng2012_putin_return.yaml")
                if issue in (SHIPPED / scenario).read_text()
            )
        ]
    return [name]


def _finite(*objects: Any) -> None:
    for obj in objects:
        for field in dataclasses.fields(obj):
            value = getattr(obj, field.name)
            if isinstance(value, np.ndarray) and value.dtype.kind == "f":
                assert np.isfinite(value).all(), f"{type(obj).__name__}.{field.name} not finite"


def _refused(error: BargainsimError, library: Path, target: str) -> None:
    assert str(error)
    if not isinstance(error, InputError):
        tally["refused, not an input error"] += 1
        return
    assert error.problems
    for problem in error.problems:
        assert problem.file and problem.expected and problem.key_path
        problem.render()
    named = {Path(problem.file).resolve() for problem in error.problems}
    assert all(path.is_file() for path in named), named
    hit = (library / target).resolve() in named
    tally["refused, naming the damaged file" if hit else "refused, naming another file"] += 1
    if not hit and len(elsewhere) < 10:
        elsewhere.append(f"{target}: {error.problems[0].render()[:200]}")


def _exercise(library: Path, target: str) -> None:
    for user in _users(target):
        path = library / user
        try:
            if user.startswith("claims/"):
                claim_set = load_claims(path)
                if claim_set.scenario is None:
                    tally["accepted"] += 1
                    continue
                scenario = load_scenario(claim_set.scenario)
                source = simulate_source(scenario, run_seeds(0, 1))
                score_claims(claim_set.claims, source, scenario.id)
                _finite(source.result.history)
            else:
                compiled = compile_scenario(load_scenario(path))
                _finite(compiled, simulate(compiled, run_seeds(0, 1)).history)
        except BargainsimError as error:
            _refused(error, library, target)
        else:
            tally["accepted"] += 1


def _with_text(library: Path, target: str, text: str) -> None:
    path = library / target
    path.write_text(text, encoding="utf-8")
    try:
        _exercise(library, target)
    finally:
        shutil.copyfile(SHIPPED / target, path)


def _damage(text: str, how: str, where: int, piece: str) -> str:
    lines = text.splitlines(keepends=True)
    index = where % len(lines)
    if how == "delete_line":
        return "".join(lines[:index] + lines[index + 1 :])
    if how == "duplicate_line":
        return "".join(lines[: index + 1] + lines[index:])
    if how == "swap_lines":
        other = (index * 7 + 3) % len(lines)
        lines[index], lines[other] = lines[other], lines[index]
        return "".join(lines)
    if how == "replace_token":
        tokens = list(re.finditer(r"[A-Za-z0-9_.+-]+", text))
        token = tokens[where % len(tokens)]
        return text[: token.start()] + piece + text[token.end() :]
    if how == "truncate":
        return text[: where % (len(text) + 1)]
    position = where % (len(text) + 1)
    return text[:position] + piece + text[position:]


@FUZZ
@given(
    target=st.sampled_from(FILES),
    how=st.sampled_from(
        ["delete_line", "duplicate_line", "swap_lines", "replace_token", "truncate", "insert"]
    ),
    where=st.integers(min_value=0, max_value=10**6),
    piece=pieces,
)
def test_damaged_text(library: Path, target: str, how: str, where: int, piece: str) -> None:
    original = (SHIPPED / target).read_text(encoding="utf-8")
    _with_text(library, target, _damage(original, how, where, piece))


def _paths(value: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


def _edit(tree: Any, path: tuple, how: str, value: Any) -> Any:
    if not path:
        return value
    parent = tree
    for key in path[:-1]:
        parent = parent[key]
    last = path[-1]
    if how == "delete" and isinstance(parent, dict):
        del parent[last]
    elif how == "rename" and isinstance(parent, dict):
        parent[value if isinstance(value, str) else str(value)] = parent.pop(last)
    else:
        parent[last] = value
    return tree


def _tree(target: str) -> Any:
    loader = CoreLoader((SHIPPED / target).read_text(encoding="utf-8"))
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@FUZZ
@given(data=st.data(), target=st.sampled_from(FILES))
def test_damaged_values(library: Path, data: st.DataObject, target: str) -> None:
    tree = _tree(target)
    edits = data.draw(st.integers(min_value=1, max_value=3))
    for _ in range(edits):
        path = data.draw(st.sampled_from(_paths(tree)))
        how = data.draw(st.sampled_from(["set", "set", "delete", "rename"]))
        tree = _edit(tree, path, how, data.draw(values))
    text = yaml.safe_dump(tree, sort_keys=False, allow_unicode=True, width=10**6)
    _with_text(library, target, text)
