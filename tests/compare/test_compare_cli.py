"""``bargainsim compare`` end to end on a small run count; scoring invariants."""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bargainsim.cli import main
from bargainsim.compare import load_claims, run_seeds, without_shocks
from bargainsim.scenario import load_scenario
from bargainsim.workflows.compare import score_scenario

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
XU, FENG = SCENARIOS / "claims" / "xu2008.yaml", SCENARIOS / "claims" / "feng2012.yaml"


def test_run_seeds_match_the_batch_derivation():
    children = np.random.SeedSequence(7).spawn(3)
    expected = [int(c.generate_state(1, dtype=np.uint32)[0]) for c in children]
    assert run_seeds(7, 3).tolist() == expected


def test_shock_events_removed_and_nothing_else():
    scenario = load_scenario(SCENARIOS / "xu2008_medvedev.yaml")
    stripped = without_shocks(scenario)
    assert [str(e.type) for e in stripped.events] == [
        str(e.type) for e in scenario.events if str(e.type) != "shock"
    ]
    assert stripped.actors == scenario.actors


def test_scores_are_deterministic_for_the_same_seeds():
    scenario = load_scenario(SCENARIOS / "xu2008_medvedev.yaml")
    claims = load_claims(XU).claims
    first = score_scenario(scenario, claims, run_seeds(3, 4)).runs
    again = score_scenario(scenario, claims, run_seeds(3, 4)).runs
    pd.testing.assert_frame_equal(first, again)
    assert set(first["shocks"]) == {True, False}
    assert len(first) == 2 * 4 * len(claims)


@pytest.mark.slow
def test_compare_own_scenarios_with_headline_check(tmp_path):
    out = tmp_path / "cmp"
    code = main(
        [
            "compare",
            "--claims",
            str(XU),
            "--claims",
            str(FENG),
            "--runs",
            "4",
            "--seed",
            "1",
            "--out",
            str(out),
        ]
    )
    assert code == 0
    claims = pd.read_csv(out / "claims.csv")
    n_claims = len(load_claims(XU).claims) + len(load_claims(FENG).claims)
    assert len(claims) == 2 * n_claims  # own scenario and counterfactual
    assert claims["runs"].eq(4).all()
    assert ((claims["ci_low"] <= claims["share"]) & (claims["share"] <= claims["ci_high"])).all()
    headline = pd.read_csv(out / "headline.csv")
    assert set(headline["claim"]) == {
        "xu_iii_i_escalation",
        "xu_iii_ii_partners_closer",
        "feng_v_heating_up",
    }
    assert set(headline["status"]) <= {"PASS", "FAIL"}
    report = (out / "report.md").read_text("utf-8")
    assert "## Headline check" in report and "## Shock attribution" in report
    carried = report.split("## What carried each headline claim")[1].split("\n## ")[0]
    for claim in headline["claim"]:
        assert carried.count(f"| `{claim}` |") == 3  # its three drivers
    for name in json.loads((out / "manifest.json").read_text())["figures"]:
        assert (out / "figures" / f"{name}.png").stat().st_size > 1000
        assert f"figures/{name}.png" in report
    assert (out / "differences.csv").is_file()
    # plot from the comparison directory
    assert (
        main(
            [
                "plot",
                str(out),
                "--kind",
                "fan",
                "--dyad",
                "RUS-CHN",
                "--scenario",
                "xu2008_medvedev",
                "--out",
                str(tmp_path / "f"),
            ]
        )
        == 0
    )
    assert (tmp_path / "f" / "fan_xu2008_medvedev_RUS-CHN.svg").is_file()


def test_compare_versus_scenario(tmp_path):
    out = tmp_path / "vs"
    code = main(
        [
            "compare",
            str(SCENARIOS / "feng2012_putin_return.yaml"),
            "--versus",
            str(SCENARIOS / "feng2012_without_drivers.yaml"),
            "--claims",
            str(FENG),
            "--runs",
            "3",
            "--out",
            str(out),
            "--no-figures",
        ]
    )
    assert code == 0
    diffs = pd.read_csv(out / "differences.csv")
    assert len(diffs) == len(load_claims(FENG).claims)
    assert np.allclose(diffs["difference"], diffs["share"] - diffs["share_versus"])
    headline = pd.read_csv(out / "headline.csv")
    assert headline["status"].tolist() in (["PASS"], ["FAIL"])  # own and counterfactual


def test_compare_rejects_missing_scenario(tmp_path, capsys):
    code = main(
        [
            "compare",
            str(tmp_path / "nope.yaml"),
            "--claims",
            str(FENG),
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 2
    assert "no scenario file" in capsys.readouterr().err


def test_help_shows_a_single_percent_sign(capsys):
    with pytest.raises(SystemExit):
        main(["compare", "--help"])
    text = capsys.readouterr().out
    assert "95% Wilson" in " ".join(text.split())
    assert "%%" not in text
