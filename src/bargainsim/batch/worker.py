"""What an executor runs: one chunk of runs of one point, start to Parquet files.

A worker needs numpy, pyarrow and the vectorised model only: no mesa, no YAML (pyarrow
itself brings in pandas when it converts arrays).
Given a staging directory (an executor whose workers see the batch directory), it writes
the chunk's files there (:mod:`bargainsim.batch.chunk_files`) and returns only what they
are; otherwise it returns each table as Parquet bytes, so that a Dask worker on another
machine needs no shared file system. Either way the batch's single writer (the store)
decides what counts as finished: a chunk is finished only by its DONE marker.

A chunk runs vectorised. If that raises, its runs are run one by one: the ones that raise
are recorded as failed with their seed and traceback, the others are run again together
(the same numbers: each run's randomness is its own) and kept.
"""

from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field

import numpy as np

from bargainsim.batch.chunk_files import chunk_index, write_chunk_files
from bargainsim.model.tables import DEFAULT_TABLES, build_tables, parquet_bytes


@dataclass(frozen=True)
class ChunkTask:
    chunk: int
    point: int
    compiled: object  # CompiledScenario, or None: compile ``scenario`` here
    run_ids: np.ndarray  # (R,) int64
    seeds: np.ndarray  # (R,) int64
    tables: tuple[str, ...] = DEFAULT_TABLES
    scenario: object = None  # the point's Scenario, when the worker compiles it
    replicates: np.ndarray | None = None  # (R,) int64; default: run_ids
    staging: str | None = None  # where to write the chunk's files; None: return them

    def replicate_numbers(self) -> np.ndarray:
        chosen = self.run_ids if self.replicates is None else self.replicates
        return np.asarray(chosen, dtype=np.int64)

    def compiled_scenario(self):
        """The point's compiled scenario. A point run as one chunk is compiled by the worker
        that runs it, so that a design of many points compiles them on every core rather
        than one after another before the first chunk starts (compiling is deterministic:
        the arrays are the same wherever it happens)."""
        if self.compiled is not None:
            return self.compiled
        from bargainsim.model.compiled import compile_scenario

        return compile_scenario(self.scenario)


@dataclass
class RunFailure:
    run: int
    seed: int
    error: str
    traceback: str


@dataclass
class ChunkOutcome:
    chunk: int
    point: int
    run_ids: np.ndarray
    seeds: np.ndarray
    replicates: np.ndarray
    # table name -> Parquet file content, when the worker did not write the files
    tables: dict[str, bytes] | None
    failures: list[RunFailure] = field(default_factory=list)
    seconds: float = 0.0
    # what write_chunk_files wrote into ``staging`` (sizes, checksums), when it did
    staging: str | None = None
    files: dict | None = None

    @property
    def n_failed(self) -> int:
        return len(self.failures)

    @property
    def n_finished(self) -> int:
        return len(self.run_ids) - len(self.failures)


def simulate_runs(compiled, seeds, contributions: bool = False):
    """The vectorised ensemble (kept as a module attribute so tests can make it fail)."""
    from bargainsim.model.ensemble import simulate

    return simulate(compiled, seeds, contributions=contributions)


def run_chunk(task: ChunkTask) -> ChunkOutcome:
    started = time.perf_counter()
    run_ids = np.asarray(task.run_ids, dtype=np.int64)
    seeds = np.asarray(task.seeds, dtype=np.int64)
    failures: list[RunFailure] = []
    # The contributions table needs what moved each relation recorded as it runs.
    recording = "contributions" in task.tables
    extra = {"contributions": True} if recording else {}
    compiled = task.compiled_scenario()
    try:
        result = simulate_runs(compiled, seeds, **extra)
        keep = np.ones(len(seeds), dtype=bool)
    except Exception:
        keep, failures = _isolate_failures(compiled, run_ids, seeds)
        result = simulate_runs(compiled, seeds[keep], **extra) if keep.any() else None
    if result is None:  # every run failed: empty tables with the usual columns
        result = _no_runs(compiled, recording)
    tables = build_tables(result, run_ids[keep], task.tables)
    encoded = {name: parquet_bytes(table) for name, table in tables.items()}
    outcome = ChunkOutcome(
        chunk=task.chunk,
        point=task.point,
        run_ids=run_ids,
        seeds=seeds,
        replicates=task.replicate_numbers(),
        tables=encoded,
        failures=failures,
        seconds=time.perf_counter() - started,
    )
    if task.staging is not None:
        outcome.files = write_chunk_files(task.staging, encoded, chunk_index(outcome))
        outcome.staging, outcome.tables = task.staging, None
    return outcome


def _no_runs(compiled, contributions: bool = False):
    from bargainsim.model.ensemble import EnsembleResult, History

    history = History.empty(compiled, 0, contributions)
    return EnsembleResult(compiled, np.zeros(0, dtype=np.int64), history)


def _isolate_failures(compiled, run_ids, seeds):
    keep = np.ones(len(seeds), dtype=bool)
    failures = []
    for k, (run, seed) in enumerate(zip(run_ids, seeds, strict=True)):
        try:
            simulate_runs(compiled, seeds[k : k + 1])
        except Exception as error:
            keep[k] = False
            failures.append(
                RunFailure(
                    run=int(run),
                    seed=int(seed),
                    error=f"{type(error).__name__}: {error}",
                    traceback=traceback.format_exc(),
                )
            )
    return keep, failures
