"""Claims that used to be accepted and then judged something other than what they say:
each is a ClaimError at its file, line and key path."""

import re
import textwrap
from pathlib import Path

import pytest
import yaml

from bargainsim.compare import load_claims, run_seeds
from bargainsim.compare.claim_tests import CLAIM_TESTS
from bargainsim.compare.scoring import claim_trajectory
from bargainsim.errors import ClaimError
from bargainsim.scenario import load_scenario
from bargainsim.workflows.compare import simulate_source

ROOT = Path(__file__).resolve().parents[2]

CLAIM = """\
paper: P
claims:
  - id: c
    section: "V"
    quote: "q"
    observable: {observable}
    window: {{start: 2012Q2, end: 2017Q2}}
    test: {test}
    reading: {reading}
"""
READINGS = {"trend": "{{form: trend, at: end}}", "level": "{{form: level, at: mean}}"}
COOPERATION = "{kind: cooperation, dyad: RUS-USA, variable: composite}"
SPREAD = "{kind: issue_spread, issue: missile_defence}"


def _form_of(test: str) -> str:
    """The form of the test named in a ``{type: ...}`` text (state when unknown)."""
    spec = yaml.safe_load(test)
    name = spec.get("type") if isinstance(spec, dict) else None
    found = CLAIM_TESTS.get(name) if isinstance(name, str) else None
    return found.form if found is not None else "state"


def _load(tmp_path: Path, observable: str, test: str):
    path = tmp_path / "claims.yaml"
    form = _form_of(test)
    reading = READINGS.get(form, "{{form: state}}").format()
    text = CLAIM.format(observable=observable, test=test, reading=reading)
    path.write_text(textwrap.dedent(text))
    return load_claims(path)


def _problem(tmp_path: Path, observable: str, test: str):
    with pytest.raises(ClaimError) as caught:
        _load(tmp_path, observable, test)
    (problem,) = caught.value.problems
    assert problem.file.endswith("claims.yaml")
    return problem


@pytest.mark.parametrize(
    ("observable", "test", "key", "expected"),
    [
        (COOPERATION, '{type: above, threshold: "0.1"}', "test.threshold", "number"),
        (COOPERATION, "{type: below, threshold: true}", "test.threshold", "number"),
        (COOPERATION, "{type: above, threshold: .inf}", "test.threshold", "finite"),
        (COOPERATION, "{type: above, threshold: 1.5}", "test.threshold", "[-1, 1]"),
        (SPREAD, "{type: below, threshold: 120}", "test.threshold", "[0, 100]"),
        (COOPERATION, "{type: mostly, above: -2}", "test.above", "[-1, 1]"),
        (SPREAD, "{type: converging, target: -5}", "test.target", "[0, 100]"),
        (COOPERATION, "{type: increasing, tolerance: 2}", "test.tolerance", "below 2"),
        (COOPERATION, "{type: mostly, above: 0.5, below: 0.2}", "test", "above < below"),
        (COOPERATION, "{type: mostly, above: 0.5, below: 0.5}", "test", "above < below"),
        (COOPERATION, "{type: increasing, edge: 12}", "test.edge", "at most 11"),
        (COOPERATION, "{type: above, threshold: 0, edge: 23}", "test.edge", "22"),
        (COOPERATION, '{type: increasing, edge: "2"}', "test.edge", "integer"),
        (
            "{kind: mean_cooperation, dyads: [RUS-USA, USA-RUS]}",
            "{type: increasing}",
            "observable.dyads",
            "each dyad once",
        ),
        (
            "{kind: issue_status, issues: [wto_trade, wto_trade], status: open}",
            "{type: mostly}",
            "observable.issues",
            "each issue once",
        ),
    ],
)
def test_each_silent_acceptance_is_located(tmp_path, observable, test, key, expected):
    problem = _problem(tmp_path, observable, test)
    assert (problem.line, problem.key_path) == (
        8 if key.startswith("test") else 6,
        f"claims[0].{key}",
    )
    assert expected in problem.expected, problem.render()


@pytest.mark.parametrize(
    "test",
    [
        "{type: above, threshold: 1}",
        "{type: above, threshold: -1}",
        "{type: mostly, above: 0.2, below: 0.5}",
        "{type: increasing, edge: 11}",
        "{type: above, threshold: 0, edge: 22}",
        "{type: increasing, tolerance: 1}",
    ],
)
def test_the_bounds_themselves_are_accepted(tmp_path, test):
    assert _load(tmp_path, COOPERATION, test).claims


@pytest.fixture(scope="module")
def feng():
    scenario = load_scenario(ROOT / "scenarios" / "feng2012_putin_return.yaml")
    return simulate_source(scenario, run_seeds(0, 2))


@pytest.mark.parametrize("from_tables", [False, True], ids=["arrays", "tables"])
def test_issue_position_of_an_actor_without_a_stake(tmp_path, feng, from_tables):
    (claim,) = _load(
        tmp_path, "{kind: issue_position, issue: strategic_arms, actor: CHN}", "{type: increasing}"
    ).claims
    source = feng.result.tables().__getitem__ if from_tables else feng
    with pytest.raises(ClaimError) as caught:
        claim_trajectory(claim, source)
    (problem,) = caught.value.problems
    assert (problem.line, problem.key_path) == (6, "claims[0].observable.actor")
    assert "a party to strategic_arms (RUS, USA)" in problem.expected


def test_issue_position_of_a_party_is_read(tmp_path, feng):
    (claim,) = _load(
        tmp_path, "{kind: issue_position, issue: strategic_arms, actor: RUS}", "{type: increasing}"
    ).claims
    assert claim_trajectory(claim, feng).values.shape[0] == 2


@pytest.mark.parametrize("selector", ["observable: {kind: []}", "test: {type: {a: 1}}"])
def test_an_unhashable_kind_or_type(tmp_path, selector):
    key = selector.split(":")[0]
    text = CLAIM.format(
        observable=COOPERATION, test="{type: increasing}", reading="{form: trend, at: end}"
    )
    text = re.sub(rf"{key}: .*", selector, text)
    path = tmp_path / "claims.yaml"
    path.write_text(text)
    with pytest.raises(ClaimError) as caught:
        load_claims(path)
    assert caught.value.problems[0].key_path.startswith(f"claims[0].{key}.")
