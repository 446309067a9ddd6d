"""``bargainsim run`` end to end, and every shipped scenario runs."""

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from bargainsim.cli import main
from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SHIPPED = sorted(SCENARIOS.glob("*.yaml"))
XU = SCENARIOS / "xu2008_medvedev.yaml"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_there_are_shipped_scenarios():
    names = {path.stem for path in SHIPPED}
    assert {"xu2008_medvedev", "feng2012_putin_return"} <= names
    assert len(names) >= 5  # the two papers and at least three counterfactuals


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_every_shipped_scenario_runs(path):
    compiled = compile_scenario(load_scenario(path))
    history = simulate(compiled, [0, 1]).history
    assert history.cooperation.shape[1] == compiled.n_quarters + 1
    assert (abs(history.cooperation) <= 1).all()


def test_run_writes_every_output(tmp_path, capsys):
    out = tmp_path / "xu"
    assert main(["run", str(XU), "--seed", "3", "--out", str(out)]) == 0
    for name in [
        "manifest.json",
        "scenario.resolved.yaml",
        "trajectories.parquet",
        "dyads.parquet",
        "postures.parquet",
        "issues.parquet",
        "issue_status.parquet",
        "actors.parquet",
        "events.parquet",
    ]:
        assert (out / name).is_file(), name
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["seed"] == 3
    assert manifest["versions"]["mesa"]
    assert len(manifest["scenario"]["sha256"]) == 64
    trajectories = pd.read_parquet(out / "trajectories.parquet")
    assert {
        "run",
        "seed",
        "step",
        "quarter",
        "actor_a",
        "actor_b",
        "variable",
        "cooperation",
    } <= set(trajectories.columns)
    # one row per step x dyad x variable: 17 steps (start + 16 quarters), 15 dyads, 4 variables
    assert len(trajectories) == 17 * 15 * 4
    printed = capsys.readouterr().out
    assert "RUS-USA" in printed and "composite" in printed
    # the resolved scenario is itself a valid scenario
    assert load_scenario(out / "scenario.resolved.yaml").digest == manifest["scenario"]["sha256"]


def test_same_seed_gives_byte_identical_trajectories(tmp_path):
    for name in ("a", "b", "c"):
        seed = "9" if name != "c" else "10"
        assert main(["run", str(XU), "--seed", seed, "--out", str(tmp_path / name), "--quiet"]) == 0
    first, second, other = (tmp_path / n / "trajectories.parquet" for n in "abc")
    assert _digest(first) == _digest(second)
    assert not pd.read_parquet(first)["cooperation"].equals(pd.read_parquet(other)["cooperation"])


def test_run_applies_set_overrides(tmp_path):
    out = tmp_path / "override"
    weights = "{military: 0.1, geopolitics: 0.1, economics: 0.7, domestic: 0.1}"
    code = main(["run", str(XU), "--set", f"actors.RUS.preferences={weights}", "--out", str(out)])
    assert code == 0
    resolved = (out / "scenario.resolved.yaml").read_text()
    assert "economics: 0.7" in resolved


def test_invalid_scenario_exits_2_and_writes_nothing(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "never"
    code = main(["run", str(XU), "--set", "parameters.noise_sd=-1", "--out", str(out)])
    assert code == 2
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []
    message = capsys.readouterr().err
    assert "parameters.noise_sd" in message and "-1" in message


def test_a_user_adds_an_actor_in_yaml_alone(tmp_path):
    actors = tmp_path / "actors"
    actors.mkdir()
    kazakhstan = (SCENARIOS / "actors" / "KAZ.yaml").read_text()
    (actors / "TUR.yaml").write_text(
        kazakhstan.replace("id: KAZ", "id: TUR").replace(
            "name: Republic of Kazakhstan", "name: Republic of Turkey"
        )
    )
    scenario = tmp_path / "with_turkey.yaml"
    scenario.write_text(
        f"id: xu2008_with_turkey\ntitle: Xu with Turkey\nsource: a user's extension\n"
        f"extends: {XU}\nactors: {{add: [TUR]}}\n"
        "overrides:\n  issues.nato_enlargement.positions.TUR: {position: 60, salience: 10}\n"
    )
    out = tmp_path / "out"
    assert main(["run", str(scenario), "--seed", "1", "--out", str(out), "--quiet"]) == 0
    dyads = pd.read_parquet(out / "dyads.parquet")
    assert "TUR" in set(dyads["actor_b"].astype(str))
    issues = pd.read_parquet(out / "issues.parquet")
    turkey = issues[(issues["actor"] == "TUR") & (issues["issue"] == "nato_enlargement")]
    assert turkey["salience"].iloc[0] == 10
