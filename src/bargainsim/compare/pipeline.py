"""Running scenarios for a comparison and scoring claims in them.

A scenario is run with the vectorised ensemble, once as written and — when it contains
``shock`` events — once more with those events removed and the same seeds, so that each
claim's agreement can be reported with and without the direct cooperation shocks written
into the scenario (model brief §6, §8). Run seeds derive from the comparison's seed as in
a batch: ``SeedSequence(seed).spawn(runs)``, each child's ``generate_state(1, uint32)[0]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from bargainsim import seeds
from bargainsim.compare.claims import Claim, ClaimSet
from bargainsim.compare.scoring import cached_tables, score_claims
from bargainsim.compare.sources import EnsembleSource
from bargainsim.errors import BargainsimError, RunStoreError

PLOT_TABLES = ("cooperation", "dyads", "postures", "issues", "issue_status", "events")


def run_seeds(seed: int, runs: int) -> np.ndarray:
    """The run seeds of a batch with this seed (:func:`bargainsim.seeds.run_seeds`)."""
    if runs < 1:
        raise BargainsimError(f"--runs must be at least 1; got {runs}")
    if seed < 0:
        raise BargainsimError(f"--seed must be non-negative; got {seed}")
    return seeds.run_seeds(seed, runs)


def without_shocks(scenario):
    """The same scenario with its ``shock`` events removed (nothing else changed)."""
    kept = [event for event in scenario.events if str(event.type) != "shock"]
    return scenario.model_copy(update={"events": kept})


def n_shocks(scenario) -> int:
    return sum(str(event.type) == "shock" for event in scenario.events)


@dataclass
class ScenarioScore:
    """A scenario's runs and every claim scored in them.

    ``runs`` has one row per claim, run and shock condition (``shocks`` True: as
    written; False: shock events removed, same seeds). ``tables`` are the tidy tables of
    the runs as written (for plots), built when first read.
    """

    label: str
    path: str
    title: str
    shock_events: int
    seeds: np.ndarray
    tables: Mapping[str, pd.DataFrame]
    runs: pd.DataFrame
    cuts: dict[str, str] = field(default_factory=dict)
    shock_free_measured: bool = True


class LazyTables(Mapping):
    """Some of a source's tables by name, each read from the source when first asked for."""

    def __init__(self, source, names: Sequence[str]):
        self._source, self._names = source, tuple(names)

    def __getitem__(self, name: str) -> pd.DataFrame:
        if name not in self._names:
            raise KeyError(name)
        return self._source(name)

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def simulate_source(scenario, seeds) -> EnsembleSource:
    """The scenario's ensemble over ``seeds`` as a table source (tables built on demand)."""
    from bargainsim.model.compiled import compile_scenario
    from bargainsim.model.ensemble import simulate

    return EnsembleSource(simulate(compile_scenario(scenario), seeds))


def simulate_tables(scenario, seeds) -> dict[str, pd.DataFrame]:
    """Tidy tables of the scenario's ensemble over ``seeds``."""
    return simulate_source(scenario, seeds).result.tables()


def score_scenario(
    scenario, claims: Sequence[Claim], seeds, label: str | None = None
) -> ScenarioScore:
    """Run ``scenario`` (a loaded :class:`bargainsim.scenario.Scenario`) over ``seeds`` and
    score ``claims``, with and without its shock events."""
    label = label or scenario.id
    source = simulate_source(scenario, seeds)
    scored, cuts = score_claims(claims, source, label, shocks=True)
    shocks = n_shocks(scenario)
    if shocks:
        free = simulate_source(without_shocks(scenario), seeds)
        unshocked, _ = score_claims(claims, free, label, shocks=False)
    else:
        unshocked = scored.assign(shocks=False)
    return ScenarioScore(
        label=label,
        path=_display(getattr(scenario, "path", "")),
        title=getattr(scenario, "title", label),
        shock_events=shocks,
        seeds=np.asarray(seeds),
        tables=LazyTables(source, PLOT_TABLES),
        runs=pd.concat([scored, unshocked], ignore_index=True),
        cuts=cuts,
    )


def score_path(path, claims, seeds, overrides=(), label=None) -> ScenarioScore:
    from bargainsim.scenario import load_scenario

    scenario = load_scenario(Path(path), overrides=list(overrides))
    return score_scenario(scenario, claims, seeds, label=label)


def batch_points(directory: Path) -> list[dict]:
    """The points of a batch (one per scenario and sweep value), from its manifest:
    ``[{"point": K, "scenario": id, "sweep": {...}}, ...]``; empty if it records none."""
    import json

    manifest = directory / "manifest.json"
    if not manifest.is_file():
        return []
    entries = json.loads(manifest.read_text()).get("scenarios", [])
    return [
        {"point": p["point"], "scenario": entry.get("id"), "sweep": p.get("sweep", {})}
        for entry in entries
        for p in entry.get("points", [])
    ]


