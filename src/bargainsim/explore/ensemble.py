"""What the explorer shows for one setting: the scenario with the page's changes, a few
dozen seeded runs of it (the fan chart, the network's modal postures), the claims of its
paper scored in those runs, and a live Mesa model that is the ensemble's first run.

The live model and the ensemble are the one implementation the rest of bargainsim uses
(``BargainModel`` with seed s equals run s of ``simulate``), so the model stepped on the
page walks along the first member of the fan.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from bargainsim.explore.settings import Settings, paper_claims


@dataclass
class Ensemble:
    """A setting's scenario, its runs as a table source and its paper's scorecard."""

    settings: Settings
    scenario: object  # bargainsim.scenario.Scenario
    compiled: object  # bargainsim.model.compiled.CompiledScenario
    seeds: list[int]
    tables: object  # bargainsim.results.EnsembleSource
    scorecard: pd.DataFrame

    def dyads(self) -> list[str]:
        actors = self.compiled.actor_ids
        return [f"{actors[i]}-{actors[j]}" for i, j in self.compiled.dyads]


def build_ensemble(settings: Settings, seed: int = 0) -> Ensemble:
    """Load the scenario with the setting's overrides (a bad one raises ScenarioError,
    located as on the command line), simulate ``settings.seeds`` runs with seeds spawned
    from ``seed`` and score the paper's claims in them."""
    from bargainsim import seeds as run_seeds
    from bargainsim.model.compiled import compile_scenario
    from bargainsim.model.ensemble import simulate
    from bargainsim.results import EnsembleSource
    from bargainsim.scenario import load_scenario

    scenario = load_scenario(settings.scenario, overrides=settings.overrides())
    compiled = compile_scenario(scenario)
    chosen = [int(s) for s in run_seeds.run_seeds(seed, settings.seeds)]
    tables = EnsembleSource(simulate(compiled, chosen))
    return Ensemble(settings, scenario, compiled, chosen, tables, _scorecard(settings, tables))


def _scorecard(settings: Settings, tables) -> pd.DataFrame:
    """Every claim of the scenario's paper under these runs (as written: shock events are
    not removed here, so agreement without them is not measured)."""
    from bargainsim.compare.pipeline import score_source
    from bargainsim.compare.results import Section, scorecard

    frames = []
    for claim_set in paper_claims(settings.scenario):
        score = score_source(claim_set.claims, tables, label="page", shock_events=None)
        frames.append(scorecard(Section(claim_set, score), score, "base"))
    if not frames:
        return pd.DataFrame(columns=["claim", "headline", "test", "share", "verdict"])
    return pd.concat(frames, ignore_index=True)
