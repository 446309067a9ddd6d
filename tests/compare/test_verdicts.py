"""Verdict bands, straddling intervals and possibilities; tolerance curves; the shipped
counterfactuals change drivers only and start from their base."""

from pathlib import Path

import numpy as np
import pytest

from bargainsim.compare import load_claims
from bargainsim.compare.factors import factor_events
from bargainsim.compare.verdicts import distribution, tolerance_curve, verdict
from bargainsim.model.compiled import compile_scenario
from bargainsim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = ROOT / "scenarios" / "claims"


@pytest.mark.parametrize(
    ("share", "low", "high", "expected"),
    [
        (0.9, 0.85, 0.94, "reproduced"),
        (0.6, 0.55, 0.65, "leans toward"),
        (0.3, 0.25, 0.35, "leans against"),
        (0.1, 0.05, 0.15, "contradicted"),
        (0.5, 0.45, 0.55, "leans against or leans toward"),
        (0.8, 0.76, 0.84, "leans toward or reproduced"),
    ],
)
def test_a_verdict_is_given_only_when_the_interval_is_inside_one_band(share, low, high, expected):
    assert verdict(share, low, high).startswith(expected)
    if " or " in expected:
        assert "straddles" in verdict(share, low, high)


def test_a_possibility_is_judged_against_its_own_share():
    assert verdict(0.08, 0.06, 0.10, possibility=0.05).startswith("possible")
    assert verdict(0.01, 0.0, 0.03, possibility=0.05).startswith("not shown possible")
    assert verdict(0.04, 0.02, 0.07, possibility=0.05).startswith("undecided")


def test_distribution_and_tolerance_curve():
    claim = load_claims(CLAIMS / "feng2012.yaml").claims[0]  # increasing on cooperation
    measure = np.array([-0.02, 0.01, 0.03, 0.06, 0.2])
    spread = distribution(measure)
    assert spread["median"] == pytest.approx(0.03)
    curve = tolerance_curve(claim, measure)
    assert curve == {
        "share_at_0": 0.8,
        "share_at_1.25pct": 0.6,
        "share_at_2.5pct": 0.4,
        "share_at_5pct": 0.2,
    }
    level = next(c for c in load_claims(CLAIMS / "feng2012.yaml").claims if c.test.name == "above")
    assert tolerance_curve(level, measure) == {}


@pytest.mark.parametrize("name", ["xu2008", "feng2012"])
def test_a_shipped_counterfactual_inherits_its_base_start(name):
    claim_set = load_claims(CLAIMS / f"{name}.yaml")
    base = compile_scenario(load_scenario(claim_set.scenario))
    counter = compile_scenario(load_scenario(claim_set.counterfactual), start_from=base)
    assert np.array_equal(counter.cooperation, base.cooperation)


def test_feng_control_removes_his_dated_drivers_and_nothing_else():
    claim_set = load_claims(CLAIMS / "feng2012.yaml")
    base = load_scenario(claim_set.scenario)
    counter = load_scenario(claim_set.counterfactual)
    tagged = {event for events in factor_events(base).values() for event in events}
    assert {e.id for e in base.events} - {e.id for e in counter.events} == tagged
    for key in ("actors", "issues", "institutions", "interdependence", "initial_cooperation"):
        assert base.resolved[key] == counter.resolved[key], key


def test_every_shipped_claim_has_a_reading_and_the_files_record_their_history():
    for path in sorted(CLAIMS.glob("*.yaml")):
        assert "History of this file" in path.read_text(encoding="utf-8")
        for claim in load_claims(path).claims:
            assert claim.reading.form == claim.test.form
