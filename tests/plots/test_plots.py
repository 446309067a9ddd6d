"""Each plot function draws from an ensemble's tables and writes a PNG and an SVG."""

from pathlib import Path

import pytest

from bargainsim.compare.pipeline import run_seeds
from bargainsim.plots import (
    alignment_network,
    difference_plot,
    dyad_heatmap,
    fan_chart,
    issue_trajectories,
    save,
    scorecard_plot,
)
from bargainsim.scenario import load_scenario
from bargainsim.workflows.compare import simulate_source

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def tables():
    scenario = load_scenario(ROOT / "scenarios" / "xu2008_medvedev.yaml")
    return simulate_source(scenario, run_seeds(0, 5)).result.tables()


def _written(tmp_path, figure, name):
    save(figure, tmp_path, name)
    for suffix in ("png", "svg"):
        assert (tmp_path / f"{name}.{suffix}").stat().st_size > 2000


def test_fan_chart_with_claim_marks(tmp_path, tables):
    claims = [
        {
            "id": "c1",
            "kind": "cooperation",
            "observable": {"dyad": "USA-RUS", "variable": "composite"},
            "start": "2008Q3",
            "end": "2010Q1",
            "test": "decreasing",
            "direction": -1,
            "threshold": None,
        },
        {
            "id": "c2",
            "kind": "cooperation",
            "observable": {"dyad": "RUS-USA", "variable": "economics"},
            "start": "2008Q2",
            "end": "2012Q1",
            "test": "below",
            "direction": 0,
            "threshold": 0.2,
        },
    ]
    figure = fan_chart(tables, "RUS-USA", claims=claims)
    assert len(figure.axes) == 6
    assert any("c1" in t.get_text() for t in figure.axes[0].texts)
    _written(tmp_path, figure, "fan")


def test_fan_chart_unknown_dyad(tables):
    with pytest.raises(KeyError):
        fan_chart(tables, "RUS-TUR")


def test_heatmap_network_issues(tmp_path, tables):
    _written(tmp_path, dyad_heatmap(tables, ["2008Q4", "2012Q1"]), "heatmap")
    _written(tmp_path, alignment_network(tables["postures"], ["2008Q2", "2012Q1"]), "network")
    figure = issue_trajectories(tables["issues"], tables["issue_status"], ["missile_defence"])
    _written(tmp_path, figure, "issues")


def test_scorecard_and_difference(tmp_path):
    import pandas as pd

    claims = pd.DataFrame(
        {
            "claim": ["a", "b", "a", "b"],
            "section": ["I", "II"] * 2,
            "headline": [True, False] * 2,
            "scenario": ["S", "S", "T", "T"],
            "role": ["base", "base", "versus", "versus"],
            "share": [0.9, 0.2, 0.3, 0.25],
            "ci_low": [0.8, 0.1, 0.2, 0.15],
            "ci_high": [0.95, 0.3, 0.4, 0.35],
            "share_without_shocks": [0.5, 0.2, 0.3, 0.25],
        }
    )
    _written(tmp_path, scorecard_plot(claims), "scorecard")
    diffs = pd.DataFrame(
        {
            "claim": ["a", "b"],
            "section": ["I", "II"],
            "headline": [True, False],
            "scenario": ["S", "S"],
            "versus": ["T", "T"],
            "difference": [0.6, -0.05],
            "ci_low": [0.4, -0.2],
            "ci_high": [0.75, 0.1],
        }
    )
    _written(tmp_path, difference_plot(diffs), "difference")
