"""Outputs of an SMP run in KTAB's formats (ALGORITHM.md §5–§7).

* Position history CSV: ``turn,actor,dim,position`` for states 0..T, positions on the
  0–100 scale with 4 decimals, CRLF line ends (as KTAB's reference files), written
  atomically (:mod:`bargainsim.output`).
* KTAB's regression summary: one ``Fractional change compared to first step`` line per
  turn, then one ``<name>, prob :`` line per actor, each value followed by a space.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bargainsim.output import write_text_atomic

POSITION_SCALE = 100.0


def positions_csv_text(positions: np.ndarray) -> str:
    """The position history ``(T+1, N, D)`` (on [0, 1]) as KTAB's CSV text."""
    n_states, n_actors, n_dims = positions.shape
    printed = positions * POSITION_SCALE
    rows = ["turn,actor,dim,position"]
    for turn in range(n_states):
        for actor in range(n_actors):
            for dim in range(n_dims):
                rows.append(f"{turn},{actor},{dim},{printed[turn, actor, dim]:.4f}")
    return "\r\n".join(rows) + "\r\n"


def write_positions_csv(path: str | Path, positions: np.ndarray) -> None:
    """Write the position history CSV atomically."""
    write_text_atomic(Path(path), positions_csv_text(positions))


def summary_lines(
    fractional_change: np.ndarray,
    probabilities: np.ndarray,
    actor_names: tuple[str, ...] | list[str],
    stop_ratio: float = 0.02,
) -> list[str]:
    """KTAB's regression lines: per-turn fractional change, then per-actor probabilities.

    ``probabilities (T+1, N)``: one column per state in the printed line.
    """
    lines = [
        f"Fractional change compared to first step: {ratio:.4f}  (target={stop_ratio:.4f}) "
        for ratio in fractional_change
    ]
    for actor, name in enumerate(actor_names):
        values = "".join(f"{p:.4f} " for p in probabilities[:, actor])
        lines.append(f"{name}, prob : {values}")
    return lines
