"""Comparing simulated trajectories with the papers' forecasts (model brief §8).

Claims are data (``scenarios/claims/*.yaml``, format in ``docs/claims.md``); observables
and claim tests are registries that users extend; scoring gives, per claim, the share of
runs consistent with it and its 95 % Wilson interval, with and without the scenario's
direct cooperation shocks, under one scenario or two side by side.
"""

from bargainsim.compare.claim_tests import CLAIM_TESTS, ClaimTest, claim_test
from bargainsim.compare.claims import Claim, ClaimSet, load_claims
from bargainsim.compare.intervals import newcombe_difference, wilson_interval
from bargainsim.compare.observables import OBSERVABLES, ObservableKind, Trajectory, observable
from bargainsim.compare.outputs import write_comparison
from bargainsim.compare.pipeline import run_seeds, score_source, without_shocks
from bargainsim.compare.results import Comparison, Section
from bargainsim.compare.scoring import score_runs, summarise

__all__ = [
    "CLAIM_TESTS",
    "OBSERVABLES",
    "Claim",
    "ClaimSet",
    "ClaimTest",
    "Comparison",
    "ObservableKind",
    "Section",
    "Trajectory",
    "claim_test",
    "load_claims",
    "newcombe_difference",
    "observable",
    "run_seeds",
    "score_runs",
    "score_source",
    "summarise",
    "wilson_interval",
    "without_shocks",
    "write_comparison",
]
