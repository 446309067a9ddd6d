"""A batch plan: which points (scenario × sweep point) run, with which seeds, in which chunks.

Everything here is decided before anything runs, and decided the same way every time for
the same command, so that a rerun finds the same plan (by its hash) and resumes it.

Seeds. ``SeedSequence(batch_seed).spawn(runs)`` gives one child per replicate; replicate
``k`` of *every* point uses child ``k`` (common random numbers: two sweep points differ by
their parameters, not by their noise). A run's integer seed is
``child.generate_state(1, dtype=uint32)[0]``; its spawn key ``(k,)`` is recorded beside it.

Run ids are global and dense: ``run = point * runs + replicate``. Chunks never straddle
points, and their layout depends only on the plan (not on the backend or worker count).
"""

from __future__ import annotations

import hashlib
import itertools
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bargainsim.errors import BargainsimError
from bargainsim.model.tables import DEFAULT_TABLES, table_selection
from bargainsim.seeds import replicate_seeds, run_seeds

DEFAULT_CHUNK_RUNS = 250


@dataclass(frozen=True)
class SweepAxis:
    """One swept value: a dotted scenario path and the values it takes."""

    key: str
    values: tuple[float, ...]

    @classmethod
    def parse(cls, text: str) -> SweepAxis:
        """``KEY=LO:HI:STEPS`` (``STEPS`` evenly spaced values, ends included) or
        ``KEY=V1,V2,...`` (the listed values)."""
        key, sep, spec = text.partition("=")
        key = key.strip()
        if not sep or not key or not spec.strip():
            raise BargainsimError(f"--sweep {text!r}: expected KEY=LO:HI:STEPS or KEY=V1,V2,...")
        try:
            if ":" in spec:
                low, high, steps = spec.split(":")
                count = int(steps)
                if count < 1:
                    raise ValueError
                values = np.linspace(float(low), float(high), count)
            else:
                values = [float(part) for part in spec.split(",")]
        except ValueError:
            raise BargainsimError(
                f"--sweep {text!r}: expected KEY=LO:HI:STEPS (numbers, STEPS >= 1) "
                "or KEY=V1,V2,... (numbers)"
            ) from None
        # Rounded to 12 significant digits so that 0:0.3:4 gives 0.1, not 0.1000000000000001.
        return cls(key, tuple(float(f"{value:.12g}") for value in values))

    def override(self, value: float) -> str:
        text = repr(int(value)) if float(value).is_integer() else repr(value)
        return f"{self.key}={text}"


@dataclass(frozen=True)
class Point:
    """One scenario at one sweep point: what a group of N runs share."""

    index: int
    scenario_path: str
    scenario_id: str
    digest: str  # SHA-256 of the resolved scenario, overrides and sweep value included
    overrides: tuple[str, ...]  # --set values, then this point's sweep values
    sweep: dict = field(default_factory=dict)  # axis key -> value


@dataclass(frozen=True)
class Chunk:
    """Runs sent to an executor together: consecutive replicates of one point."""

    index: int
    point: int
    first_replicate: int
    n_runs: int

    def replicates(self) -> range:
        return range(self.first_replicate, self.first_replicate + self.n_runs)


@dataclass(frozen=True)
class BatchPlan:
    points: tuple[Point, ...]
    sweep: tuple[SweepAxis, ...]
    overrides: tuple[str, ...]
    runs_per_point: int
    batch_seed: int
    chunk_runs: int
    # The tables each chunk writes (model.tables.TABLE_NAMES order); by default all but
    # the contributions table.
    tables: tuple[str, ...] = DEFAULT_TABLES

    @property
    def n_runs(self) -> int:
        return len(self.points) * self.runs_per_point

    def seeds(self) -> np.ndarray:
        """The integer seed of each replicate (uint32, as int64)."""
        return run_seeds(self.batch_seed, self.runs_per_point)

    def chunk_seeds(self, chunk: Chunk) -> np.ndarray:
        """The integer seeds of one chunk's replicates (those of :meth:`seeds`)."""
        return replicate_seeds(self.batch_seed, chunk.replicates())

    def run_id(self, point: int, replicate: int) -> int:
        return point * self.runs_per_point + replicate

    def chunks(self) -> list[Chunk]:
        out = []
        for point in self.points:
            for first in range(0, self.runs_per_point, self.chunk_runs):
                size = min(self.chunk_runs, self.runs_per_point - first)
                out.append(Chunk(len(out), point.index, first, size))
        return out

    def describe(self) -> dict:
        """The plan as JSON-ready data; its hash identifies the batch. The tables are
        named only when they are not the default ones, so that a default plan keeps the
        hash it had before tables could be chosen."""
        tables = {} if self.tables == DEFAULT_TABLES else {"tables": list(self.tables)}
        return {
            **tables,
            "runs_per_point": self.runs_per_point,
            "batch_seed": self.batch_seed,
            "seed_derivation": "SeedSequence(batch_seed).spawn(runs_per_point)[replicate]"
            ".generate_state(1, uint32)[0], shared by every point",
            "chunk_runs": self.chunk_runs,
            "overrides": list(self.overrides),
            "sweep": [{"key": axis.key, "values": list(axis.values)} for axis in self.sweep],
            "points": [
                {
                    "point": p.index,
                    "scenario": p.scenario_id,
                    "path": p.scenario_path,
                    "sha256": p.digest,
                    "overrides": list(p.overrides),
                    "sweep": p.sweep,
                }
                for p in self.points
            ],
        }

    def plan_hash(self) -> str:
        """SHA-256 of the plan, file paths left out: the same scenarios (by content), sweep,
        overrides, runs, seed and chunking give the same hash from any directory."""
        return hash_described(self.describe())


