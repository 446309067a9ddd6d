"""Reading what bargainsim wrote: a run directory (``bargainsim run``) and a batch
directory (``bargainsim batch``), as the tidy tables of :mod:`bargainsim.model.tables`.

The batch store (:mod:`bargainsim.batch.store`) decides which chunks are finished; this
module only reads them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from bargainsim.batch.store import (
    INDEX_FILE,
    BatchStore,
    expected_chunks,
    planned_tables,
    sha256,
)
from bargainsim.errors import BargainsimError, RunStoreError
from bargainsim.model.tables import DEFAULT_TABLES, TABLE_FILES, TABLE_NAMES


def _known(table: str) -> None:
    if table not in TABLE_FILES:
        raise RunStoreError(f"unknown table {table!r}; expected one of {', '.join(TABLE_NAMES)}")


def load_run(directory, table: str | None = None):
    """A run directory's tables as pandas frames: one table if ``table`` is given, else
    ``{name: DataFrame}`` for every table."""
    directory = Path(directory)
    if table is None:
        optional = [n for n in TABLE_NAMES if n not in DEFAULT_TABLES]
        names = [*DEFAULT_TABLES, *(n for n in optional if (directory / TABLE_FILES[n]).is_file())]
    else:
        names = [table]
    frames = {}
    for name in names:
        _known(name)
        path = directory / TABLE_FILES[name]
        if not path.is_file():
            raise RunStoreError(f"{directory}: not a run directory (no {TABLE_FILES[name]})")
        frames[name] = pq.read_table(path).to_pandas()
    return frames[table] if table is not None else frames


def read_table(
    directory,
    table: str = "cooperation",
    columns=None,
    allow_incomplete: bool = False,
    points=None,
) -> pa.Table:
    """One table of a batch as Arrow, every finished run (of the ``points`` given, if any),
    with ``point``, ``scenario`` and one column per sweep axis in front. Every file read is
    checked against the checksum recorded when it was written (RunStoreError naming it if
    it differs)."""
    _known(table)
    store = BatchStore(directory)
    wanted = None if points is None else {int(p) for p in points}
    plan = store.read_plan()
    if table not in planned_tables(plan):
        raise RunStoreError(
            f"{directory}: the batch did not write the {table} table (it wrote "
            f"{', '.join(planned_tables(plan))}: its --tables); run a batch with it to read it"
        )
    finished = store.finished_chunks(plan)
    if not allow_incomplete and len(finished) != expected_chunks(plan):
        raise RunStoreError(
            f"{directory}: batch incomplete ({len(finished)} of {expected_chunks(plan)} chunks "
            "finished); rerun the batch command to finish it, or pass allow_incomplete=True"
        )
    points = {p["point"]: p for p in plan["points"]}
    scenario_ids = sorted({p["scenario"] for p in plan["points"]})
    axes = [axis["key"] for axis in plan["sweep"]]
    parts = []
    for chunk in sorted(finished):
        info = finished[chunk]
        if wanted is not None and info["point"] not in wanted:
            continue
        data = store.read_chunk_table(chunk, info, TABLE_FILES[table], columns)
        point = points[info["point"]]
        rows = data.num_rows
        front = {
            "point": pa.array(np.full(rows, point["point"], dtype=np.int32)),
            "scenario": pa.DictionaryArray.from_arrays(
                pa.array(np.full(rows, scenario_ids.index(point["scenario"]), dtype=np.int32)),
                pa.array(scenario_ids, pa.large_string()),
            ),
            **{key: pa.array(np.full(rows, point["sweep"][key], dtype=float)) for key in axes},
        }
        parts.append(pa.table({**front, **dict(zip(data.column_names, data.columns, strict=True))}))
    if not parts:
        raise RunStoreError(f"{directory}: no finished runs yet")
    return pa.concat_tables(parts, promote_options="permissive")


def load_batch(
    directory, table: str = "cooperation", columns=None, allow_incomplete=False, points=None
):
    """A batch's table (default: cooperation) as one tidy pandas DataFrame, every run (of
    the ``points`` given, if any), with ``point``, ``scenario`` and sweep-axis columns;
    failed runs have no rows (see :func:`load_index` for their seeds and tracebacks)."""
    return read_table(directory, table, columns, allow_incomplete, points).to_pandas()


def load_index(directory):
    """The per-run index (run, point, replicate, seed, spawn key, status, error,
    traceback) as a pandas DataFrame."""
    store = BatchStore(directory)
    plan = store.read_plan()
    path = store.directory / INDEX_FILE
    recorded = store.read_manifest(plan).get("index_sha256")
    if path.is_file() and recorded is not None:
        payload = path.read_bytes()
        if sha256(payload) != recorded:
            raise RunStoreError(f"{path}: damaged (not the checksum recorded when it was written)")
        return pq.read_table(pa.BufferReader(payload)).to_pandas()
    return store.run_index(plan).to_pandas()


def batch_points(directory) -> list[dict]:
    """The points of a batch (one per scenario and sweep value), from its plan:
    ``[{"point": K, "scenario": id, "sweep": {...}}, ...]``."""
    plan = BatchStore(directory).read_plan()
    return [
        {"point": p["point"], "scenario": p["scenario"], "sweep": p.get("sweep", {})}
        for p in plan["points"]
    ]


def chosen_point(directory, point: int | None, *, pooled: str) -> dict | None:
    """The batch point asked for, or the batch's only one: a batch of several is never
    pooled (it would mix parameter values). ``pooled`` says, to a user who named none,
    what to do instead."""
    points = batch_points(directory)
    described = "; ".join(
        f"{p['point']}: {p['scenario']}"
        + "".join(f", {key}={value}" for key, value in p["sweep"].items())
        for p in points
    )
    if point is None:
        if len(points) > 1:
            raise BargainsimError(f"{directory} holds {len(points)} points ({described}); {pooled}")
        return points[0] if points else None
    for candidate in points:
        if candidate["point"] == point:
            return candidate
    raise BargainsimError(f"{directory} has no point {point} (points: {described})")


def batch_source(directory, point: int | None = None, points=None) -> Callable[[str], pd.DataFrame]:
    """A table source over a batch directory: ``name -> DataFrame`` of every finished run
    (of one point, or of the ``points`` listed, if given), each table read once. The
    batch's plan, manifest and the points' scenario files are checked first
    (RunStoreError naming what is damaged)."""
    store = BatchStore(directory)
    plan = store.read_plan()
    store.read_manifest(plan)
    chosen = [point] if point is not None else points
    for number in chosen if chosen is not None else [p["point"] for p in plan["points"]]:
        store.check_point(plan, number)
    cache: dict[str, pd.DataFrame] = {}

    def load(name: str) -> pd.DataFrame:
        if name not in cache:
            cache[name] = load_batch(directory, table=name, points=chosen)
        return cache[name]

    return load
