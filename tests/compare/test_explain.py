"""`bargainsim explain`: the contributions of a run read back for one directed dyad."""

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import bargainsim
from bargainsim.results import ObservableMissing, load_run
from bargainsim.workflows.run import run_single

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "xu2008_medvedev.yaml"


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("explain") / "run"
    run_single(SCENARIO, seed=5, out=out)
    return out


def test_the_total_of_the_terms_is_the_change_of_the_relation(run_dir):
    frame = bargainsim.explain(run_dir, "RUS-USA", variable="military", start="2009Q1")
    total = frame[frame["quarter"] == "total"]["median"].sum()
    cooperation = load_run(run_dir, "cooperation")
    rows = cooperation[(cooperation.variable == "military") & (cooperation.actor_a == "RUS")
                       & (cooperation.actor_b == "USA")].sort_values("step")  # fmt: skip
    quarters = rows["quarter"].astype(str).tolist()
    level = rows["a_to_b"].to_numpy()
    change = level[-1] - level[quarters.index("2009Q1") - 1]
    assert total == pytest.approx(change, abs=1e-12)
    assert list(frame[frame["quarter"] == "total"]["term"])[:2] == ["alignment", "reciprocity"]


def test_the_command_writes_its_table_and_figure(run_dir, tmp_path):
    out = tmp_path / "why"
    done = subprocess.run(
        [sys.executable, "-m", "bargainsim.cli", "explain", str(run_dir), "--dyad", "USA-RUS",
         "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "reciprocity" in done.stdout
    table = pd.read_csv(out / "explain.csv")
    assert {"quarter", "term", "median", "p10", "p90"} <= set(table.columns)
    assert np.isfinite(table["median"]).all()
    assert (out / "explain_USA-RUS.png").is_file()


def test_an_unknown_actor_is_named(run_dir):
    with pytest.raises(ObservableMissing, match="XXX"):
        bargainsim.explain(run_dir, "RUS-XXX")
