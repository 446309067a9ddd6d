"""The run store: a batch directory, written so that an interruption at any moment leaves
it resumable (read back by :mod:`bargainsim.results.stored`).

```
DIR/
  plan.json                    the plan and its hash; written once, first
  manifest.json                versions, scenarios, sweep, seeds, backend, timings, counts
  points/P.scenario.resolved.yaml   each point's resolved scenario
  chunks/cCCCCCC/              one chunk: consecutive runs of one point
    trajectories.parquet ...   one file per table (names as for `bargainsim run`)
    runs.parquet               the chunk's rows of the per-run index
    DONE                       written last: the chunk counts as finished only with it
  index.parquet                the per-run index of the whole batch (when finished)
```

Every file is written to a temporary name and renamed. A chunk directory without
``DONE`` is debris of an interrupted write; it is deleted and its runs are run again.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from bargainsim.errors import RunStoreError
from bargainsim.model.tables import TABLE_FILES
from bargainsim.output import write_bytes_atomic, write_json_atomic

PLAN_FILE = "plan.json"
MANIFEST_FILE = "manifest.json"
INDEX_FILE = "index.parquet"
CHUNK_RUNS_FILE = "runs.parquet"
DONE_MARKER = "DONE"

INDEX_SCHEMA = pa.schema(
    [
        ("run", pa.int64()),
        ("point", pa.int32()),
        ("replicate", pa.int64()),
        ("seed", pa.int64()),
        ("spawn_key", pa.list_(pa.int64())),
        ("status", pa.dictionary(pa.int8(), pa.large_string())),
        ("chunk", pa.int32()),
        ("error", pa.large_string()),
        ("traceback", pa.large_string()),
    ]
)


def chunk_name(index: int) -> str:
    return f"c{index:07d}"


class BatchStore:
    """A batch directory: its plan, finished chunks and manifest."""

    def __init__(self, directory):
        self.directory = Path(directory)

    @property
    def chunks_dir(self) -> Path:
        return self.directory / "chunks"

    # -- opening -------------------------------------------------------------------------

    def read_plan(self) -> dict:
        path = self.directory / PLAN_FILE
        if not path.is_file():
            raise RunStoreError(f"{self.directory} is not a batch directory (no {PLAN_FILE})")
        try:
            return json.loads(path.read_text("utf-8"))
        except (OSError, ValueError) as error:
            raise RunStoreError(f"{path}: unreadable batch plan ({error})") from None

    def read_manifest(self) -> dict:
        path = self.directory / MANIFEST_FILE
        try:
            return json.loads(path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as error:
            raise RunStoreError(f"{path}: unreadable manifest ({error})") from None

    def open_for(self, plan, plan_hash: str) -> bool:
        """Prepare the directory for ``plan``: create it, or check that it holds the same
        plan. Returns True when an existing batch is being resumed."""
        directory = self.directory
        if directory.exists() and any(directory.iterdir()):
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

    # -- chunks --------------------------------------------------------------------------

    def finished_chunks(self) -> dict[int, dict]:
        """Chunk index -> its DONE marker, for every finished chunk."""
        out = {}
        if not self.chunks_dir.is_dir():
            return out
        for marker in self.chunks_dir.glob(f"c*/{DONE_MARKER}"):
            try:
                info = json.loads(marker.read_text("utf-8"))
            except (OSError, ValueError):
                continue  # cannot happen with atomic writes; treat as unfinished
            out[int(info["chunk"])] = info
        return out

    def remove_partial_chunks(self) -> int:
        """Delete chunk directories without a DONE marker; return how many."""
        removed = 0
        if self.chunks_dir.is_dir():
            for path in self.chunks_dir.iterdir():
                if path.is_dir() and not (path / DONE_MARKER).exists():
                    shutil.rmtree(path, ignore_errors=True)
                    removed += 1
                elif path.is_file():  # a temporary file left by a killed write
                    path.unlink(missing_ok=True)
        return removed

    def write_chunk(self, outcome, replicates: np.ndarray, spawn_keys) -> dict:
        """Write a chunk's tables, then its runs, then (last) its DONE marker."""
        directory = self.chunks_dir / chunk_name(outcome.chunk)
        if directory.exists():
            shutil.rmtree(directory)
        directory.mkdir(parents=True)
        sizes = {}
        for name, payload in outcome.tables.items():
            write_bytes_atomic(directory / TABLE_FILES[name], payload)
            sizes[name] = len(payload)
        failed = {failure.run: failure for failure in outcome.failures}
        runs = [int(run) for run in outcome.run_ids]
        index = pa.table(
            {
                "run": pa.array(runs, pa.int64()),
                "point": pa.array([outcome.point] * len(runs), pa.int32()),
                "replicate": pa.array(np.asarray(replicates, dtype=np.int64)),
                "seed": pa.array(np.asarray(outcome.seeds, dtype=np.int64)),
                "spawn_key": pa.array([list(key) for key in spawn_keys], pa.list_(pa.int64())),
                "status": pa.array(
                    ["failed" if run in failed else "finished" for run in runs]
                ).dictionary_encode(),
                "chunk": pa.array([outcome.chunk] * len(runs), pa.int32()),
                "error": pa.array(
                    [failed[run].error if run in failed else None for run in runs],
                    pa.large_string(),
                ),
                "traceback": pa.array(
                    [failed[run].traceback if run in failed else None for run in runs],
                    pa.large_string(),
                ),
            }
        ).cast(INDEX_SCHEMA)
        sink = pa.BufferOutputStream()
        pq.write_table(index, sink)
        write_bytes_atomic(directory / CHUNK_RUNS_FILE, sink.getvalue().to_pybytes())
        marker = {
            "chunk": outcome.chunk,
            "point": outcome.point,
            "runs": len(runs),
            "finished": outcome.n_finished,
            "failed": outcome.n_failed,
            "seconds": round(outcome.seconds, 4),
            "bytes": sizes,
        }
        write_json_atomic(directory / DONE_MARKER, marker)
        return marker

    # -- reading -------------------------------------------------------------------------

    def chunk_dirs(self) -> list[Path]:
        """Finished chunk directories, in chunk order (= run order)."""
        return [self.chunks_dir / chunk_name(k) for k in sorted(self.finished_chunks())]

    def run_index(self) -> pa.Table:
        """The per-run index of every finished chunk, in run order."""
        parts = [pq.read_table(path / CHUNK_RUNS_FILE) for path in self.chunk_dirs()]
        if not parts:
            return INDEX_SCHEMA.empty_table()
        return pa.concat_tables(parts, promote_options="permissive")

    def write_index(self) -> pa.Table:
        index = self.run_index()
        sink = pa.BufferOutputStream()
        pq.write_table(index, sink)
        write_bytes_atomic(self.directory / INDEX_FILE, sink.getvalue().to_pybytes())
        return index

    def is_complete(self, plan: dict | None = None) -> bool:
        plan = plan or self.read_plan()
        total = expected_chunks(plan)
        return len(self.finished_chunks()) == total


def expected_chunks(plan: dict) -> int:
    per_point = -(-plan["runs_per_point"] // plan["chunk_runs"])
    return per_point * len(plan["points"])
