"""Fixtures for the batch tests: the shipped scenarios, small batches run in process."""

from __future__ import annotations

from pathlib import Path

import pytest

from bargainsim.batch.engine import run_batch
from bargainsim.batch.executors import InProcessExecutor
from bargainsim.batch.plan import build_plan

REPO_ROOT = Path(__file__).resolve().parents[2]
FENG = REPO_ROOT / "scenarios" / "feng2012_putin_return.yaml"
XU = REPO_ROOT / "scenarios" / "xu2008_medvedev.yaml"


def run_small_batch(out: Path, executor=None, *, scenarios=(FENG,), runs=6, chunk_runs=4, **plan):
    """A small batch into ``out`` (in process unless another executor is given)."""
    built, loaded = build_plan(list(scenarios), runs=runs, chunk_runs=chunk_runs, **plan)
    executor = executor or InProcessExecutor()
    return built, run_batch(built, loaded, out, executor)


@pytest.fixture(scope="session")
def feng_path() -> Path:
    return FENG


@pytest.fixture(scope="session")
def reference_batch(tmp_path_factory):
    """Two scenarios x a two-value sweep x 6 runs, in process: the batch others compare to."""
    out = tmp_path_factory.mktemp("reference") / "batch"
    plan, summary = run_small_batch(
        out, scenarios=(FENG, XU), sweep_specs=["parameters.noise_sd=0.01:0.03:2"], seed=7
    )
    return out, plan, summary
