"""Sampling a design over the unit cube with SALib (one column per uncertain input).

A design is sampled in [0, 1]^D and mapped to input values by each input
(:meth:`~bargainsim.sensitivity.inputs.UncertainInput.value`), so that every index is in
units of the output per input range and inputs of different scales compare directly.

- Morris (Morris 1991; Campolongo, Cariboni and Saltelli 2007): ``trajectories`` one-at-a-
  time paths over a grid of ``levels`` levels, ``trajectories * (D + 1)`` points.
- Sobol (Saltelli 2002; Saltelli et al. 2010): Saltelli's extension of a scrambled Sobol'
  sequence of ``base`` points without second-order terms, ``base * (D + 2)`` points
  (``base`` a power of 2).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bargainsim.errors import BargainsimError

METHODS = ("morris", "sobol")
MORRIS_LEVELS = 4


@dataclass(frozen=True)
class Design:
    """Sampled points in the unit cube: ``unit[k, d]`` for point k and input d."""

    method: str
    names: tuple[str, ...]
    unit: np.ndarray
    base: int  # Morris: trajectories; Sobol: base sample size
    seed: int

    @property
    def problem(self) -> dict:
        return unit_problem(self.names)

    @property
    def n_points(self) -> int:
        return len(self.unit)


def unit_problem(names) -> dict:
    """SALib's problem description over the unit cube."""
    names = list(names)
    return {"num_vars": len(names), "names": names, "bounds": [[0.0, 1.0]] * len(names)}


def sample_design(method: str, names, base: int, seed: int) -> Design:
    """``base`` Morris trajectories or Sobol base points over the inputs ``names``, drawn
    from ``seed`` (the same arguments give the same design)."""
    if method not in METHODS:
        raise BargainsimError(f"--method {method!r}: expected one of {', '.join(METHODS)}")
    names = tuple(names)
    if len(names) < 1:
        raise BargainsimError("a design needs at least one input")
    problem = unit_problem(names)
    if method == "morris":
        if base < 2:
            raise BargainsimError(f"--trajectories must be at least 2; got {base}")
        from SALib.sample import morris

        unit = morris.sample(problem, base, num_levels=MORRIS_LEVELS, seed=seed)
    else:
        if base < 2 or base & (base - 1):
            raise BargainsimError(f"--base for Sobol must be a power of 2 (>= 2); got {base}")
        from SALib.sample import sobol

        unit = sobol.sample(problem, base, calc_second_order=False, seed=seed)
    return Design(method, names, np.asarray(unit, dtype=float), base, seed)
