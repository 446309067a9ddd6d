"""Bargaining under rivalry: how far each actor's stance is pulled back to its interest.

After each SMP turn a stance moves back toward the actor's interest by a share κ (two-level
games: what the constituents ratify; Putnam 1988). Under rivalry that share grows on the
issues where a threatening opponent stands far from the actor's interest, in proportion to
how central the issue is to the actor and to the means it has to resist:

    κ_id = κ + (1 − κ) · min(1, g_H · core_id · pressure_id · capacity_id)
    core_id     = s_id / max_e s_ie                               (its core interests)
    pressure_id = max_j T_ij · |ideal_id − x_jd| · [s_jd > 0]     (a threatening opponent)
    capacity_id = O_i / max(O_i, O_j*)                            (against that opponent)

A leader who concedes a core interest to a threatening rival pays an audience cost at home
(Fearon 1994), and a state that can hold out does (Walt 1987: the weak bandwagon, great
powers balance); so a squeezed great power hardens on its core issues while a small state
facing the same pressure still concedes. ``O`` is offensive capability (nuclear status
counts), the issue-specific means to resist in KTAB's sense of capability on an issue.
"""

from __future__ import annotations

import numpy as np


def issue_hardening(
    ideal: np.ndarray,
    position: np.ndarray,
    salience: np.ndarray,
    threat: np.ndarray,
    offense: np.ndarray,
    *,
    anchoring: float,
    gain: float,
) -> np.ndarray:
    """``κ (R, N, D)``: the share of the gap to its interest each actor closes this quarter.
    ``ideal, position, salience (R, N, D)`` on [0, 1]; ``threat (R, N, N)`` i's threat
    from j; ``offense (R, N)``."""
    n_actors = salience.shape[-2]
    top = salience[..., :1]
    for d in range(1, salience.shape[-1]):
        top = np.maximum(top, salience[..., d : d + 1])
    core = np.divide(salience, top, out=np.zeros_like(salience), where=top > 0)
    # The most pressing opponent per actor and issue, j by j: pressing[r, i, j, d] is i's
    # threat from j times how far j's stance is from i's interest, on issues j takes part
    # in; the first of equal ones is kept, as argmax keeps it.
    pressure = strongest = None
    for j in range(n_actors):
        gap = np.abs(ideal - position[:, j, None, :]) * (salience[:, j, None, :] > 0)
        pressing = threat[:, :, j, None] * gap  # (R, N, D)
        if pressure is None:
            pressure, strongest = pressing, np.zeros(pressing.shape, dtype=np.intp)
        else:
            stronger = pressing > pressure
            pressure = np.where(stronger, pressing, pressure)
            strongest[stronger] = j
    own = offense[:, :, None]
    theirs = np.take_along_axis(offense[:, None, :], strongest.reshape(len(offense), 1, -1), 2)
    theirs = theirs.reshape(strongest.shape)
    capacity = np.divide(own, np.maximum(own, theirs), out=np.zeros_like(pressure), where=own > 0)
    hardening = np.minimum(1.0, gain * core * pressure * capacity)
    return anchoring + (1.0 - anchoring) * hardening
