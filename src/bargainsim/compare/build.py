"""Assembling a comparison from the command line's choices.

Three ways to choose what the claims are scored under:

- a scenario (``bargainsim compare A.yaml --claims ...``), optionally ``--versus B.yaml``:
  every claim under A (and B);
- a batch (``--batch DIR``): every claim in the batch's runs;
- neither: each claims file under the scenario it names (``scenario:``) and, if it names
  one, its ``counterfactual:`` — the headline check's setting.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from bargainsim.compare.claims import load_claims
from bargainsim.compare.pipeline import (
    ScenarioScore,
    all_claims,
    run_seeds,
    score_batch,
    score_path,
)
from bargainsim.compare.results import Comparison, Section
from bargainsim.errors import BargainsimError, ClaimError, Problem


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
) -> Comparison:
    if not claim_files:
        raise BargainsimError("give at least one --claims FILE")
    if batch is not None and scenario is not None:
        raise BargainsimError("give a SCENARIO or --batch DIR, not both")
    if point is not None and batch is None:
        raise BargainsimError("--point K goes with --batch DIR")
    claim_sets = [load_claims(path) for path in claim_files]
    claims = all_claims(claim_sets)
    seeds = run_seeds(seed, runs)
    cache: dict[tuple, ScenarioScore] = {}

    def scored(path: Path, subset=None) -> ScenarioScore:
        chosen = claims if subset is None else list(subset)
        key = (str(Path(path).resolve()), tuple(c.id for c in chosen))
        if key not in cache:
            if not Path(path).is_file():
                raise BargainsimError(f"no scenario file {path}")
            cache[key] = score_path(path, chosen, seeds, overrides=overrides)
        return cache[key]

    notes = []
    if overrides:
        notes.append(
            "overrides applied to every scenario: " + ", ".join(f"`{o}`" for o in overrides)
        )
    if batch is not None:
        base = score_batch(Path(batch), claims, point=point)
        second = scored(versus) if versus is not None else None
        sections = [Section(claim_set, base, second) for claim_set in claim_sets]
        return Comparison(sections, runs=len(base.seeds), seed=None, notes=notes)
    if scenario is not None:
        base = scored(scenario)
        second = scored(versus) if versus is not None else None
        sections = [Section(claim_set, base, second) for claim_set in claim_sets]
        return Comparison(sections, runs=runs, seed=seed, notes=notes)
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
        second = scored(claim_set.counterfactual, own) if claim_set.counterfactual else None
        if versus is not None:
            second = scored(versus, own)
        sections.append(Section(claim_set, base, second))
    return Comparison(sections, runs=runs, seed=seed, notes=notes)
