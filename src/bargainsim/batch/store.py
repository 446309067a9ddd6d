"""The run store: a batch directory, written so that an interruption at any moment leaves
it resumable, and read back only when it is what was written (read by
:mod:`bargainsim.results.stored`).

```
DIR/
  plan.json                    the plan and its hash; written once, first
  manifest.json                versions, scenarios, sweep, seeds, backend, timings, counts
  points/P.scenario.resolved.yaml   each point's resolved scenario
  chunks/cCCCCCC/              one chunk: consecutive runs of one point
    trajectories.parquet ...   one file per table (names as for `bargainsim run`)
    runs.parquet               the chunk's rows of the per-run index
    DONE                       written last, with each file's SHA-256: the chunk counts
                               as finished only with it
  index.parquet                the per-run index of the whole batch (when finished)
  .lock                        held by the one command writing the batch
```

Every file is written to a temporary name and renamed; a chunk's files are written into a
hidden staging directory (by the worker that ran it, when it sees this directory:
:mod:`bargainsim.batch.chunk_files`), which takes the chunk's name once they are all
there. A chunk directory without ``DONE``, and any hidden entry in ``chunks/``, is debris
of an interrupted write; it is deleted and its runs are run again.

Nothing is taken on trust when read: plan.json must match its own hash, a point's
scenario file the digest the plan records for it, a chunk's files the checksums in its
marker, and every chunk directory a chunk of the plan. A reader gets a
:class:`~bargainsim.errors.RunStoreError` naming the damaged file; a resumed batch runs
damaged chunks again (:meth:`BatchStore.audit`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from bargainsim.batch.chunk_files import (
    CHUNK_RUNS_FILE,
    INDEX_SCHEMA,
    chunk_index,
    chunk_name,
    parquet_payload,
    sha256,
    staging_name,
    sync_chunk_files,
    write_chunk_files,
)
from bargainsim.batch.plan import hash_described
from bargainsim.errors import RunStoreError
from bargainsim.model.tables import DEFAULT_TABLES, TABLE_FILES
from bargainsim.output import cannot_write, write_bytes_atomic, write_json_atomic

PLAN_FILE = "plan.json"
MANIFEST_FILE = "manifest.json"
INDEX_FILE = "index.parquet"
DONE_MARKER = "DONE"
LOCK_FILE = ".lock"
POINTS_DIR = "points"
CHUNK_NAME = re.compile(r"c(\d{7})")
# What a damaged file's message ends with: the one way to repair it.
REDO = "run the same batch command again to redo it"


def point_file(index: int) -> str:
    return f"{POINTS_DIR}/{index}.scenario.resolved.yaml"


class BatchStore:
    """A batch directory: its plan, finished chunks and manifest."""

    def __init__(self, directory):
        self.directory = Path(directory)

    @property
    def chunks_dir(self) -> Path:
        return self.directory / "chunks"

    # -- the plan and the manifest --------------------------------------------------------

    def read_plan(self) -> dict:
        """plan.json, checked against the hash it records."""
        path = self.directory / PLAN_FILE
        if not path.is_file():
            raise RunStoreError(f"{self.directory} is not a batch directory (no {PLAN_FILE})")
        try:
            plan = json.loads(path.read_text("utf-8"))
            described = {k: v for k, v in plan.items() if k not in ("kind", "plan_hash")}
            matches = plan["plan_hash"] == hash_described(described)
            layout(plan)
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            raise RunStoreError(f"{path}: unreadable batch plan ({error!r})") from None
        if not matches:
            raise RunStoreError(
                f"{path}: changed since the batch was planned (it does not match the hash it "
                "records); restore it, or run the batch again into a new --out"
            )
        return plan

    def read_manifest(self, plan: dict | None = None) -> dict:
        """manifest.json ({} before the first is written); with ``plan``, checked to be
        this plan's."""
        path = self.directory / MANIFEST_FILE
        try:
            manifest = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise RunStoreError(f"{path}: unreadable manifest ({error}); {REDO}") from None
        if not isinstance(manifest, dict) or manifest.get("kind") != "batch":
            raise RunStoreError(f"{path}: not a batch manifest; {REDO}")
        if plan is not None and manifest.get("plan_hash") != plan["plan_hash"]:
            raise RunStoreError(f"{path}: the manifest of another batch's plan; {REDO}")
        return manifest

    def is_empty(self) -> bool:
        """True when nothing but (at most) the lock file is there yet."""
        return not [p for p in self.directory.iterdir() if p.name != LOCK_FILE]

    def open_for(self, plan, plan_hash: str) -> bool:
        """Prepare the directory for ``plan``: create it, or check that it holds the same
        plan. Returns True when an existing batch is being resumed."""
        directory = self.directory
        if directory.exists() and not self.is_empty():
            stored = self.read_plan()
            if stored.get("plan_hash") != plan_hash:
                raise RunStoreError(
                    f"{directory} holds a different batch (plan {stored.get('plan_hash', '?')[:12]}"
                    f", this command's plan {plan_hash[:12]}); choose another --out"
                )
            self.remove_partial_chunks()
            return True
        directory.mkdir(parents=True, exist_ok=True)
        write_json_atomic(
            directory / PLAN_FILE, {"kind": "batch", "plan_hash": plan_hash, **plan.describe()}
        )
        return False

    # -- points --------------------------------------------------------------------------

    def check_point(self, plan: dict, index: int) -> Path:
        """The point's resolved scenario file, if it is the one the plan records."""
        import yaml

        from bargainsim.scenario.model import canonical, digest_of

        points = {p["point"]: p for p in plan["points"]}
        path = self.directory / point_file(index)
        if index not in points:
            raise RunStoreError(f"{self.directory}: no point {index} in the plan")
        try:
            loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same tree, faster
            tree = yaml.load(path.read_text("utf-8"), Loader=loader)
            matches = digest_of(canonical(tree)) == points[index]["sha256"]
        except FileNotFoundError:
            raise RunStoreError(f"{path}: missing; {REDO}") from None
        except (OSError, ValueError, TypeError, yaml.YAMLError):
            matches = False
        if not matches:
            raise RunStoreError(f"{path}: not the scenario the plan records for it; {REDO}")
        return path

    # -- chunks --------------------------------------------------------------------------

    def chunk_directories(self, plan: dict) -> dict[int, Path]:
        """Every chunk directory there is, by chunk number; RunStoreError for anything in
        chunks/ that is not a chunk of the plan (hidden names are temporary files)."""
        found, stray = {}, []
        total = len(layout(plan))
        if self.chunks_dir.is_dir():
            for path in sorted(self.chunks_dir.iterdir()):
                if path.name.startswith("."):
                    continue
                match = CHUNK_NAME.fullmatch(path.name)
                if match and path.is_dir() and int(match.group(1)) < total:
                    found[int(match.group(1))] = path
                else:
                    stray.append(path.name)
        if stray:
            shown = ", ".join(stray[:5]) + (f" and {len(stray) - 5} more" if len(stray) > 5 else "")
            raise RunStoreError(
                f"{self.chunks_dir}: {shown} not among the {total} chunks of this batch's plan; "
                "move them out of the batch directory"
            )
        return found

    def marker(
        self, slots: list[tuple[int, int]], index: int, tables=DEFAULT_TABLES
    ) -> dict | None:
        """Chunk ``index``'s DONE marker (None if the chunk is unfinished), if it is what
        the chunk of this ``layout``, writing these ``tables``, would have written;
        RunStoreError otherwise."""
        path = self.chunks_dir / chunk_name(index) / DONE_MARKER
        try:
            marker = json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            raise RunStoreError(f"{path}: unreadable; {REDO}") from None
        point, runs = slots[index]
        files = marker.get("sha256") if isinstance(marker, dict) else None
        if not isinstance(files, dict):
            raise RunStoreError(f"{path}: records no checksums; {REDO}")
        counts = [marker.get(key) for key in ("finished", "failed")]
        found = (marker.get("chunk"), marker.get("point"), marker.get("runs"), set(files))
        expected = (
            index,
            point,
            runs,
            {*(TABLE_FILES[n] for n in tables), CHUNK_RUNS_FILE},
        )
        if (
            found != expected
            or not all(isinstance(count, int) and count >= 0 for count in counts)
            or sum(counts) != runs
        ):
            raise RunStoreError(f"{path}: not the marker of chunk {index} of this plan; {REDO}")
        return marker

    def finished_chunks(self, plan: dict | None = None) -> dict[int, dict]:
        """Chunk index -> its DONE marker, for every finished chunk (markers checked
        against the plan; files not read)."""
        plan = plan or self.read_plan()
        slots, tables = layout(plan), planned_tables(plan)
        out = {}
        for index in self.chunk_directories(plan):
            marker = self.marker(slots, index, tables)
            if marker is not None:
                out[index] = marker
        return out

    def audit(self, plan: dict) -> tuple[dict[int, dict], dict[int, str]]:
        """For a resumed batch: the finished chunks whose every file is what its marker
        records, and the damaged ones (chunk -> what is wrong). Damaged and unfinished
        chunk directories are deleted, so that their runs run again."""
        slots, tables = layout(plan), planned_tables(plan)
        finished, damaged = {}, {}
        for index, path in self.chunk_directories(plan).items():
            try:
                marker = self.marker(slots, index, tables)
                if marker is not None:
                    for name in sorted(marker["sha256"]):
                        self.read_file(index, marker, name)
                    status = self.read_chunk_table(index, marker, CHUNK_RUNS_FILE, ["status"])
                    failed = sum(1 for value in status.column(0).to_pylist() if value == "failed")
                    if failed != marker["failed"]:
                        raise RunStoreError(f"{path / DONE_MARKER}: counts do not match")
            except RunStoreError as error:
                damaged[index] = str(error).removesuffix(f"; {REDO}")
                marker = None
            if marker is None:
                shutil.rmtree(path, ignore_errors=True)
            else:
                finished[index] = marker
        return finished, damaged

    def read_file(self, index: int, marker: dict, name: str) -> bytes:
        """A finished chunk's file, if it is the one its marker records."""
        path = self.chunks_dir / chunk_name(index) / name
        try:
            payload = path.read_bytes()
        except FileNotFoundError:
            raise RunStoreError(f"{path}: missing; {REDO}") from None
        except OSError as error:
            raise RunStoreError(f"{path}: unreadable ({error.strerror}); {REDO}") from None
        if sha256(payload) != marker["sha256"].get(name):
            raise RunStoreError(
                f"{path}: damaged (not the checksum recorded when it was written); {REDO}"
            )
        return payload

    def read_chunk_table(self, index: int, marker: dict, name: str, columns=None) -> pa.Table:
        payload = self.read_file(index, marker, name)
        # One file, read as one file: pq.read_table goes through pyarrow.dataset, which
        # imports pandas (0.2 s of a batch command's last moments) for the same table.
        return pq.ParquetFile(pa.BufferReader(payload)).read(columns=columns)

    def remove_partial_chunks(self) -> int:
        """Delete chunk directories without a DONE marker; return how many."""
        removed = 0
        if self.chunks_dir.is_dir():
            for path in self.chunks_dir.iterdir():
                if path.is_dir() and not (path / DONE_MARKER).exists():
                    if CHUNK_NAME.fullmatch(path.name) or path.name.startswith("."):
                        shutil.rmtree(path, ignore_errors=True)
                        removed += 1
                elif path.is_file() and path.name.startswith("."):
                    path.unlink(missing_ok=True)  # a temporary file left by a killed write
        return removed

    def staging_directory(self, index: int) -> Path:
        """Where chunk ``index``'s files are written before the chunk is finished."""
        return self.chunks_dir / staging_name(index)

    def write_chunk(self, outcome) -> dict:
        """Finish a chunk: its files (written by the worker into its staging directory, or
        here from the bytes it sent) are synced to disk and move to the chunk's name, then
        (last) its DONE marker is written."""
        directory = self.chunks_dir / chunk_name(outcome.chunk)
        files, staging = outcome.files, outcome.staging
        if files is None:
            staging = self.staging_directory(outcome.chunk)
            files = write_chunk_files(staging, outcome.tables, chunk_index(outcome))
        try:
            sync_chunk_files(staging, files["sha256"])
            if directory.exists():
                shutil.rmtree(directory)
            os.rename(staging, directory)
        except BaseException as error:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(error, OSError):
                raise cannot_write(directory, error) from None
            raise
        marker = {
            "chunk": outcome.chunk,
            "point": outcome.point,
            "runs": len(outcome.run_ids),
            "finished": outcome.n_finished,
            "failed": outcome.n_failed,
            "seconds": round(outcome.seconds, 4),
            **files,
        }
        write_json_atomic(directory / DONE_MARKER, marker)
        return marker

    # -- reading -------------------------------------------------------------------------

    def chunk_dirs(self) -> list[Path]:
        """Finished chunk directories, in chunk order (= run order)."""
        return [self.chunks_dir / chunk_name(k) for k in sorted(self.finished_chunks())]

    def run_index(self, plan: dict | None = None) -> pa.Table:
        """The per-run index of every finished chunk, in run order (each file checked)."""
        finished = self.finished_chunks(plan)
        parts = [self.read_chunk_table(k, finished[k], CHUNK_RUNS_FILE) for k in sorted(finished)]
        if not parts:
            return INDEX_SCHEMA.empty_table()
        return pa.concat_tables(parts, promote_options="permissive")

    def write_index(self, plan: dict | None = None) -> str:
        """Write index.parquet; return its SHA-256 (for the manifest)."""
        payload = parquet_payload(self.run_index(plan))
        write_bytes_atomic(self.directory / INDEX_FILE, payload)
        return sha256(payload)

    def is_complete(self, plan: dict | None = None) -> bool:
        plan = plan or self.read_plan()
        return len(self.finished_chunks(plan)) == expected_chunks(plan)


def planned_tables(plan: dict) -> tuple[str, ...]:
    """The tables a stored plan's chunks hold (the default ones unless it names them)."""
    return tuple(plan.get("tables", DEFAULT_TABLES))


def layout(plan: dict) -> list[tuple[int, int]]:
    """(point, runs) of each chunk of a stored plan, in chunk order: the layout of
    :meth:`~bargainsim.batch.plan.BatchPlan.chunks`."""
    runs, size = int(plan["runs_per_point"]), int(plan["chunk_runs"])
    if runs < 1 or size < 1:
        raise ValueError("runs_per_point and chunk_runs must be at least 1")
    return [
        (int(point["point"]), min(size, runs - first))
        for point in plan["points"]
        for first in range(0, runs, size)
    ]


def expected_chunks(plan: dict) -> int:
    return len(layout(plan))
