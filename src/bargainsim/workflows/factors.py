"""One factor removed at a time (``compare --factors``): simulate each ablation from the
base's start and seeds, and tabulate each factor's effect on each claim
(:mod:`bargainsim.compare.factors`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import pandas as pd

from bargainsim.compare.claims import Claim
from bargainsim.compare.factors import factor_events, factor_table, without_factor
from bargainsim.compare.pipeline import ScenarioScore


def factor_effects(
    scenario, claims: Sequence[Claim], seeds, base: ScenarioScore, progress=True
) -> pd.DataFrame:
    """Each factor of ``scenario`` (a loaded scenario, scored as ``base``) removed in turn:
    the claims scored again from the base's start relations and at its noise floors."""
    from bargainsim.workflows.compare import score_scenario

    events = factor_events(scenario)
    ablations = {}
    for number, factor in enumerate(events, start=1):
        if progress:
            print(
                f"  {scenario.id}: without {factor} ({number} of {len(events)})",
                file=sys.stderr,
                flush=True,
            )
        ablated = without_factor(scenario, factor)
        label = f"{base.label} without {factor}"
        # Only the runs as written enter a factor's effect: no shock-free runs needed.
        ablations[factor] = score_scenario(
            ablated, claims, seeds, label=label, base=base, shock_free=False
        )
    return factor_table(claims, base, ablations, events)
