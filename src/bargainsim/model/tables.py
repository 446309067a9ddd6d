"""The model's tidy tables: their schema, declared once, and their one builder.

One row per run × step × unit of observation (model brief §7), each with the keys ``run``,
``seed``, ``step`` and ``quarter``. Tables are built straight into Arrow from integer codes
(thousands of runs are tabled in a fraction of the time strings would take); a pandas frame
is ``table.to_pandas()``. Every labelled column is dictionary-encoded with its categories
in their natural order and marked *ordered*, so that in pandas ``quarter`` is an ordered
categorical in time order (``frame.quarter >= "2014Q1"`` works) and actors, issues and
variables keep the scenario's order.

:data:`TABLES` is the schema: per table its file name, what one row is and each column's
type. A run directory and a batch chunk hold one file per table under those names.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from bargainsim.errors import BargainsimError
from bargainsim.model.issues import dyad_class
from bargainsim.model.relations import CONTRIBUTIONS
from bargainsim.vocabulary import VARIABLES, IssueStatus, Posture

KEY_COLUMNS = ("run", "seed", "step", "quarter")
POSTURE_NAMES = tuple(p.name.lower() for p in Posture)
STATUS_NAMES = tuple(s.name.lower() for s in IssueStatus)
VARIABLE_NAMES = tuple(v.value for v in VARIABLES)

# Column types by kind; "label" is an ordered dictionary of strings (its categories come
# from the scenario: quarters, actors, issues; or from the vocabulary).
_KEY_TYPES = {"run": "int64", "seed": "int64", "step": "int32", "quarter": "label"}


@dataclass(frozen=True)
class TableSpec:
    """One tidy table: where it is stored, what a row is, and its columns after the keys."""

    name: str
    file: str
    row: str
    columns: dict[str, str]

    @property
    def all_columns(self) -> dict[str, str]:
        return {**_KEY_TYPES, **self.columns}


TABLES: dict[str, TableSpec] = {
    spec.name: spec
    for spec in (
        TableSpec(
            "cooperation",
            "trajectories.parquet",
            "dyad (i < j) × variable",
            {
                "actor_a": "label",
                "actor_b": "label",
                "variable": "label",
                "cooperation": "float64",
                "a_to_b": "float64",
                "b_to_a": "float64",
                "shock_total": "float64",
            },
        ),
        TableSpec(
            "dyads",
            "dyads.parquet",
            "dyad (i < j)",
            {
                "actor_a": "label",
                "actor_b": "label",
                "view_a": "float64",
                "view_b": "float64",
                "composite": "float64",
                "classification": "label",
                "alliance": "bool",
            },
        ),
        TableSpec(
            "postures",
            "postures.parquet",
            "ordered pair (actor toward another)",
            {
                "actor": "label",
                "toward": "label",
                "posture": "label",
                "threat": "float64",
                "intent": "float64",
            },
        ),
        TableSpec(
            "issues",
            "issues.parquet",
            "issue × actor",
            {
                "issue": "label",
                "variable": "label",
                "actor": "label",
                "position": "float64",
                "salience": "float64",
            },
        ),
        TableSpec(
            "issue_status",
            "issue_status.parquet",
            "issue",
            {"issue": "label", "spread": "float64", "status": "label"},
        ),
        TableSpec(
            "actors", "actors.parquet", "actor", {"actor": "label", "win_probability": "float64"}
        ),
        TableSpec("events", "events.parquet", "event fired", {"event": "string", "type": "string"}),
        TableSpec(
            "contributions",
            "contributions.parquet",
            "directed pair (actor toward another) × variable; recorded when asked for",
            {
                "actor": "label",
                "toward": "label",
                "variable": "label",
                **dict.fromkeys(CONTRIBUTIONS, "float64"),
            },
        ),
    )
}
TABLE_NAMES = tuple(TABLES)
# What a run records by default; the contributions table is K floats per relation and
# step, so a batch writes it only when asked.
DEFAULT_TABLES = tuple(name for name in TABLE_NAMES if name != "contributions")
TABLE_FILES = {name: spec.file for name, spec in TABLES.items()}


def table_selection(names, where: str = "tables") -> tuple[str, ...]:
    """The named tables, each once, in :data:`TABLE_NAMES` order; ``names`` is a sequence
    of names or one comma-separated string. A name that is not a table is an error naming
    ``where`` (the option or key it came from) and the tables there are."""
    given = names.split(",") if isinstance(names, str) else list(names)
    wanted = [str(name).strip() for name in given]
    unknown = [name for name in wanted if name not in TABLES]
    if unknown or not wanted:
        problem = (
            f"unknown table{'s' if len(unknown) > 1 else ''} {', '.join(map(repr, unknown))}"
            if unknown
            else "no table named"
        )
        raise BargainsimError(
            f"{where} {names if isinstance(names, str) else ','.join(wanted)!r}: {problem}; "
            f"expected one or more of {', '.join(TABLE_NAMES)}, separated by commas"
        )
    return tuple(name for name in TABLE_NAMES if name in wanted)


# Parquet settings of every table file: dictionary (run-length) encoding for the key and
# label columns, plain for the floats (they do not repeat), LZ4, and statistics for the
# columns a reader filters on. Measured the fastest of the usual choices for these tables.
PARQUET_OPTIONS = {"compression": "lz4", "write_statistics": ["run", "step"]}


def _tile(pattern, times: int) -> np.ndarray:
    """``np.tile`` for 1-D patterns, by a broadcast copy (several times faster)."""
    pattern = np.asarray(pattern)
    return np.broadcast_to(pattern, (times, *pattern.shape)).reshape(-1)


def _repeat(values, count: int) -> np.ndarray:
    """``np.repeat`` with a scalar count, by a broadcast copy."""
    values = np.asarray(values)
    return np.broadcast_to(values[:, None], (len(values), count)).reshape(-1)


def _label(codes, names) -> pa.DictionaryArray:
    """Integer codes into ``names``: an ordered dictionary with the narrowest index type."""
    names = list(names)
    index_type = np.int8 if len(names) < 128 else np.int16
    return pa.DictionaryArray.from_arrays(
        pa.array(np.ascontiguousarray(codes, dtype=index_type)),
        pa.array(names, type=pa.large_string()),
        ordered=True,
    )


class _Keys:
    """The key columns for arrays shaped (R, Q+1, inner)."""

    def __init__(self, run_ids, seeds, compiled):
        self.run_ids = np.asarray(run_ids, dtype=np.int64)
        self.seeds = np.asarray(seeds).astype(np.int64)
        self.n_steps = compiled.n_quarters + 1
        self.quarters = [compiled.baseline_quarter, *compiled.quarters]

    def columns(self, inner: int) -> dict[str, pa.Array]:
        n_runs, n_steps = len(self.run_ids), self.n_steps
        steps = _repeat(np.arange(n_steps, dtype=np.int32), inner)
        return {
            "run": pa.array(_repeat(self.run_ids, n_steps * inner)),
            "seed": pa.array(_repeat(self.seeds, n_steps * inner)),
            "step": pa.array(_tile(steps, n_runs)),
            "quarter": _label(_tile(steps, n_runs), self.quarters),
        }


def build_tables(result, run_ids=None, names=None) -> dict[str, pa.Table]:
    """The named tables of an :class:`~bargainsim.model.ensemble.EnsembleResult`, as Arrow
    tables with the columns and types of :data:`TABLES`; ``run_ids`` label its runs
    (default 0..R-1). By default every table the result holds: the contributions table
    when it was simulated with them."""
    if names is None:
        recorded = result.history.contributions is not None
        names = TABLE_NAMES if recorded else DEFAULT_TABLES
    compiled, history = result.compiled, result.history
    if run_ids is None:
        run_ids = np.arange(len(result.seeds))
    keys = _Keys(run_ids, result.seeds, compiled)
    reps = len(keys.run_ids) * keys.n_steps
    a_idx, b_idx = compiled.dyads[:, 0], compiled.dyads[:, 1]
    n_pairs, n_vars = len(compiled.dyads), len(VARIABLES)
    n, d = compiled.n_actors, len(compiled.issue_ids)
    actors, issues = compiled.actor_ids, compiled.issue_ids

    def cooperation() -> dict:
        return {
            "actor_a": _label(_tile(_repeat(a_idx, n_vars), reps), actors),
            "actor_b": _label(_tile(_repeat(b_idx, n_vars), reps), actors),
            "variable": _label(_tile(np.arange(n_vars), reps * n_pairs), VARIABLE_NAMES),
            "cooperation": pa.array(history.cooperation.reshape(-1)),
            "a_to_b": pa.array(history.a_to_b.reshape(-1)),
            "b_to_a": pa.array(history.b_to_a.reshape(-1)),
            "shock_total": pa.array(history.shock_total.reshape(-1)),
        }

    def dyads() -> dict:
        view_a = history.composite[:, :, a_idx, b_idx]
        view_b = history.composite[:, :, b_idx, a_idx]
        return {
            "actor_a": _label(_tile(a_idx, reps), actors),
            "actor_b": _label(_tile(b_idx, reps), actors),
            "view_a": pa.array(view_a.reshape(-1)),
            "view_b": pa.array(view_b.reshape(-1)),
            "composite": pa.array((0.5 * (view_a + view_b)).reshape(-1)),
            "classification": _label(
                dyad_class(history.postures)[:, :, a_idx, b_idx].reshape(-1), POSTURE_NAMES
            ),
            "alliance": pa.array(history.alliance.reshape(-1)),
        }

    def postures() -> dict:
        rows, cols = np.nonzero(~np.eye(n, dtype=bool))
        return {
            "actor": _label(_tile(rows, reps), actors),
            "toward": _label(_tile(cols, reps), actors),
            "posture": _label(history.postures[:, :, rows, cols].reshape(-1), POSTURE_NAMES),
            "threat": pa.array(history.threat[:, :, rows, cols].reshape(-1)),
            "intent": pa.array(history.intent[:, :, rows, cols].reshape(-1)),
        }

    def contributions() -> dict:
        if history.contributions is None:
            raise ValueError("the history holds no contributions: simulate with them")
        rows, cols = np.nonzero(~np.eye(n, dtype=bool))
        parts = history.contributions[:, :, rows, cols]  # (R, Q+1, pairs, V, K)
        return {
            "actor": _label(_tile(_repeat(rows, n_vars), reps), actors),
            "toward": _label(_tile(_repeat(cols, n_vars), reps), actors),
            "variable": _label(_tile(np.arange(n_vars), reps * len(rows)), VARIABLE_NAMES),
            **{
                term: pa.array(np.ascontiguousarray(parts[..., k]).reshape(-1))
                for k, term in enumerate(CONTRIBUTIONS)
            },
        }

    def issue_rows() -> dict:
        return {
            "issue": _label(_tile(np.arange(d), reps * n), issues),
            "variable": _label(_tile(compiled.issue_variable, reps * n), VARIABLE_NAMES),
            "actor": _label(_tile(_repeat(np.arange(n), d), reps), actors),
            "position": pa.array(history.position.reshape(-1)),
            "salience": pa.array(history.salience.reshape(-1)),
        }

    def issue_status() -> dict:
        return {
            "issue": _label(_tile(np.arange(d), reps), issues),
            "spread": pa.array(history.spread.reshape(-1)),
            "status": _label(history.status.reshape(-1), STATUS_NAMES),
        }

    def actor_rows() -> dict:
        return {
            "actor": _label(_tile(np.arange(n), reps), actors),
            "win_probability": pa.array(history.win_probability.reshape(-1)),
        }

    inner = {
        "cooperation": (cooperation, n_pairs * n_vars),
        "dyads": (dyads, n_pairs),
        "postures": (postures, n * (n - 1)),
        "issues": (issue_rows, n * d),
        "issue_status": (issue_status, d),
        "actors": (actor_rows, n),
        "contributions": (contributions, n * (n - 1) * n_vars),
    }
    built = {}
    for name in names:
        if name == "events":
            built[name] = pa.table(_event_columns(compiled, history.fired, keys))
        else:
            columns, width = inner[name]
            built[name] = pa.table({**keys.columns(width), **columns()})
    return built


def _event_columns(compiled, fired: np.ndarray, keys: _Keys) -> dict:
    run, step, event = np.nonzero(fired)
    ids = [e.id for e in compiled.events]
    types = [str(e.type) for e in compiled.events]
    return {
        "run": pa.array(keys.run_ids[run]),
        "seed": pa.array(keys.seeds[run]),
        "step": pa.array((step + 1).astype(np.int32)),
        "quarter": _label(step + 1, keys.quarters),
        "event": pa.array([ids[k] for k in event], type=pa.large_string()),
        "type": pa.array([types[k] for k in event], type=pa.large_string()),
    }


def parquet_bytes(table: pa.Table) -> bytes:
    """A table as Parquet bytes, with :data:`PARQUET_OPTIONS`."""
    sink = pa.BufferOutputStream()
    dictionary_columns = [
        name
        for name in table.column_names
        if name in ("run", "seed", "step") or pa.types.is_dictionary(table.schema.field(name).type)
    ]
    pq.write_table(table, sink, use_dictionary=dictionary_columns, **PARQUET_OPTIONS)
    return sink.getvalue().to_pybytes()
