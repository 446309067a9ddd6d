"""The drivers that carried each headline claim (:mod:`bargainsim.compare.drivers`): the
claim's own scenario run again over the comparison's seeds, recording what moved each
relation, in chunks so that the contribution table of a thousand runs never sits in
memory at once. The same seeds give the same runs as the scored ones."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from bargainsim.compare.drivers import DRIVER_COLUMNS, relations_of, run_parts, top_drivers

CHUNK = 100


def headline_drivers(comparison, overrides: Sequence[str] = ()) -> pd.DataFrame:
    """Three drivers per headline claim on a relation, under its paper's own scenario
    (sections scored under the paper's own scenario and counterfactual only)."""
    from bargainsim.model.compiled import compile_scenario
    from bargainsim.model.ensemble import simulate
    from bargainsim.results import EnsembleSource
    from bargainsim.scenario import load_scenario

    frames = []
    for section in comparison.sections:
        claims = [c for c in section.claims if c.headline and relations_of(c) is not None]
        if not claims or not section.is_own_check():
            continue
        compiled = compile_scenario(load_scenario(section.base.path, overrides=list(overrides)))
        weights = preference_map(compiled)
        seeds = np.asarray(section.base.seeds)
        parts = {claim.id: [] for claim in claims}
        for start in range(0, len(seeds), CHUNK):
            chunk = seeds[start : start + CHUNK]
            contributions = EnsembleSource(simulate(compiled, chunk, contributions=True))(
                "contributions"
            )
            for claim in claims:
                parts[claim.id].append(run_parts(claim, contributions, weights))
        for claim in claims:
            joined = pd.concat(parts[claim.id], ignore_index=True)
            frames.append(top_drivers(claim, joined, section.base.label))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=DRIVER_COLUMNS)


def preference_map(compiled) -> dict[str, dict[str, float]]:
    """Each actor's preference weight of each variable at the start (actor → variable)."""
    from bargainsim.vocabulary import VARIABLES

    return {
        actor: {v.value: float(w) for v, w in zip(VARIABLES, row, strict=True)}
        for actor, row in zip(compiled.actor_ids, compiled.preferences, strict=True)
    }
