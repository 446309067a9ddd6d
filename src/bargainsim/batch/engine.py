"""Running a batch: plan → missing chunks → executor → store, with a manifest kept current.

``run_batch`` is the whole of ``bargainsim batch`` below the command line; it is also the
Python entry point (``bargainsim.batch.run_batch``). Running the same plan into the same
directory again runs only the chunks that are not finished, after checking every finished
one (a damaged chunk runs again), and writes whatever a fresh batch would have written.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bargainsim.batch.lock import batch_lock
from bargainsim.batch.progress import ProgressBar
from bargainsim.batch.store import (
    INDEX_FILE,
    MANIFEST_FILE,
    PLAN_FILE,
    REDO,
    TABLE_FILES,
    BatchStore,
    chunk_name,
    point_file,
)
from bargainsim.batch.worker import ChunkTask
from bargainsim.errors import OutputError, RunStoreError
from bargainsim.output import cannot_write, write_json_atomic, write_text_atomic
from bargainsim.provenance import versions


@dataclass
class BatchSummary:
    directory: Path
    runs: int
    finished: int
    failed: int
    resumed: bool
    chunks_run: int
    runs_run: int
    seconds: float
    failures: list
    repairs: list[str] = field(default_factory=list)  # what a resume found damaged and redid

    @property
    def runs_per_second(self) -> float:
        return self.runs_run / self.seconds if self.seconds > 0 else 0.0


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _check_target(store: BatchStore) -> None:
    """Refuse, before anything is written, a --out that cannot hold this batch."""
    directory = store.directory
    if directory.exists() and not directory.is_dir():
        raise RunStoreError(f"{directory} is a file, not a batch directory; choose another --out")
    if directory.is_dir() and not store.is_empty() and not (directory / PLAN_FILE).is_file():
        raise RunStoreError(
            f"{directory} is not a batch directory (no {PLAN_FILE}); choose a new or empty --out"
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise cannot_write(directory, error) from None


def _write_points(store: BatchStore, scenarios: dict, resumed: bool) -> list[str]:
    """Each point's resolved scenario, unless it is there already as it should be."""
    import yaml

    restored = []
    for index, scenario in scenarios.items():
        path = store.directory / point_file(index)
        # libyaml's dumper where PyYAML has it: the same text, several times faster (a
        # sampled design writes hundreds of points).
        dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
        text = yaml.dump(scenario.resolved, Dumper=dumper, sort_keys=False, allow_unicode=True)
        try:
            if path.read_text("utf-8") == text:
                continue
        except (OSError, UnicodeDecodeError):
            pass
        write_text_atomic(path, text)
        restored.append(point_file(index))
    if resumed and restored:
        return [f"wrote {len(restored)} missing or damaged point file(s): {', '.join(restored)}"]
    return []


def run_batch(plan, scenarios, directory, executor, *, progress_stream=None, progress=None):
    """Run every unfinished chunk of ``plan`` into ``directory`` on ``executor``.

    ``scenarios`` maps point index to its loaded scenario (from
    :func:`~bargainsim.batch.plan.build_plan`). Returns a :class:`BatchSummary`. One
    command at a time writes a batch directory; a second is refused (RunStoreError).
    """
    store = BatchStore(directory)
    _check_target(store)
    with batch_lock(store.directory):
        return _run(plan, scenarios, store, executor, progress_stream, progress)


