"""Scoring a batch: a table the batch does not hold is left out, any other failure surfaces."""

from pathlib import Path

import pytest

from bargainsim.compare import load_claims
from bargainsim.errors import RunStoreError
from bargainsim.results import batch_source
from bargainsim.workflows.compare import score_batch

from ..batch.conftest import run_small_batch

ROOT = Path(__file__).resolve().parents[2]
CLAIMS = ROOT / "scenarios" / "claims" / "feng2012.yaml"


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    out = tmp_path_factory.mktemp("batch") / "feng"
    run_small_batch(out, runs=4, chunk_runs=4)
    return out


def _loader_failing_on(directory, table, error):
    stored = batch_source(directory)

    def load(name):
        if name == table:
            raise error
        return stored(name)

    return load


@pytest.mark.parametrize("error", [FileNotFoundError("events.parquet"), RunStoreError("no")])
def test_a_table_the_batch_lacks_is_left_out(batch, error):
    claims = load_claims(CLAIMS).claims
    score = score_batch(batch, claims, source=_loader_failing_on(batch, "events", error))
    assert "events" not in score.tables and "cooperation" in score.tables
    assert len(score.runs) > 0


def test_any_other_failure_reading_a_table_surfaces(batch):
    claims = load_claims(CLAIMS).claims
    with pytest.raises(KeyError, match="a bug"):
        score_batch(batch, claims, source=_loader_failing_on(batch, "events", KeyError("a bug")))
