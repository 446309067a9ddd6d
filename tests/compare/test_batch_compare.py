"""``bargainsim compare --batch`` scores a batch's stored runs exactly as ``compare`` scores
the same scenario run afresh: the batch and the comparison derive run seeds alike."""

from pathlib import Path

import pandas as pd

from bargainsim.cli import main

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "feng2012_putin_return.yaml"
CLAIMS = ROOT / "scenarios" / "claims" / "feng2012.yaml"
SAME = ["claim", "runs", "consistent", "share", "ci_low", "ci_high", "share_without_shocks"]


def test_batch_scores_equal_a_fresh_comparison(tmp_path, capsys):
    batch, scored, fresh = tmp_path / "batch", tmp_path / "scored", tmp_path / "fresh"
    assert main(["batch", str(SCENARIO), "--runs", "20", "--seed", "1", "--out", str(batch)]) == 0
    common = ["--claims", str(CLAIMS), "--no-figures"]
    assert main(["compare", "--batch", str(batch), *common, "--out", str(scored)]) == 0
    assert (
        main(
            ["compare", str(SCENARIO), *common, "--runs", "20", "--seed", "1", "--out", str(fresh)]
        )
        == 0
    )
    capsys.readouterr()
    from_batch = pd.read_csv(scored / "claims.csv")
    from_scenario = pd.read_csv(fresh / "claims.csv")
    assert len(from_batch) == len(from_scenario) > 0
    pd.testing.assert_frame_equal(from_batch[SAME], from_scenario[SAME])
    assert (from_batch["runs"] == 20).all()
    assert from_batch["shock_effect"].tolist() == from_scenario["shock_effect"].tolist()


def test_batch_comparison_draws_its_figures(tmp_path, capsys):
    batch, scored = tmp_path / "batch", tmp_path / "scored"
    assert main(["batch", str(SCENARIO), "--runs", "4", "--seed", "2", "--out", str(batch)]) == 0
    assert (
        main(["compare", "--batch", str(batch), "--claims", str(CLAIMS), "--out", str(scored)]) == 0
    )
    capsys.readouterr()
    assert (scored / "figures" / "heatmap_feng2012_putin_return.png").is_file()
    assert "feng2012_putin_return" in (scored / "report.md").read_text("utf-8")


def test_a_sweep_batch_is_scored_one_point_at_a_time(tmp_path):
    batch = tmp_path / "sweep"
    code = main(
        [
            "batch",
            str(SCENARIO),
            "--runs",
            "6",
            "--seed",
            "3",
            "--sweep",
            "parameters.position_anchoring=0.25,0.75",
            "--backend",
            "inprocess",
            "--out",
            str(batch),
        ]
    )
    assert code == 0
    claims = str(CLAIMS)
    swept = tmp_path / "swept"
    assert main(["compare", "--batch", str(batch), "--claims", claims, "--out", str(swept)]) == 0
    table = pd.read_csv(swept / "sweep.csv")
    # every claim at both sweep values, each from its own six runs: never pooled
    assert sorted(set(table["parameters.position_anchoring"])) == [0.25, 0.75]
    assert (table["runs"] == 6).all()
    assert table.groupby("claim").size().eq(2).all()
    report = (swept / "report.md").read_text("utf-8")
    assert "Claims across a sweep" in report and "![sweep_" in report
    assert any((swept / "figures").glob("sweep_*.png"))
    out = tmp_path / "point1"
    assert (
        main(
            [
                "compare",
                "--batch",
                str(batch),
                "--point",
                "1",
                "--claims",
                claims,
                "--out",
                str(out),
                "--no-figures",
            ]
        )
        == 0
    )
    scored = pd.read_csv(out / "claims.csv")
    assert (scored["runs"] == 6).all()
    assert "position_anchoring=0.75" in (out / "report.md").read_text()


def test_plot_draws_one_point_of_a_sweep_and_refuses_to_pool(tmp_path, capsys):
    batch = tmp_path / "sweep"
    command = ["batch", str(SCENARIO), "--runs", "3", "--seed", "3", "--backend", "inprocess"]
    command += ["--sweep", "parameters.noise_sd=0.01,0.03", "--out", str(batch)]
    assert main(command) == 0
    capsys.readouterr()
    assert main(["plot", str(batch), "--kind", "fan", "--out", str(tmp_path / "f")]) == 2
    assert "--point K" in capsys.readouterr().err and not (tmp_path / "f").exists()
    assert main(["plot", str(batch), "--kind", "scorecard", "--point", "0"]) == 2
    assert "comparison" in capsys.readouterr().err
    out = tmp_path / "one"
    assert main(["plot", str(batch), "--kind", "fan", "--point", "1", "--out", str(out)]) == 0
    (drawn,) = out.glob("*.png")
    assert "noise_sd" in drawn.name and "0.03" in capsys.readouterr().out.replace("_", ".")
