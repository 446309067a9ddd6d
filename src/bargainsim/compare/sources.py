"""Where observables read from: tidy tables, or an in-memory ensemble's arrays.

A table source is a callable ``name -> DataFrame`` (:mod:`bargainsim.model.tables`), so
the same observable scores an ensemble, a run directory or a batch. Reading those tables
is kept vectorised: rows are picked with boolean masks on a categorical column's integer
codes (never by converting a column to Python strings), and a frame with one row per run
and step is laid out as a (runs, steps) array by index arithmetic rather than a pivot.

:class:`EnsembleSource` is a table source over an :class:`EnsembleResult` that builds the
tidy tables only if asked for them; the built-in observables read such a source's
``history`` arrays directly, which gives the very numbers the tables hold.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from bargainsim.errors import BargainsimError

TableSource = Callable[[str], pd.DataFrame]


@dataclass(frozen=True)
class Trajectory:
    """Values per run and step: ``values[r, s]`` for ``runs[r]`` at ``steps[s]``;
    ``quarters[s]`` labels step s (the quarter at whose end the state is observed)."""

    values: np.ndarray
    runs: np.ndarray
    seeds: np.ndarray
    steps: np.ndarray
    quarters: np.ndarray


class ObservableMissing(BargainsimError):
    """An observable names something absent from the tables (raised to the scorer, which
    reports it against the claim's file and line as a :class:`ClaimError`)."""

    def __init__(self, key: str, value: object, expected: str):
        super().__init__(f"{key}: {value!r}: {expected}")
        self.key, self.value, self.expected = key, value, expected


class EnsembleSource:
    """A table source over an ensemble result: ``source(name)`` builds (once) and returns
    one tidy table; ``source.result`` gives the arrays it is built from.

    Tables are built from integer codes by :func:`bargainsim.batch.columns.arrow_tables`
    (the values of :func:`bargainsim.model.tables.history_tables`, with ``quarter`` a
    categorical in time order), one table at a time and only when asked for.
    """

    def __init__(self, result, run_ids=None):
        self.result = result
        self.run_ids = run_ids
        self._tables: dict[str, pd.DataFrame] = {}

    def __call__(self, name: str) -> pd.DataFrame:
        if name not in self._tables:
            from bargainsim.batch.columns import TABLE_NAMES, arrow_tables

            if name not in TABLE_NAMES:
                raise KeyError(name)
            runs = np.arange(len(self.result.seeds)) if self.run_ids is None else self.run_ids
            table = arrow_tables(self.result, runs, names=(name,))[name]
            self._tables[name] = table.to_pandas()
        return self._tables[name]

    def trajectory(self, values: np.ndarray) -> Trajectory:
        """A Trajectory of (R, Q+1) ``values`` with this ensemble's runs, seeds and quarters
        (as the tables label them)."""
        compiled, seeds = self.result.compiled, self.result.seeds
        runs = np.arange(len(seeds)) if self.run_ids is None else self.run_ids
        labels = [compiled.baseline_quarter, *compiled.quarters]
        return Trajectory(
            values=np.array(values, dtype=float),
            runs=np.asarray(runs, dtype=np.int64),
            seeds=np.asarray(seeds).astype(np.int64),
            steps=np.arange(len(labels)),
            quarters=np.array([str(q) for q in labels], dtype=object),
        )


def history_of(tables: TableSource):
    """The ensemble result behind a source, if it has one (else None)."""
    return getattr(tables, "result", None) if isinstance(tables, EnsembleSource) else None


# ---------------------------------------------------------------- tidy tables


def equals(column: pd.Series, value: str) -> np.ndarray:
    """Boolean mask of the rows whose value is ``value`` (as text)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        hits = np.flatnonzero(np.asarray(column.cat.categories.astype(str)) == value)
        codes = column.cat.codes.to_numpy()
        return codes == hits[0] if len(hits) == 1 else np.isin(codes, hits)
    return (column.astype(str) == value).to_numpy(dtype=bool, na_value=False)


def present(column: pd.Series) -> set[str]:
    """The distinct values of a column, as text."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes = np.unique(column.cat.codes.to_numpy())
        names = [str(column.cat.categories[c]) for c in codes if c >= 0]
        return set(names) | ({"nan"} if len(codes) and codes[0] < 0 else set())
    return {str(v) for v in pd.unique(column)}


def in_order(column: pd.Series) -> list[str]:
    """The distinct values of a column as text, in order of first appearance."""
    return [str(v) for v in pd.unique(column)]


def pair_rows(frame: pd.DataFrame, dyad: str, key: str = "dyad") -> pd.DataFrame:
    """Rows of a per-dyad table for ``A-B`` in either order."""
    a, b = dyad.split("-")
    actors = present(frame["actor_a"]) | present(frame["actor_b"])
    for actor in (a, b):
        if actor not in actors:
            raise ObservableMissing(
                key, dyad, f"actors of the scenario ({', '.join(sorted(actors))})"
            )
    first, second = frame["actor_a"], frame["actor_b"]
    mask = (equals(first, a) & equals(second, b)) | (equals(first, b) & equals(second, a))
    return frame[mask]


def require(frame: pd.DataFrame, column: str, value: str, key: str) -> pd.DataFrame:
    """Rows whose ``column`` is ``value``; ObservableMissing if there are none."""
    names = present(frame[column])
    if value not in names:
        listed = ", ".join(sorted(names))
        raise ObservableMissing(key, value, f"one of the scenario's {column}s ({listed})")
    return frame[equals(frame[column], value)]


def wide(frame: pd.DataFrame, value: str) -> Trajectory:
    """Lay out a frame with one row per run and step as a Trajectory (runs and steps in
    ascending order, as a pivot table would)."""
    run, step = frame["run"].to_numpy(), frame["step"].to_numpy()
    runs, first_of_run, r = np.unique(run, return_index=True, return_inverse=True)
    steps, first_of_step, s = np.unique(step, return_index=True, return_inverse=True)
    values = frame[value].to_numpy(dtype=float)
    cells = r * len(steps) + s
    one_each = len(values) == len(runs) * len(steps) and np.all(
        np.bincount(cells, minlength=len(runs) * len(steps)) == 1
    )
    if not one_each or np.isnan(values).any():
        return _pivot(frame, value)
    grid = np.empty((len(runs), len(steps)))
    grid[r, s] = values
    return Trajectory(
        values=grid,
        runs=runs,
        seeds=frame["seed"].to_numpy()[first_of_run],
        steps=steps,
        quarters=frame["quarter"].iloc[first_of_step].astype(str).to_numpy(),
    )


def _pivot(frame: pd.DataFrame, value: str) -> Trajectory:
    """The general case (repeated or missing cells): a pivot table of the mean."""
    pivot = frame.pivot_table(index="run", columns="step", values=value, observed=True)
    keys = frame.drop_duplicates("step").set_index("step")["quarter"]
    seeds = frame.drop_duplicates("run").set_index("run")["seed"]
    return Trajectory(
        values=pivot.to_numpy(dtype=float),
        runs=pivot.index.to_numpy(),
        seeds=seeds.loc[pivot.index].to_numpy(),
        steps=pivot.columns.to_numpy(),
        quarters=keys.loc[pivot.columns].astype(str).to_numpy(),
    )


def index_of(names, value: str, key: str, what: str) -> int:
    """Position of ``value`` among ``names``; ObservableMissing listing them if absent."""
    names = [str(n) for n in names]
    if value not in names:
        listed = ", ".join(sorted(set(names)))
        raise ObservableMissing(key, value, f"{what} ({listed})")
    return names.index(value)
