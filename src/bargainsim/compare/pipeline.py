"""Scoring claims in the runs of a scenario, with and without its direct shocks.

Pure analysis of tables: the runs come in as table sources (:mod:`bargainsim.results`),
once as written and — when the scenario contains ``shock`` events — once with those
events removed and the same seeds, so that each claim's agreement can be reported with
and without the direct cooperation shocks (model brief §6, §8). Simulating them is the
caller's part (:mod:`bargainsim.workflows.compare`).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from bargainsim import results, seeds
from bargainsim.compare.claims import Claim, ClaimSet
from bargainsim.compare.scoring import score_claims
from bargainsim.errors import BargainsimError
from bargainsim.results import TableSource

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
    # claim id -> the noise floor its trends were judged at (the base scenario's)
    floors: dict[str, float] = field(default_factory=dict)
    # the claims scored with the dynamics frozen (inputs and events only), if run
    frozen_runs: pd.DataFrame | None = None
    compiled: object | None = None  # the compiled scenario, when simulated here
    resolved: dict | None = None  # the resolved scenario tree, when known


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


def score_source(
    claims: Sequence[Claim],
    source: TableSource,
    *,
    label: str,
    shock_free: TableSource | None = None,
    shock_events: int | None = 0,
    path: str = "",
    title: str | None = None,
    seeds=(),
    tables: Mapping[str, pd.DataFrame] | None = None,
    floors: dict[str, float] | None = None,
    frozen: TableSource | None = None,
) -> ScenarioScore:
    """Score ``claims`` in the runs a table source holds (:mod:`bargainsim.results`).

    ``shock_free`` holds the same runs (same seeds) with the scenario's shock events
    removed, if it has any; with ``shock_events`` 0 the runs as written are their own
    shock-free runs; with shock events (or ``None``: not known) and no ``shock_free``
    source, agreement without shocks is reported as not measured. ``floors`` are the
    base scenario's noise floors (measured in these runs when not given); ``frozen`` holds
    the same runs with the dynamics frozen, for the "holds by input" check. Nothing here
    simulates."""
    scored, cuts, floors = score_claims(claims, source, label, shocks=True, floors=floors)
    measured = True
    frozen_runs = None
    if frozen is not None:
        frozen_runs = score_claims(claims, frozen, label, floors=floors)[0]
    if shock_free is not None:
        unshocked = score_claims(claims, shock_free, label, shocks=False, floors=floors)[0]
        run_of = dict(zip(scored["seed"], scored["run"], strict=True))
        unshocked["run"] = unshocked["seed"].map(run_of).fillna(unshocked["run"])
    elif shock_events == 0:
        unshocked = scored.assign(shocks=False)
    else:
        unshocked, measured = scored.iloc[0:0], False
    return ScenarioScore(
        label=label,
        path=path,
        title=title or label,
        shock_events=shock_events,
        seeds=np.asarray(seeds),
        tables=tables if tables is not None else LazyTables(source, PLOT_TABLES),
        runs=pd.concat([scored, unshocked], ignore_index=True),
        cuts=cuts,
        shock_free_measured=measured,
        floors=floors,
        frozen_runs=frozen_runs,
    )


def chosen_point(directory: Path, point: int | None) -> dict | None:
    """The batch point to score: ``point``, or the only one; refuses to pool several."""
    return results.chosen_point(
        directory,
        point,
        pooled="score one at a time with --point K, since pooling them would mix parameter values",
    )


def point_note(chosen: dict | None) -> str:
    """`` (point K: key=value, ...)`` for a batch point with sweep values, else empty."""
    sweep = (chosen or {}).get("sweep") or {}
    if not sweep:
        return ""
    values = ", ".join(f"{key}={value}" for key, value in sweep.items())
    return f" (point {chosen['point']}: {values})"


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
