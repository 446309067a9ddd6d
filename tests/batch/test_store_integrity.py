"""A batch directory is read back only as it was written: damage is an error naming the
file, and a resume redoes what is damaged and writes whatever a fresh batch writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bargainsim.batch.plan import build_plan
from bargainsim.batch.store import BatchStore
from bargainsim.cli import main
from bargainsim.cli.batch import describe_summary
from bargainsim.errors import RunStoreError
from bargainsim.results import load_batch, load_index

from .conftest import FENG, REPO_ROOT, XU, run_small_batch
from .test_determinism import chunk_files

CLAIMS = REPO_ROOT / "scenarios" / "claims" / "feng2012.yaml"
XU_CLAIMS = REPO_ROOT / "scenarios" / "claims" / "xu2008.yaml"
CHUNK = Path("chunks") / "c0000001"


def small(out: Path):
    return run_small_batch(out, runs=8, chunk_runs=4)


@pytest.fixture(scope="module")
def pristine(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pristine") / "batch"
    small(out)
    return out


@pytest.fixture
def batch(pristine, tmp_path) -> Path:
    out = tmp_path / "batch"
    shutil.copytree(pristine, out)
    return out


def listing(directory: Path) -> list[str]:
    return sorted(str(p.relative_to(directory)) for p in directory.rglob("*") if p.is_file())


def compare_batch(batch: Path, out: Path, *extra) -> int:
    command = ["compare", "--batch", str(batch), "--claims", str(CLAIMS), "--no-figures"]
    return main([*command, *extra, "--out", str(out)])


# -- item 2: a batch killed right after its plan ------------------------------------------


def test_a_batch_killed_after_its_plan_resumes_to_a_fresh_batchs_files(pristine, tmp_path):
    out = tmp_path / "killed"
    plan, _ = build_plan([FENG], runs=8, chunk_runs=4)
    BatchStore(out).open_for(plan, plan.plan_hash())  # all a kill after plan.json leaves
    _, summary = small(out)
    assert summary.resumed and summary.runs_run == 8
    assert listing(out) == listing(pristine)
    for name in listing(pristine):
        if name.startswith("points/") or name.endswith(".parquet"):
            assert (out / name).read_bytes() == (pristine / name).read_bytes(), name


def test_a_resumed_batch_is_scored_as_its_scenario(tmp_path, capsys):
    """Xu's scenario has one shock event (the August 2008 war); scoring a batch needs its
    resolved scenario to know it."""
    killed, fresh = tmp_path / "killed", tmp_path / "fresh"
    plan, _ = build_plan([XU], runs=4, chunk_runs=2)
    BatchStore(killed).open_for(plan, plan.plan_hash())
    for out in (killed, fresh):
        run_small_batch(out, scenarios=(XU,), runs=4, chunk_runs=2)
        command = ["compare", "--batch", str(out), "--point", "0", "--no-figures"]
        assert main([*command, "--claims", str(XU_CLAIMS), "--out", str(out) + "-report"]) == 0
    capsys.readouterr()
    scored = {
        out: json.loads(Path(str(out) + "-report", "manifest.json").read_text())["scenarios"]
        for out in (killed, fresh)
    }
    assert [(s["label"], s["shock_events"]) for s in scored[killed]] == [("xu2008_medvedev", 1)]
    assert scored[killed] == [{**s, "path": scored[killed][0]["path"]} for s in scored[fresh]]


# -- item 3: damage is an error, and a resume redoes it -----------------------------------


def flip(path: Path, count: int = 64) -> None:
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + count] = bytes(b ^ 0xFF for b in data[middle : middle + count])
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def swap(first: Path, second: Path) -> None:
    held = first.read_bytes()
    first.write_bytes(second.read_bytes())
    second.write_bytes(held)


DAMAGE = {
    "flipped bytes": lambda b: flip(b / CHUNK / "trajectories.parquet"),
    "truncated": lambda b: truncate(b / CHUNK / "trajectories.parquet"),
    "deleted": lambda b: (b / CHUNK / "trajectories.parquet").unlink(),
    "swapped files": lambda b: swap(
        b / CHUNK / "trajectories.parquet", b / "chunks" / "c0000000" / "trajectories.parquet"
    ),
    "swapped chunks": lambda b: (
        (b / "chunks" / "c0000000").rename(b / "chunks" / "x"),
        (b / CHUNK).rename(b / "chunks" / "c0000000"),
        (b / "chunks" / "x").rename(b / CHUNK),
    ),
    "edited marker": lambda b: (b / CHUNK / "DONE").write_text(
        (b / CHUNK / "DONE").read_text().replace('"finished": 4', '"finished": 5')
    ),
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_damaged_chunk_is_refused_on_load_and_redone_on_resume(
    pristine, batch, damage, capsys, tmp_path
):
    damage(batch)
    with pytest.raises(RunStoreError, match=r"chunks/c000000[01]/\S+: "):
        load_batch(batch)
    assert compare_batch(batch, tmp_path / "report") == 2
    err = capsys.readouterr().err
    assert "chunks/c000000" in err and "Traceback" not in err
    assert not (tmp_path / "report").exists()

    _, summary = small(batch)
    assert summary.resumed and summary.runs_run in (4, 8) and summary.finished == 8
    described = describe_summary(summary)
    assert "running damaged chunk c000000" in described and "again" in described
    assert chunk_files(batch) == chunk_files(pristine)
    assert load_batch(batch).equals(load_batch(pristine))


def test_an_edited_plan_is_refused_by_readers_and_by_a_resume(batch, capsys, tmp_path):
    path = batch / "plan.json"
    plan = json.loads(path.read_text())
    plan["points"][0]["sweep"] = {"parameters.noise_sd": 0.5}
    path.write_text(json.dumps(plan))
    for attempt in (load_batch, load_index, small):
        with pytest.raises(RunStoreError, match=r"plan\.json: changed since the batch was planned"):
            attempt(batch)
    assert compare_batch(batch, tmp_path / "report") == 2
    assert "plan.json" in capsys.readouterr().err


def test_deleted_point_files_are_refused_by_compare_and_rewritten_by_a_resume(
    pristine, batch, tmp_path, capsys
):
    shutil.rmtree(batch / "points")
    assert compare_batch(batch, tmp_path / "report") == 2
    err = capsys.readouterr().err
    assert "points/0.scenario.resolved.yaml: missing" in err
    _, summary = small(batch)
    assert summary.runs_run == 0
    assert "point file" in describe_summary(summary)
    assert listing(batch) == listing(pristine)
    assert compare_batch(batch, tmp_path / "report") == 0


def test_a_stray_chunk_is_refused(batch, capsys):
    shutil.copytree(batch / CHUNK, batch / "chunks" / "c0000099")
    with pytest.raises(RunStoreError, match="c0000099 not among the 2 chunks"):
        load_batch(batch)
    with pytest.raises(RunStoreError, match="c0000099 not among the 2 chunks"):
        small(batch)
    assert main(["runs", "show", str(batch)]) == 2
    assert "c0000099" in capsys.readouterr().err
    assert main(["runs", "list", str(batch.parent)]) == 0
    assert "damaged" in capsys.readouterr().out


def test_a_damaged_index_is_refused(batch):
    flip(batch / "index.parquet", 16)
    with pytest.raises(RunStoreError, match=r"index\.parquet: damaged"):
        load_index(batch)


@pytest.mark.parametrize(
    "content", ["{garbage", "[1, 2]", '{"kind": "batch", "scenarios": [{"points": [{"x": 1}]}]}']
)
def test_a_garbage_manifest_is_one_clear_message(batch, tmp_path, capsys, content):
    (batch / "manifest.json").write_text(content)
    assert compare_batch(batch, tmp_path / "report") == 2
    err = capsys.readouterr().err
    assert "manifest.json" in err and "Traceback" not in err
    _, summary = small(batch)  # the manifest is the store's summary: a resume rewrites it
    assert "writing the manifest anew" in describe_summary(summary)
    assert json.loads((batch / "manifest.json").read_text())["status"] == "finished"
    assert compare_batch(batch, tmp_path / "report") == 0