def hash_described(described: dict) -> str:
    """The plan hash of a described plan (:meth:`BatchPlan.describe`, or a stored plan.json
    without its own keys), so that a stored plan can be checked against its hash."""
    described = {
        **described,
        "points": [{k: v for k, v in p.items() if k != "path"} for p in described["points"]],
    }
    text = json.dumps(described, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def default_chunk_runs(runs_per_point: int) -> int:
    """Chunks of up to 250 runs: large enough to amortise a task's overhead, small enough to
    keep a worker's memory at a few tens of MB whatever N is."""
    return max(1, min(DEFAULT_CHUNK_RUNS, runs_per_point))


def build_plan(
    scenario_paths,
    *,
    runs: int,
    seed: int = 0,
    sweep_specs=(),
    overrides=(),
    chunk_runs: int | None = None,
    tables=None,
    loader=None,
    design=(),
):
    """Load and validate every point; return ``(plan, scenarios)`` where ``scenarios``
    maps point index to the loaded :class:`~bargainsim.scenario.Scenario`. ``tables``
    (names, or one comma-separated string) are the tables to write, by default
    :data:`~bargainsim.model.tables.DEFAULT_TABLES`.

    ``design`` replaces the sweep's grid by a list of points given one by one (a sampled
    design: :mod:`bargainsim.workflows.sensitivity`): each entry is ``(values, edits)``,
    ``values`` the point's input values as recorded (``Point.sweep``), ``edits`` the
    ``--set`` overrides that give them. Every invalid point is reported together in one
    error, before anything runs.
    """
    chosen = DEFAULT_TABLES if tables is None else table_selection(tables, "--tables")
    if runs < 1:
        raise BargainsimError(f"--runs must be at least 1; got {runs}")
    if not 0 <= seed < 2**63:
        raise BargainsimError(f"--seed must be a non-negative 64-bit integer; got {seed}")
    if chunk_runs is not None and chunk_runs < 1:
        raise BargainsimError(f"--chunk-runs must be at least 1; got {chunk_runs}")
    if loader is None:
        from bargainsim.scenario import load_scenario as loader
    axes = tuple(SweepAxis.parse(spec) for spec in sweep_specs)
    keys = [axis.key for axis in axes]
    if len(set(keys)) != len(keys):
        raise BargainsimError(f"--sweep: an axis is given twice in {keys}")

    if design and axes:
        raise BargainsimError("a batch takes a --sweep or a design, not both")
    if not design:
        design = [
            (
                {axis.key: value for axis, value in zip(axes, combination, strict=True)},
                tuple(axis.override(v) for axis, v in zip(axes, combination, strict=True)),
            )
            for combination in itertools.product(*(axis.values for axis in axes))
        ]

    points, scenarios, problems = [], {}, []
    for path in scenario_paths:
        for values, edits in design:
            sweep = dict(values)
            point_overrides = (*overrides, *edits)
            index = len(points) + len(problems)
            try:
                scenario = loader(Path(path), overrides=list(point_overrides))
            except BargainsimError as error:
                where = ", ".join(f"{k}={v}" for k, v in sweep.items()) or "no sweep"
                problems.append(f"point {index} ({path}, {where}):\n{error}")
                continue
            scenarios[index] = scenario
            points.append(
                Point(index, str(path), scenario.id, scenario.digest, point_overrides, sweep)
            )
    if problems:
        raise BargainsimError(
            f"{len(problems)} invalid point(s); nothing was run\n" + "\n".join(problems)
        )
    plan = BatchPlan(
        points=tuple(points),
        sweep=axes,
        overrides=tuple(overrides),
        runs_per_point=runs,
        batch_seed=seed,
        chunk_runs=chunk_runs or default_chunk_runs(runs),
        tables=chosen,
    )
    return plan, scenarios
