"""A chunk's files, written once, by whoever holds them: the worker that ran the chunk when
it sees the batch directory (a local process pool), else the store from the bytes a remote
worker sent back (Dask).

They are written into a hidden staging directory beside the chunk's (``chunks/.cCCCCCCC``
+ ``.staging``), each file's size and SHA-256 taken from the bytes written. Only the
batch's single writer (:meth:`~bargainsim.batch.store.BatchStore.write_chunk`) then syncs
each file to disk, moves the staging directory to the chunk's name and writes its DONE
marker, last; a staging directory left by an interruption is debris, removed when the
batch resumes.
Writing in the worker keeps a chunk's 12 MB of Parquet off the pipe to the command, and the
command's process off the cores the workers compute on.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from bargainsim.model.tables import TABLE_FILES
from bargainsim.output import cannot_write

CHUNK_RUNS_FILE = "runs.parquet"
STAGING_SUFFIX = ".staging"

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


def staging_name(index: int) -> str:
    return f".{chunk_name(index)}{STAGING_SUFFIX}"


def sha256(payload: bytes) -> str:
    return hashlib.sha256(payload).hexdigest()


def parquet_payload(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return sink.getvalue().to_pybytes()


def chunk_index(outcome) -> pa.Table:
    """A :class:`~bargainsim.batch.worker.ChunkOutcome`'s rows of the per-run index: each
    run's replicate, seed, spawn key ``(replicate,)`` (see :mod:`bargainsim.batch.plan`)
    and status."""
    failed = {failure.run: failure for failure in outcome.failures}
    runs = [int(run) for run in outcome.run_ids]
    replicates = np.asarray(outcome.replicates, dtype=np.int64)
    return pa.table(
        {
            "run": pa.array(runs, pa.int64()),
            "point": pa.array([outcome.point] * len(runs), pa.int32()),
            "replicate": pa.array(replicates),
            "seed": pa.array(np.asarray(outcome.seeds, dtype=np.int64)),
            "spawn_key": pa.array([[int(k)] for k in replicates], pa.list_(pa.int64())),
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


def write_chunk_files(staging: Path, tables: dict[str, bytes], index: pa.Table) -> dict:
    """Write a chunk's table files (Parquet bytes by table name) and its index into a new
    ``staging`` directory; return what its DONE marker records of them: ``bytes`` (by
    table) and ``sha256`` (by file). Whatever fails leaves no staging directory.

    The files are not synced here: :func:`sync_chunk_files` does it in the command's
    process, which has nothing else to do, so that a worker does not wait for the disk."""
    staging = Path(staging)
    shutil.rmtree(staging, ignore_errors=True)
    try:
        staging.mkdir(parents=True)
    except OSError as error:
        raise cannot_write(staging, error) from None
    sizes, sums = {}, {}
    try:
        for name, payload in tables.items():
            _write(staging / TABLE_FILES[name], payload)
            sizes[name] = len(payload)
            sums[TABLE_FILES[name]] = sha256(payload)
        payload = parquet_payload(index)
        _write(staging / CHUNK_RUNS_FILE, payload)
        sums[CHUNK_RUNS_FILE] = sha256(payload)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return {"bytes": sizes, "sha256": sums}


def _write(path: Path, payload: bytes) -> None:
    # A plain write: the staging directory is hidden, and becomes the chunk as a whole.
    try:
        with open(path, "wb") as stream:
            stream.write(payload)
    except OSError as error:
        raise cannot_write(path, error) from error


def sync_chunk_files(staging: Path, files) -> None:
    """Put each of a staged chunk's ``files`` on disk (before the chunk takes its name)."""
    for name in files:
        path = Path(staging) / name
        try:
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)
        except OSError as error:
            raise cannot_write(path, error) from error
