"""Issue outcomes: deadlock or compromise, per issue and quarter (model brief §3).

The spread of an issue is the largest gap between two of its parties' positions (0-100
scale), parties being actors whose salience reaches ``party_salience``. An issue is a

- **compromise** when the spread is at most ``compromise_gap``;
- **deadlock** when the spread is at least ``deadlock_gap`` now and was a quarter ago: the
  parties' positions stay apart (the brief's definition, §3). Stances that swing back and
  forth under bargaining pressure without closing the gap are still a deadlock;
- **open** otherwise (in between, or apart for the first quarter).
"""

from __future__ import annotations

import numpy as np

from bargainsim.vocabulary import IssueStatus


def issue_spread(position: np.ndarray, salience: np.ndarray, party_salience: float) -> np.ndarray:
    """``position, salience (R, N, D)`` on [0, 1] → spread ``(R, D)`` on 0-100; an issue
    with fewer than two parties has spread 0."""
    parties = salience * 100.0 >= party_salience
    high = np.where(parties, position, -np.inf).max(axis=1)
    low = np.where(parties, position, np.inf).min(axis=1)
    spread = (high - low) * 100.0
    return np.where(parties.sum(axis=1) >= 2, spread, 0.0)


def issue_status(
    spread: np.ndarray,
    previous_spread: np.ndarray,
    *,
    deadlock_gap: float,
    compromise_gap: float,
) -> np.ndarray:
    """``(R, D)`` spreads now and a quarter ago → ``(R, D)`` int8 IssueStatus codes."""
    status = np.full(spread.shape, IssueStatus.OPEN, dtype=np.int8)
    status[(spread >= deadlock_gap) & (previous_spread >= deadlock_gap)] = IssueStatus.DEADLOCK
    status[spread <= compromise_gap] = IssueStatus.COMPROMISE
    return status


def dyad_class(postures: np.ndarray) -> np.ndarray:
    """Per-dyad classification from both sides' postures ``(..., N, N)``: BALANCE if either
    side balances the other, COOPERATE if both cooperate, HEDGE otherwise. Returns
    ``(R, N, N)`` int8 Posture codes, symmetric."""
    mutual = np.maximum(postures, np.swapaxes(postures, -1, -2))
    return mutual.astype(np.int8)
