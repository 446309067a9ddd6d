"""A batch that writes only some tables (``--tables``): loadable, its tables those of a
full batch, resumable; an unknown name is an error before anything is written."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from bargainsim.batch.plan import build_plan
from bargainsim.batch.store import BatchStore
from bargainsim.cli import main
from bargainsim.errors import BargainsimError, RunStoreError
from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.model.tables import DEFAULT_TABLES, TABLE_FILES, table_selection
from bargainsim.results import load_batch, load_index
from bargainsim.scenario import load_scenario

from .conftest import FENG, run_small_batch

SOME = ("dyads", "cooperation")


def test_a_batch_with_fewer_tables_holds_them_as_a_full_batch_does(reference_batch, tmp_path):
    full, full_plan, _ = reference_batch
    out = tmp_path / "some"
    plan, summary = run_small_batch(
        out,
        scenarios=full_plan_scenarios(full_plan),
        sweep_specs=["parameters.noise_sd=0.01:0.03:2"],
        seed=7,
        tables=",".join(SOME),
    )
    assert plan.tables == ("cooperation", "dyads") and summary.failed == 0
    assert plan.plan_hash() != full_plan.plan_hash()
    for chunk in BatchStore(out).chunk_dirs():
        assert {p.name for p in chunk.glob("*.parquet")} == {
            TABLE_FILES["cooperation"],
            TABLE_FILES["dyads"],
            "runs.parquet",
        }
    for table in SOME:
        pd.testing.assert_frame_equal(load_batch(out, table=table), load_batch(full, table=table))
    pd.testing.assert_frame_equal(load_index(out), load_index(full))
    with pytest.raises(RunStoreError, match="did not write the postures table"):
        load_batch(out, table="postures")
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert set(manifest["tables"]) == set(SOME)


def full_plan_scenarios(plan):
    return tuple(dict.fromkeys(point.scenario_path for point in plan.points))


def test_the_default_tables_leave_the_plan_as_it_was():
    default, _ = build_plan([FENG], runs=4)
    named, _ = build_plan([FENG], runs=4, tables=list(DEFAULT_TABLES))
    assert "tables" not in default.describe()
    assert named.plan_hash() == default.plan_hash()
    reordered, _ = build_plan([FENG], runs=4, tables="dyads,cooperation")
    assert reordered.plan_hash() == build_plan([FENG], runs=4, tables=SOME)[0].plan_hash()


def test_a_batch_can_write_the_contributions_table(tmp_path):
    out = tmp_path / "explain"
    plan, _ = run_small_batch(out, runs=3, chunk_runs=2, tables="contributions")
    batch = load_batch(out, table="contributions")
    compiled = compile_scenario(load_scenario(FENG))
    expected = simulate(compiled, plan.seeds(), contributions=True).tables(names=["contributions"])
    expected = expected["contributions"]
    assert batch["run"].tolist() == expected["run"].tolist()
    for column in expected.columns:
        if column == "quarter":
            assert batch[column].astype(str).tolist() == expected[column].astype(str).tolist()
        else:
            assert np.array_equal(batch[column].to_numpy(), expected[column].to_numpy()), column


def test_an_interrupted_batch_with_fewer_tables_resumes(tmp_path):
    out = tmp_path / "b"
    run_small_batch(out, runs=8, chunk_runs=4, tables=SOME)
    before = load_batch(out, table="dyads")
    store = BatchStore(out)
    (store.chunk_dirs()[1] / "DONE").unlink()
    _, summary = run_small_batch(out, runs=8, chunk_runs=4, tables=SOME)
    assert summary.resumed and summary.runs_run == 4
    pd.testing.assert_frame_equal(load_batch(out, table="dyads"), before)


def test_an_unknown_table_is_an_error_and_nothing_is_written(tmp_path, capsys):
    out = tmp_path / "b"
    code = main(
        ["batch", str(FENG), "--runs", "2", "--tables", "cooperation,dyad", "--out", str(out)]
    )
    assert code == 2
    error = capsys.readouterr().err
    assert "--tables 'cooperation,dyad'" in error and "unknown table 'dyad'" in error
    assert "cooperation, dyads, postures" in error
    assert not out.exists()


@pytest.mark.parametrize("names", ["", " , ", ["nothing"], "cooperation,,dyads"])
def test_table_selection_refuses_what_names_no_table(names):
    with pytest.raises(BargainsimError, match="--tables"):
        table_selection(names, "--tables")


def test_table_selection_orders_and_deduplicates():
    assert table_selection("events, cooperation,events") == ("cooperation", "events")
