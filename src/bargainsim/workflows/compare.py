"""A comparison end to end: simulate the scenarios (or read a batch), score the claims
(:mod:`bargainsim.compare`, pure analysis), write the report and draw its figures.

Three ways to choose what the claims are scored under:

- a scenario (``bargainsim compare A.yaml --claims ...``), optionally ``--versus B.yaml``:
  every claim under A (and B);
- a batch (``--batch DIR``): every claim in the batch's runs;
- neither: each claims file under the scenario it names (``scenario:``) and, if it names
  one, its ``counterfactual:`` — the headline check's setting.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from bargainsim.compare.claims import Claim, load_claims
from bargainsim.compare.outputs import check_comparison_out, write_comparison
from bargainsim.compare.pipeline import (
    PLOT_TABLES,
    ScenarioScore,
    all_claims,
    chosen_point,
    n_shocks,
    point_note,
    run_seeds,
    score_source,
    without_shocks,
)
from bargainsim.compare.results import Comparison, Section
from bargainsim.errors import BargainsimError, ClaimError, Problem, RunStoreError, ScenarioError
from bargainsim.results import EnsembleSource, TableSource, batch_source


def compiled_of(scenario, start_from=None):
    from bargainsim.model.compiled import compile_scenario

    return compile_scenario(scenario, start_from=start_from)


def simulate_source(scenario, seeds, frozen_dynamics: bool = False) -> EnsembleSource:
    """A scenario's ensemble (loaded or compiled) over ``seeds`` as a table source (tables
    built on demand); with ``frozen_dynamics``, inputs and events only (no bargaining, no
    relation update)."""
    from bargainsim.model.compiled import CompiledScenario, frozen
    from bargainsim.model.ensemble import simulate

    compiled = scenario if isinstance(scenario, CompiledScenario) else compiled_of(scenario)
    return EnsembleSource(simulate(frozen(compiled) if frozen_dynamics else compiled, seeds))


def score_scenario(
    scenario,
    claims: Sequence[Claim],
    seeds,
    label: str | None = None,
    *,
    base: ScenarioScore | None = None,
    shock_free: bool = True,
) -> ScenarioScore:
    """Run ``scenario`` (a loaded :class:`bargainsim.scenario.Scenario`) over ``seeds`` and
    score ``claims``, with and without its shock events (same seeds). Scored as the
    counterfactual of ``base``, it starts from the base's relations (every dyad and
    variable) and is judged at the base's noise floors; a base is also scored with its
    dynamics frozen, for the "holds by input" check. ``shock_free=False`` skips the runs
    without shock events (agreement without them is then not measured)."""
    start = base.compiled if base is not None else None
    compiled = compiled_of(scenario, start_from=start)
    shocks = n_shocks(scenario)
    free = None
    if shocks and shock_free:
        free = simulate_source(compiled_of(without_shocks(scenario), compiled), seeds)
    score = score_source(
        claims,
        simulate_source(compiled, seeds),
        label=label or scenario.id,
        shock_free=free,
        shock_events=shocks,
        path=_display(getattr(scenario, "path", "")),
        title=getattr(scenario, "title", None),
        seeds=seeds,
        floors=base.floors if base is not None else None,
        frozen=simulate_source(compiled, seeds, frozen_dynamics=True) if base is None else None,
    )
    score.compiled = compiled
    score.resolved = getattr(scenario, "resolved", None)
    return score


def score_path(path, claims, seeds, overrides=(), label=None, base=None) -> ScenarioScore:
    from bargainsim.scenario import load_scenario

    scenario = load_scenario(Path(path), overrides=list(overrides))
    return score_scenario(scenario, claims, seeds, label=label, base=base)


def score_batch(
    directory: Path,
    claims: Sequence[Claim],
    point: int | None = None,
    source: TableSource | None = None,
):
    """Score claims in an existing batch directory (``bargainsim batch`` output), one
    point (scenario and sweep value) of it: ``point`` may be left out when there is one.

    If the batch records the point's resolved scenario and it has shock events, the
    shock-free runs are simulated with the batch's own seeds; otherwise agreement without
    shocks is the same as with them (no shocks) or reported as not measured. ``source``
    replaces the batch's own table source (:func:`bargainsim.results.batch_source`)."""
    directory = Path(directory)
    if not directory.is_dir():
        raise BargainsimError(f"no batch directory {directory}")
    chosen = chosen_point(directory, point)
    number = None if chosen is None else chosen["point"]
    source = source or batch_source(directory, number)
    seeds = source("cooperation").drop_duplicates("run").sort_values("run")["seed"].to_numpy()
    scenario = _batch_scenario(directory, number)
    shocks = n_shocks(scenario) if scenario is not None else None
    free = None
    if shocks:
        free = simulate_source(compiled_of(without_shocks(scenario)), seeds)
    tables = {}
    for name in PLOT_TABLES:
        try:
            tables[name] = source(name)
        except (RunStoreError, FileNotFoundError):  # a batch may not store every table
            continue
    note = point_note(chosen)
    return score_source(
        claims,
        source,
        label=scenario.id if scenario is not None else directory.name,
        shock_free=free,
        shock_events=shocks,
        path=_display(directory) + note,
        title=getattr(scenario, "title", directory.name) + note,
        seeds=np.sort(seeds),
        tables=tables,
    )


