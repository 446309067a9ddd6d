"""The drivers that carried a headline claim: each driver's part of the claim's relations
over its window, checked against the recorded contribution arrays by hand."""

from pathlib import Path

import numpy as np
import pytest

from bargainsim.compare.claims import load_claims
from bargainsim.compare.drivers import driver_lines, relations_of, run_parts, top_drivers
from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.model.relations import CONTRIBUTIONS, DRIVERS
from bargainsim.results import EnsembleSource
from bargainsim.scenario import load_scenario

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def xu():
    claims = {c.id: c for c in load_claims(ROOT / "scenarios" / "claims" / "xu2008.yaml").claims}
    compiled = compile_scenario(load_scenario(ROOT / "scenarios" / "xu2008_medvedev.yaml"))
    result = simulate(compiled, [3, 4, 5, 6], contributions=True)
    return claims, compiled, result, EnsembleSource(result)("contributions")


def test_parts_are_the_recorded_contributions_over_the_window(xu):
    claims, compiled, result, contributions = xu
    claim = claims["xu_iii_ii_partners_closer"]  # mean over four dyads, composite
    parts = run_parts(claim, contributions)
    pairs, variable = relations_of(claim)
    assert variable is None and len(pairs) == 8  # both directions of the four dyads
    window = [
        s + 1 for s, q in enumerate(compiled.quarters) if str(claim.start) <= q <= str(claim.end)
    ]
    index = [(compiled.actor_index(a), compiled.actor_index(b)) for a, b in pairs]
    for r in range(len(result.seeds)):
        for k, term in enumerate(CONTRIBUTIONS):
            if term not in DRIVERS:
                continue
            by_hand = np.mean(
                [result.history.contributions[r, window, i, j, :, k].sum(axis=0) for i, j in index]
            )
            assert parts.loc[r, term] == pytest.approx(by_hand, abs=1e-12), term


def test_a_composite_weights_each_side_by_its_preferences(xu):
    from bargainsim.workflows.drivers import preference_map

    claims, compiled, result, contributions = xu
    claim = claims["xu_iii_i_escalation"]  # RUS-USA, composite
    parts = run_parts(claim, contributions, preference_map(compiled))
    window = [
        s + 1 for s, q in enumerate(compiled.quarters) if str(claim.start) <= q <= str(claim.end)
    ]
    rus, usa = compiled.actor_index("RUS"), compiled.actor_index("USA")
    k = CONTRIBUTIONS.index("reciprocity")
    for r in range(len(result.seeds)):
        moved = result.history.contributions[r, window][..., k].sum(axis=0)  # (N, N, V)
        views = [moved[i, j] @ compiled.preferences[i] for i, j in ((rus, usa), (usa, rus))]
        assert parts.loc[r, "reciprocity"] == pytest.approx(np.mean(views), abs=1e-12)


def test_the_three_largest_drivers_are_ranked_by_their_median_part(xu):
    claims, _, _, contributions = xu
    claim = claims["xu_iii_i_escalation"]
    parts = run_parts(claim, contributions)
    top = top_drivers(claim, parts, "xu2008_medvedev")
    assert top["rank"].tolist() == [1, 2, 3]
    medians = {d: parts[d].median() for d in DRIVERS}
    expected = sorted(medians, key=lambda d: abs(medians[d]), reverse=True)[:3]
    assert top["driver"].tolist() == expected
    assert (top["p10"] <= top["median"]).all() and (top["median"] <= top["p90"]).all()
    assert top["median"].iloc[0] < 0  # the escalation is carried downward
    lines = driver_lines(top)
    assert lines[0] == "## What carried each headline claim"
    assert sum(line.startswith("| `xu_iii_i_escalation`") for line in lines) == 3


def test_a_claim_on_an_issue_has_no_drivers(xu):
    claims, _, _, contributions = xu
    claim = claims["xu_i_ii_1_md_deadlock"]
    assert relations_of(claim) is None
    assert run_parts(claim, contributions).empty
    assert driver_lines(top_drivers(claim, run_parts(claim, contributions), "x")) == []
