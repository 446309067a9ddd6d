"""Run seeds from a batch seed, derived in one place for the batch and the comparison.

``SeedSequence(batch_seed).spawn(runs)`` gives one independent child per replicate; a
run's recorded integer seed is its child's first state word as uint32
(``child.generate_state(1, dtype=uint32)[0]``), and that integer is what the run's
``numpy.random.default_rng`` is built from (docs/architecture.md, *Randomness*). Changing
any of this changes every published number, so it is written once.
"""

from __future__ import annotations

import numpy as np


def run_seeds(batch_seed: int, runs: int) -> np.ndarray:
    """The integer seed of each of ``runs`` replicates (uint32 values, as int64)."""
    return replicate_seeds(batch_seed, range(runs))


def replicate_seeds(batch_seed: int, replicates) -> np.ndarray:
    """The integer seeds of the given replicates alone, as :func:`run_seeds` gives them:
    child ``k`` of ``SeedSequence(batch_seed).spawn(n)`` is the sequence of spawn key
    ``(k,)``, so a chunk of a batch derives its seeds without the batch's others."""
    return np.array(
        [
            np.random.SeedSequence(batch_seed, spawn_key=(int(k),)).generate_state(
                1, dtype=np.uint32
            )[0]
            for k in replicates
        ],
        dtype=np.int64,
    )
