"""`bargainsim sensitivity` end to end on a synthetic scenario: the input written to decide
the claim ranks first, above the noise floor; a rerun resumes the same batch."""

from __future__ import annotations

import json

import pandas as pd

from bargainsim.cli import main


def _command(study, *extra):
    return [
        "sensitivity",
        str(study / "scenarios" / "base.yaml"),
        "--inputs",
        str(study / "inputs.yaml"),
        "--claims",
        str(study / "claims.yaml"),
        "--trajectories",
        "6",
        "--replicates",
        "8",
        "--seed",
        "5",
        "--backend",
        "inprocess",
        "--out",
        str(study / "out"),
        *extra,
    ]


def test_the_decisive_input_ranks_first(study, capsys):
    assert main(_command(study)) == 0
    out = study / "out"
    table = pd.read_csv(out / "sensitivity.csv")
    share = table[(table["claim"] == "rus_usa_falls") & (table["output"] == "share")]
    first = share.sort_values("rank").iloc[0]
    assert first["input"] == "events[0].delta"
    assert bool(first["above_noise"])
    change = table[(table["claim"] == "rus_usa_falls") & (table["output"] == "change")]
    assert change.sort_values("rank").iloc[0]["input"] == "events[0].delta"
    design = pd.read_csv(out / "design.csv")
    assert len(design) == 6 * 4
    points = pd.read_csv(out / "points.csv")
    assert (points["runs"] == 8).all()
    weights = design["actors.CHN.preferences.economics"]
    assert weights.between(0.2, 0.4).all()
    report = (out / "report.md").read_text("utf-8")
    assert "rus_usa_falls" in report and "noise floor" in report
    assert (out / "figures" / "sensitivity_rus_usa_falls.png").is_file()
    assert "decided most by events[0].delta" in capsys.readouterr().out


def test_a_rerun_resumes_and_gives_the_same_table(study, capsys):
    assert main([*_command(study), "--no-figures"]) == 0
    first = pd.read_csv(study / "out" / "sensitivity.csv")
    assert main([*_command(study), "--no-figures"]) == 0
    again = pd.read_csv(study / "out" / "sensitivity.csv")
    pd.testing.assert_frame_equal(first, again)
    sessions = json.loads((study / "out" / "batch" / "manifest.json").read_text())["timings"]
    assert [s["runs_run"] for s in sessions["sessions"]] == [192, 0]


def test_scoring_reads_each_block_of_points_once(study, capsys, monkeypatch):
    # More points than one scoring block holds: every run is scored exactly once.
    monkeypatch.setattr("bargainsim.workflows.sensitivity.SCORE_RUNS", 40)
    assert main([*_command(study), "--no-figures"]) == 0
    points = pd.read_csv(study / "out" / "points.csv")
    assert (points["runs"] == 8).all() and len(points) == 24