def _batch_scenario(directory: Path, point: int | None = None):
    """The resolved scenario of the batch's point, if the batch records it and it still
    loads."""
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


def run_comparison(
    claim_files: Sequence[Path],
    out: Path,
    *,
    figures: bool = True,
    overwrite: bool = False,
    **choices,
):
    """Build the comparison (:func:`build_comparison`), write it to ``out`` with its
    figures; returns ``(comparison, result tables)``. ``out`` is checked first, so that a
    refused one costs no simulation."""
    from bargainsim.workflows.drivers import headline_drivers

    check_comparison_out(out, overwrite=overwrite)
    comparison = build_comparison(claim_files, **choices)
    drivers = headline_drivers(comparison, overrides=choices.get("overrides", ()))
    draw = None
    if figures:
        from bargainsim.workflows.figures import comparison_figures

        draw = comparison_figures
    written = write_comparison(
        comparison, out, draw_figures=draw, overwrite=overwrite, drivers=drivers
    )
    return comparison, written


def build_comparison(
    claim_files: Sequence[Path],
    *,
    scenario: Path | None = None,
    versus: Path | None = None,
    batch: Path | None = None,
    point: int | None = None,
    runs: int = 100,
    seed: int = 0,
    overrides: Sequence[str] = (),
    factors: bool = False,
    record: Path | None = None,
) -> Comparison:
    if not claim_files:
        raise BargainsimError("give at least one --claims FILE")
    if batch is not None and scenario is not None:
        raise BargainsimError("give a SCENARIO or --batch DIR, not both")
    if point is not None and batch is None:
        raise BargainsimError("--point K goes with --batch DIR")
    if factors and batch is not None:
        raise BargainsimError(
            "--factors simulates each factor's ablation from a scenario; give a SCENARIO "
            "or the claims files' own scenarios, not --batch"
        )
    claim_sets = [load_claims(path) for path in claim_files]
    history = _record(record)
    claims = all_claims(claim_sets)
    seeds = run_seeds(seed, runs)
    cache: dict[tuple, ScenarioScore] = {}

    def scored(path: Path, subset=None, base: ScenarioScore | None = None) -> ScenarioScore:
        chosen = claims if subset is None else list(subset)
        key = (str(Path(path).resolve()), tuple(c.id for c in chosen), id(base))
        if key not in cache:
            if not Path(path).is_file():
                raise BargainsimError(f"no scenario file {path}")
            print(f"scoring {Path(path).stem} ({runs} runs)", file=sys.stderr, flush=True)
            cache[key] = score_path(path, chosen, seeds, overrides=overrides, base=base)
        return cache[key]

    notes = []
    if overrides:
        notes.append(
            "overrides applied to every scenario: " + ", ".join(f"`{o}`" for o in overrides)
        )
    if batch is not None:
        base = score_batch(Path(batch), claims, point=point)
        second = scored(versus, base=base) if versus is not None else None
        sections = [Section(claim_set, base, second) for claim_set in claim_sets]
        return Comparison(sections, runs=len(base.seeds), seed=None, notes=notes, record=history)
    if scenario is not None:
        base = scored(scenario)
        second = scored(versus, base=base) if versus is not None else None
        effects = _factors(scenario, claims, seeds, base, overrides) if factors else None
        sections = [Section(claim_set, base, second, effects) for claim_set in claim_sets]
        return Comparison(sections, runs=runs, seed=seed, notes=notes, record=history)
    sections = []
    for claim_set in claim_sets:
        if claim_set.scenario is None:
            raise ClaimError(
                [
                    Problem(
                        str(claim_set.path),
                        1,
                        "scenario",
                        None,
                        "a 'scenario:' in the claims file, or a SCENARIO on the command line",
                    )
                ]
            )
        own = claim_set.claims
        base = scored(claim_set.scenario, own)
        second = None
        if claim_set.counterfactual:
            second = scored(claim_set.counterfactual, own, base=base)
        if versus is not None:
            second = scored(versus, own, base=base)
        effects = _factors(claim_set.scenario, own, seeds, base, overrides) if factors else None
        sections.append(Section(claim_set, base, second, effects))
    return Comparison(sections, runs=runs, seed=seed, notes=notes, record=history)


def _record(path: Path | None):
    if path is None:
        return None
    from bargainsim.compare.record import load_record

    return load_record(path)


def _factors(path, claims, seeds, base: ScenarioScore, overrides):
    from bargainsim.scenario import load_scenario
    from bargainsim.workflows.factors import factor_effects

    scenario = load_scenario(Path(path), overrides=list(overrides))
    return factor_effects(scenario, claims, seeds, base)