def _chosen_point(directory: Path, point: int | None) -> dict | None:
    points = batch_points(directory)
    described = "; ".join(
        f"{p['point']}: {p['scenario']}"
        + "".join(f", {key}={value}" for key, value in p["sweep"].items())
        for p in points
    )
    if point is None:
        if len(points) > 1:
            raise BargainsimError(
                f"{directory} holds {len(points)} points ({described}); score one at a "
                "time with --point K, since pooling them would mix parameter values"
            )
        return points[0] if points else None
    for candidate in points:
        if candidate["point"] == point:
            return candidate
    raise BargainsimError(f"{directory} has no point {point} (points: {described})")


def score_batch(
    directory: Path,
    claims: Sequence[Claim],
    loader: Callable | None = None,
    point: int | None = None,
):
    """Score claims in an existing batch directory (``bargainsim batch`` output), one
    point (scenario and sweep value) of it: ``point`` may be left out when there is one.

    The batch's tables are read with :func:`bargainsim.batch.store.load_batch`. If the
    batch records the point's resolved scenario and it has shock events, the shock-free
    runs are simulated with the batch's own seeds; otherwise agreement without shocks is
    the same as with them (no shocks) or reported as not measured."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BargainsimError(f"no batch directory {directory}")
    chosen = _chosen_point(directory, point)
    if loader is None:
        loader = batch_loader(directory, None if chosen is None else chosen["point"])
    source = cached_tables(loader)
    scored, cuts = score_claims(claims, source, directory.name, shocks=True)
    seeds = np.asarray(sorted(set(scored["seed"])) if len(scored) else [])
    scenario = _batch_scenario(directory, None if chosen is None else chosen["point"])
    measured = True
    if scenario is not None and n_shocks(scenario):
        order = source("cooperation").drop_duplicates("run").sort_values("run")["seed"]
        free = simulate_source(without_shocks(scenario), order.to_numpy())
        unshocked, _ = score_claims(claims, free, directory.name, shocks=False)
        run_of = dict(zip(order.to_numpy(), sorted(set(scored["run"])), strict=False))
        unshocked["run"] = unshocked["seed"].map(run_of).fillna(unshocked["run"])
    elif scenario is not None:
        unshocked = scored.assign(shocks=False)
    else:
        unshocked, measured = scored.iloc[0:0], False
    tables = {}
    for name in PLOT_TABLES:
        try:
            tables[name] = source(name)
        except (RunStoreError, FileNotFoundError):  # a batch may not store every table
            continue
    return ScenarioScore(
        label=scenario.id if scenario is not None else directory.name,
        path=_display(directory) + _point_note(chosen),
        title=getattr(scenario, "title", directory.name) + _point_note(chosen),
        shock_events=n_shocks(scenario) if scenario is not None else 0,
        seeds=seeds,
        tables=tables,
        runs=pd.concat([scored, unshocked], ignore_index=True),
        cuts=cuts,
        shock_free_measured=measured,
    )


def _point_note(chosen: dict | None) -> str:
    """`` (point K: key=value, ...)`` for a batch point with sweep values, else empty."""
    sweep = (chosen or {}).get("sweep") or {}
    if not sweep:
        return ""
    values = ", ".join(f"{key}={value}" for key, value in sweep.items())
    return f" (point {chosen['point']}: {values})"


def batch_loader(directory: Path, point: int | None = None) -> Callable[[str], pd.DataFrame]:
    """``name -> DataFrame``: one table of a batch directory, every finished run (of one
    point, if given)."""
    from bargainsim.batch.store import load_batch

    def load(name: str) -> pd.DataFrame:
        frame = load_batch(directory, table=name)
        if point is None or "point" not in frame.columns:
            return frame
        return frame[frame["point"] == point].reset_index(drop=True)

    return load


def _batch_scenario(directory: Path, point: int | None = None):
    """The resolved scenario of the batch's point, if the batch records it and it still
    loads."""
    from bargainsim.errors import ScenarioError
    from bargainsim.scenario import load_scenario

    points = sorted((directory / "points").glob("*.scenario.resolved.yaml"))
    if point is not None:
        points = [directory / "points" / f"{point}.scenario.resolved.yaml"]
    named = [directory / "scenario.resolved.yaml", directory / "scenario.yaml"]
    for candidate in [*named, *(points if len(points) == 1 else [])]:
        if candidate.is_file():
            try:
                return load_scenario(candidate)
            except (ScenarioError, FileNotFoundError):
                return None
    return None


def _display(path) -> str:
    from bargainsim.scenario.yaml_source import display_name

    return display_name(Path(path)) if str(path) else ""


def all_claims(claim_sets: Sequence[ClaimSet]) -> list[Claim]:
    """Every claim of the sets, checking that ids are unique across files."""
    from bargainsim.errors import ClaimError, Problem

    seen: dict[str, Claim] = {}
    problems = []
    for claim_set in claim_sets:
        for claim in claim_set.claims:
            if claim.id in seen:
                file, line = claim.origins.of(("claims", claim.index, "id"))
                other = seen[claim.id]
                problems.append(
                    Problem(
                        file,
                        line,
                        f"claims[{claim.index}].id",
                        claim.id,
                        f"an id not already used in {other.file}",
                    )
                )
            seen.setdefault(claim.id, claim)
    if problems:
        raise ClaimError(problems)
    return list(seen.values())
