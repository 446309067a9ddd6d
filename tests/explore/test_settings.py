"""The explorer's settings and ensemble, without a browser: the renormalisation rule, the
changes as ``--set`` strings the loader validates, the paper's claims, the figures."""

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bargainsim.errors import ScenarioError
from bargainsim.explore.ensemble import build_ensemble
from bargainsim.explore.settings import Settings, paper_claims, renormalised, scenario_files
from bargainsim.model.mesa_model import BargainModel

ROOT = Path(__file__).resolve().parents[2]
XU = ROOT / "scenarios" / "xu2008_medvedev.yaml"
WEIGHTS = {"military": 0.4, "geopolitics": 0.3, "economics": 0.2, "domestic": 0.1}


@given(
    moved=st.sampled_from(list(WEIGHTS)),
    value=st.floats(min_value=-0.5, max_value=1.5, allow_nan=False),
)
def test_renormalised_weights_sum_to_one_and_keep_the_others_proportions(moved, value):
    weights = renormalised(WEIGHTS, moved, value)
    assert sum(weights.values()) == pytest.approx(1.0, abs=1e-12)
    assert weights[moved] == min(max(value, 0.0), 1.0)
    others = [name for name in WEIGHTS if name != moved]
    if weights[moved] < 1.0:
        for a, b in pairwise(others):
            assert weights[a] / weights[b] == pytest.approx(WEIGHTS[a] / WEIGHTS[b])


def test_others_at_zero_share_the_rest_equally():
    weights = renormalised({"military": 1.0, "geopolitics": 0, "economics": 0, "domestic": 0},
                           "military", 0.4)  # fmt: skip
    assert weights == pytest.approx(
        {"military": 0.4, "geopolitics": 0.2, "economics": 0.2, "domestic": 0.2}
    )


def test_changes_reach_the_model_through_the_loader():
    settings = (
        Settings(XU, seeds=8)
        .with_preference("RUS", WEIGHTS, "economics", 0.6)
        .with_salience("USA", "world_order", 20)
        .with_parameter("noise_sd", 0.0)
    )
    ensemble = build_ensemble(settings)
    compiled = ensemble.compiled
    rus = compiled.actor_index("RUS")
    # economics to 0.6; the other three shared 0.8 and now share 0.4, in proportion
    np.testing.assert_allclose(compiled.preferences[rus], [0.2, 0.15, 0.6, 0.05], atol=1e-8)
    usa, issue = compiled.actor_index("USA"), compiled.issue_index("world_order")
    assert compiled.declared_salience[usa, issue] == pytest.approx(0.20)
    assert compiled.parameters.noise_sd == 0.0
    assert len(ensemble.seeds) == 8
    # The live model is the ensemble's first run, number for number.
    live = BargainModel(compiled, rng=ensemble.seeds[0]).run().history.composite[0]
    dyads = ensemble.tables("dyads")
    first = dyads[(dyads["run"] == 0) & (dyads["actor_a"] == "RUS") & (dyads["actor_b"] == "USA")]
    usa = compiled.actor_index("USA")
    path = 0.5 * (live[:, rus, usa] + live[:, usa, rus])
    np.testing.assert_allclose(first.sort_values("step")["composite"], path, atol=1e-12)
    assert ensemble.scorecard["claim"].str.startswith("xu_").all()


def test_a_refused_change_is_a_located_scenario_error():
    too_salient = Settings(XU, seeds=8).with_salience("RUS", "world_order", 100)
    with pytest.raises(ScenarioError, match="salience"):
        build_ensemble(too_salient)


def test_each_scenario_finds_its_papers_claims():
    assert [c.path.name for c in paper_claims(XU)] == ["xu2008.yaml"]
    counterfactual = ROOT / "scenarios" / "feng2012_no_wto.yaml"
    assert [c.path.name for c in paper_claims(counterfactual)] == ["feng2012.yaml"]
    names = {path.name for path in scenario_files(ROOT / "scenarios")}
    assert {"xu2008_medvedev.yaml", "feng2012_no_wto.yaml"} <= names
    assert not any(name.startswith(("RUS", "world_order")) for name in names)