def _run(plan, scenarios, store, executor, progress_stream, progress):
    from bargainsim.model.compiled import compile_scenario

    plan_hash = plan.plan_hash()
    resumed = store.open_for(plan, plan_hash)
    stored_plan = store.read_plan()
    repairs = []
    finished, damaged = store.audit(stored_plan) if resumed else ({}, {})
    for index, problem in sorted(damaged.items()):
        repairs.append(f"running damaged chunk {chunk_name(index)} again: {problem}")
    repairs += _write_points(store, scenarios, resumed)
    all_chunks = plan.chunks()
    missing = [chunk for chunk in all_chunks if chunk.index not in finished]
    # A point with several chunks to run is compiled once, here; one with a single chunk
    # by the worker that runs it (ChunkTask.compiled_scenario).
    pending = Counter(chunk.point for chunk in missing)
    compiled = {
        index: compile_scenario(scenarios[index]) for index, count in pending.items() if count > 1
    }
    already = sum(info["runs"] for info in finished.values())

    try:
        manifest = store.read_manifest(stored_plan)
    except RunStoreError as error:
        manifest = {}
        repairs.append(f"writing the manifest anew ({str(error).removesuffix(f'; {REDO}')})")
    sessions = manifest.get("timings", {}).get("sessions", [])
    session = {"started_at": _now(), "resumed": resumed, **executor.describe()}
    sessions.append(session)
    extra: dict = {}
    package_versions = versions()  # read once: package metadata is slow to look up

    def write_manifest(status: str, done: dict) -> dict:
        counts = {
            "runs": plan.n_runs,
            "finished": sum(info["finished"] for info in done.values()),
            "failed": sum(info["failed"] for info in done.values()),
            "chunks": len(all_chunks),
            "chunks_finished": len(done),
        }
        content = {
            "kind": "batch",
            "status": status,
            "plan_hash": plan_hash,
            "versions": package_versions,
            "scenarios": _scenario_summary(plan),
            "sweep": [{"key": axis.key, "values": list(axis.values)} for axis in plan.sweep],
            "overrides": list(plan.overrides),
            "seeds": {
                "batch_seed": plan.batch_seed,
                "runs_per_point": plan.runs_per_point,
                "derivation": "numpy.random.SeedSequence(batch_seed).spawn(runs_per_point);"
                " replicate k of every point uses child k, seed ="
                " child.generate_state(1, dtype=uint32)[0]; per-run seeds in the index",
            },
            "backend": executor.describe(),
            "timings": {"sessions": sessions},
            "counts": counts,
            "tables": {name: f"chunks/*/{TABLE_FILES[name]}" for name in plan.tables},
            "index": INDEX_FILE,
            **extra,
        }
        write_json_atomic(store.directory / MANIFEST_FILE, content)
        return counts

    counts = write_manifest("running", finished)
    bar = progress or ProgressBar(plan.n_runs, already=already, stream=progress_stream)
    # An executor that does not say its workers see this directory gets the bytes back.
    local_files = getattr(executor, "shares_files", False)
    started = time.perf_counter()
    runs_run = 0
    failures = []

    def tasks():
        for chunk in missing:
            replicates = np.asarray(chunk.replicates())
            yield ChunkTask(
                chunk=chunk.index,
                point=chunk.point,
                compiled=compiled.get(chunk.point),
                run_ids=chunk.point * plan.runs_per_point + replicates,
                # Derived chunk by chunk, as the chunks are handed out: the first chunks
                # start without waiting for every seed of the batch.
                seeds=plan.chunk_seeds(chunk),
                tables=plan.tables,
                scenario=None if chunk.point in compiled else scenarios[chunk.point],
                replicates=replicates,
                # Workers that see this directory write the chunk's files themselves.
                staging=str(store.staging_directory(chunk.index)) if local_files else None,
            )

    status = "interrupted"
    try:
        for outcome in executor.map_chunks(tasks()):
            finished[outcome.chunk] = store.write_chunk(outcome)
            runs_run += len(outcome.run_ids)
            failures.extend(outcome.failures)
            bar.advance(len(outcome.run_ids), outcome.n_failed)
            # After every chunk, so that a batch the disk stops still says what finished.
            counts = write_manifest("running", finished)
        status = "finished"
    except OutputError as error:
        status, extra["error"] = "stopped", str(error)
        done = sum(info["finished"] + info["failed"] for info in finished.values())
        raise OutputError(
            f"{error}; the batch stopped with {done} of {plan.n_runs} runs done, kept in "
            f"{store.directory}: make room and run the same command again to finish it"
        ) from error
    finally:
        bar.close()
        seconds = time.perf_counter() - started
        session.update(
            finished_at=_now(),
            seconds=round(seconds, 4),
            chunks_run=len(finished) - (len(all_chunks) - len(missing)),
            runs_run=runs_run,
            runs_per_second=round(runs_run / seconds, 1) if seconds > 0 else None,
        )
        try:
            if status == "finished":
                extra["index_sha256"] = store.write_index(stored_plan)
                if len(finished) != len(all_chunks):
                    status = "incomplete"
            counts = write_manifest(status, finished)
        except OutputError:
            if status != "stopped":
                raise
            # The disk that stopped the batch refuses the last manifest too: the one written
            # after the last chunk stands.
    return BatchSummary(
        directory=store.directory,
        runs=plan.n_runs,
        finished=counts["finished"],
        failed=counts["failed"],
        resumed=resumed,
        chunks_run=session["chunks_run"],
        runs_run=runs_run,
        seconds=seconds,
        failures=failures,
        repairs=repairs,
    )


def _scenario_summary(plan) -> list[dict]:
    grouped: dict[str, dict] = {}
    for point in plan.points:
        entry = grouped.setdefault(
            point.scenario_path,
            {"id": point.scenario_id, "path": point.scenario_path, "points": []},
        )
        entry["points"].append({"point": point.index, "sha256": point.digest, "sweep": point.sweep})
    return list(grouped.values())
