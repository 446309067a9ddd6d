"""The model's tidy tables built straight into Arrow, for the batch path.

The same rows, columns and values as :func:`bargainsim.model.tables.history_tables`
(tested equal, table by table), built from integer codes instead of strings so that
thousands of runs are tabled in a fraction of the time the pandas path takes. Two
deliberate differences of type, not of value: ``quarter`` is dictionary-encoded (a pandas
categorical in time order) rather than a plain string column, and no pandas is needed.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from bargainsim.vocabulary import VARIABLES, IssueStatus, Posture

POSTURE_NAMES = [p.name.lower() for p in Posture]
STATUS_NAMES = [s.name.lower() for s in IssueStatus]
VARIABLE_NAMES = [v.value for v in VARIABLES]

TABLE_NAMES = (
    "cooperation",
    "dyads",
    "postures",
    "issues",
    "issue_status",
    "actors",
    "events",
)


def _tile(pattern, times: int) -> np.ndarray:
    """``np.tile`` for 1-D patterns, by a broadcast copy (several times faster)."""
    pattern = np.asarray(pattern)
    return np.broadcast_to(pattern, (times, *pattern.shape)).reshape(-1)


def _repeat(values, count: int) -> np.ndarray:
    """``np.repeat`` with a scalar count, by a broadcast copy."""
    values = np.asarray(values)
    return np.broadcast_to(values[:, None], (len(values), count)).reshape(-1)


def _codes(pattern, names) -> np.ndarray:
    """A small index pattern in the narrowest type pandas would give ``names``."""
    return np.asarray(pattern, dtype=np.int8 if len(names) < 128 else np.int16)


def _dictionary(codes: np.ndarray, names) -> pa.DictionaryArray:
    """Codes into ``names``, with the narrowest index type pandas would use."""
    names = list(names)
    index_type = np.int8 if len(names) < 128 else np.int16
    return pa.DictionaryArray.from_arrays(
        pa.array(np.ascontiguousarray(codes, dtype=index_type)),
        pa.array(names, type=pa.large_string()),
    )


class _Keys:
    """``run``, ``seed``, ``step`` and ``quarter`` columns for arrays shaped (R, Q+1, inner)."""

    def __init__(self, run_ids: np.ndarray, seeds: np.ndarray, compiled):
        self.run_ids = np.asarray(run_ids, dtype=np.int64)
        self.seeds = np.asarray(seeds).astype(np.int64)
        self.n_steps = compiled.n_quarters + 1
        self.quarters = [compiled.baseline_quarter, *compiled.quarters]

    def columns(self, inner: int) -> dict[str, pa.Array]:
        n_runs, n_steps = len(self.run_ids), self.n_steps
        per_run = n_steps * inner
        steps = _repeat(np.arange(n_steps, dtype=np.int32), inner)
        return {
            "run": pa.array(_repeat(self.run_ids, per_run)),
            "seed": pa.array(_repeat(self.seeds, per_run)),
            "step": pa.array(_tile(steps, n_runs)),
            "quarter": _dictionary(_tile(_codes(steps, self.quarters), n_runs), self.quarters),
        }


def arrow_tables(result, run_ids, names=TABLE_NAMES) -> dict[str, pa.Table]:
    """The named tables of an :class:`~bargainsim.model.ensemble.EnsembleResult` as Arrow."""
    compiled, history = result.compiled, result.history
    keys = _Keys(run_ids, result.seeds, compiled)
    n_runs = len(keys.run_ids)
    reps = n_runs * keys.n_steps
    a_idx, b_idx = compiled.dyads[:, 0], compiled.dyads[:, 1]
    n_pairs, n_vars = len(compiled.dyads), len(VARIABLES)
    n, d = compiled.n_actors, len(compiled.issue_ids)
    actors, issues = compiled.actor_ids, compiled.issue_ids

    def cooperation() -> dict:
        return {
            **keys.columns(n_pairs * n_vars),
            "actor_a": _dictionary(_tile(_codes(_repeat(a_idx, n_vars), actors), reps), actors),
            "actor_b": _dictionary(_tile(_codes(_repeat(b_idx, n_vars), actors), reps), actors),
            "variable": _dictionary(
                _tile(_codes(np.arange(n_vars), VARIABLE_NAMES), reps * n_pairs), VARIABLE_NAMES
            ),
            "cooperation": pa.array(history.cooperation.reshape(-1)),
            "shock_total": pa.array(history.shock_total.reshape(-1)),
        }

    def dyads() -> dict:
        view_a = history.composite[:, :, a_idx, b_idx]
        view_b = history.composite[:, :, b_idx, a_idx]
        mutual = np.maximum(
            history.postures[:, :, a_idx, b_idx], history.postures[:, :, b_idx, a_idx]
        )
        return {
            **keys.columns(n_pairs),
            "actor_a": _dictionary(_tile(_codes(a_idx, actors), reps), actors),
            "actor_b": _dictionary(_tile(_codes(b_idx, actors), reps), actors),
            "view_a": pa.array(view_a.reshape(-1)),
            "view_b": pa.array(view_b.reshape(-1)),
            "composite": pa.array((0.5 * (view_a + view_b)).reshape(-1)),
            "classification": _dictionary(mutual.reshape(-1), POSTURE_NAMES),
            "alliance": pa.array(history.alliance.reshape(-1)),
        }

    def postures() -> dict:
        rows, cols = np.nonzero(~np.eye(n, dtype=bool))
        return {
            **keys.columns(len(rows)),
            "actor": _dictionary(_tile(_codes(rows, actors), reps), actors),
            "toward": _dictionary(_tile(_codes(cols, actors), reps), actors),
            "posture": _dictionary(history.postures[:, :, rows, cols].reshape(-1), POSTURE_NAMES),
            "threat": pa.array(history.threat[:, :, rows, cols].reshape(-1)),
        }

    def issue_rows() -> dict:
        return {
            **keys.columns(n * d),
            "issue": _dictionary(_tile(_codes(np.arange(d), issues), reps * n), issues),
            "variable": _dictionary(
                _tile(_codes(compiled.issue_variable, VARIABLE_NAMES), reps * n), VARIABLE_NAMES
            ),
            "actor": _dictionary(_tile(_codes(_repeat(np.arange(n), d), actors), reps), actors),
            "position": pa.array(history.position.reshape(-1)),
            "salience": pa.array(history.salience.reshape(-1)),
        }

    def issue_status() -> dict:
        return {
            **keys.columns(d),
            "issue": _dictionary(_tile(_codes(np.arange(d), issues), reps), issues),
            "spread": pa.array(history.spread.reshape(-1)),
            "status": _dictionary(history.status.reshape(-1), STATUS_NAMES),
        }

    def actor_rows() -> dict:
        return {
            **keys.columns(n),
            "actor": _dictionary(_tile(_codes(np.arange(n), actors), reps), actors),
            "win_probability": pa.array(history.win_probability.reshape(-1)),
        }

    def events() -> dict:
        run, step, event = np.nonzero(history.fired)
        ids = [e.id for e in compiled.events]
        types = [str(getattr(e.type, "value", e.type)) for e in compiled.events]
        return {
            "run": pa.array(keys.run_ids[run]),
            "seed": pa.array(keys.seeds[run]),
            "step": pa.array((step + 1).astype(np.int32)),
            "quarter": _dictionary(step + 1, keys.quarters),
            "event": pa.array([ids[k] for k in event], type=pa.large_string()),
            "type": pa.array([types[k] for k in event], type=pa.large_string()),
        }

    builders = {
        "cooperation": cooperation,
        "dyads": dyads,
        "postures": postures,
        "issues": issue_rows,
        "issue_status": issue_status,
        "actors": actor_rows,
        "events": events,
    }
    return {name: pa.table(builders[name]()) for name in names}
