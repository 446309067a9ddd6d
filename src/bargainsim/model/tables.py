"""Tidy long tables from an ensemble's history (model brief §7): one row per run × step ×
unit of observation, each with ``run``, ``seed``, ``step`` and ``quarter`` columns.

| table | one row per | columns beyond the keys |
|---|---|---|
| ``cooperation`` | dyad × variable | actor_a, actor_b, variable, cooperation, shock_total |
| ``dyads`` | dyad | actor_a, actor_b, view_a, view_b, composite, classification, alliance |
| ``postures`` | ordered pair | actor, toward, posture, threat |
| ``issues`` | issue × actor | issue, variable, actor, position, salience |
| ``issue_status`` | issue | issue, spread, status |
| ``actors`` | actor | actor, win_probability |
| ``events`` | event fired | event, type |
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from bargainsim.model.issues import dyad_class
from bargainsim.vocabulary import VARIABLES, IssueStatus, Posture

# The file each table is stored in, in a run's or a batch chunk's directory; the cooperation
# table is the trajectories file.
TABLE_FILES = {
    "cooperation": "trajectories.parquet",
    "dyads": "dyads.parquet",
    "postures": "postures.parquet",
    "issues": "issues.parquet",
    "issue_status": "issue_status.parquet",
    "actors": "actors.parquet",
    "events": "events.parquet",
}

POSTURE_NAMES = np.array([p.name.lower() for p in Posture])
STATUS_NAMES = np.array([s.name.lower() for s in IssueStatus])
VARIABLE_NAMES = np.array([v.value for v in VARIABLES])


def _keys(result, run_ids, inner: int) -> dict[str, np.ndarray]:
    """Run, seed, step and quarter columns for arrays shaped (R, Q+1, inner)."""
    compiled = result.compiled
    n_runs = len(result.seeds)
    n_steps = compiled.n_quarters + 1
    quarters = np.array([compiled.baseline_quarter, *compiled.quarters])
    per_run = n_steps * inner
    return {
        "run": np.repeat(np.asarray(run_ids, dtype=np.int64), per_run),
        "seed": np.repeat(result.seeds.astype(np.int64), per_run),
        "step": np.tile(np.repeat(np.arange(n_steps, dtype=np.int32), inner), n_runs),
        "quarter": _coded(np.tile(np.repeat(np.arange(n_steps), inner), n_runs), quarters),
    }


def _coded(codes: np.ndarray, categories) -> pd.Categorical:
    """A categorical column from integer codes: far cheaper than from repeated strings."""
    return pd.Categorical.from_codes(np.asarray(codes, dtype=np.int64), categories=list(categories))


def history_tables(result, run_ids=None) -> dict[str, pd.DataFrame]:
    compiled, history = result.compiled, result.history
    n_runs = len(result.seeds)
    run_ids = np.arange(n_runs) if run_ids is None else np.asarray(run_ids)
    actors = np.array(compiled.actor_ids)
    issues = np.array(compiled.issue_ids)
    a_idx, b_idx = compiled.dyads[:, 0], compiled.dyads[:, 1]
    n_pairs, n_vars = len(compiled.dyads), len(VARIABLES)
    n, d = compiled.n_actors, len(compiled.issue_ids)
    n_steps = compiled.n_quarters + 1
    reps = n_runs * n_steps

    cooperation = pd.DataFrame(
        {
            **_keys(result, run_ids, n_pairs * n_vars),
            "actor_a": _coded(np.tile(np.repeat(a_idx, n_vars), reps), actors),
            "actor_b": _coded(np.tile(np.repeat(b_idx, n_vars), reps), actors),
            "variable": _coded(np.tile(np.arange(n_vars), reps * n_pairs), VARIABLE_NAMES),
            "cooperation": history.cooperation.reshape(-1),
            "shock_total": history.shock_total.reshape(-1),
        }
    )

    view_a = history.composite[:, :, a_idx, b_idx]
    view_b = history.composite[:, :, b_idx, a_idx]
    mutual = dyad_class(history.postures)[:, :, a_idx, b_idx]
    dyads = pd.DataFrame(
        {
            **_keys(result, run_ids, n_pairs),
            "actor_a": _coded(np.tile(a_idx, reps), actors),
            "actor_b": _coded(np.tile(b_idx, reps), actors),
            "view_a": view_a.reshape(-1),
            "view_b": view_b.reshape(-1),
            "composite": (0.5 * (view_a + view_b)).reshape(-1),
            "classification": _coded(mutual.reshape(-1), POSTURE_NAMES),
            "alliance": history.alliance.reshape(-1),
        }
    )

    off = ~np.eye(n, dtype=bool)
    rows, cols = np.nonzero(off)
    postures = pd.DataFrame(
        {
            **_keys(result, run_ids, len(rows)),
            "actor": _coded(np.tile(rows, reps), actors),
            "toward": _coded(np.tile(cols, reps), actors),
            "posture": _coded(history.postures[:, :, rows, cols].reshape(-1), POSTURE_NAMES),
            "threat": history.threat[:, :, rows, cols].reshape(-1),
        }
    )

    issue_rows = pd.DataFrame(
        {
            **_keys(result, run_ids, n * d),
            "issue": _coded(np.tile(np.arange(d), reps * n), issues),
            "variable": _coded(np.tile(compiled.issue_variable, reps * n), VARIABLE_NAMES),
            "actor": _coded(np.tile(np.repeat(np.arange(n), d), reps), actors),
            "position": history.position.reshape(-1),
            "salience": history.salience.reshape(-1),
        }
    )

    status = pd.DataFrame(
        {
            **_keys(result, run_ids, d),
            "issue": _coded(np.tile(np.arange(d), reps), issues),
            "spread": history.spread.reshape(-1),
            "status": _coded(history.status.reshape(-1), STATUS_NAMES),
        }
    )

    actor_rows = pd.DataFrame(
        {
            **_keys(result, run_ids, n),
            "actor": _coded(np.tile(np.arange(n), reps), actors),
            "win_probability": history.win_probability.reshape(-1),
        }
    )

    return {
        "cooperation": cooperation,
        "dyads": dyads,
        "postures": postures,
        "issues": issue_rows,
        "issue_status": status,
        "actors": actor_rows,
        "events": _event_table(result, run_ids),
    }


def _event_table(result, run_ids) -> pd.DataFrame:
    compiled, fired = result.compiled, result.history.fired
    run, step, event = np.nonzero(fired)
    ids = np.array([e.id for e in compiled.events] or [""], dtype=object)
    types = np.array(
        [str(getattr(e.type, "value", e.type)) for e in compiled.events] or [""], dtype=object
    )
    quarters = np.array(compiled.quarters or ("",))
    return pd.DataFrame(
        {
            "run": np.asarray(run_ids, dtype=np.int64)[run],
            "seed": result.seeds.astype(np.int64)[run],
            "step": (step + 1).astype(np.int32),
            "quarter": quarters[step] if len(step) else np.array([], dtype=str),
            "event": ids[event] if len(event) else np.array([], dtype=object),
            "type": types[event] if len(event) else np.array([], dtype=object),
        }
    )
