"""Print the table of docs/model.md §3.1: Russia's stances under Xu's scenario, start and
end of the window, with the hardening of interests under threat and without it.

Mean over 20 runs (seeds 0–19) of each issue's position at step 0 and at the last step,
for Russia and for the United States, with the shipped defaults and with
``hardening_gain = 0``.

    python docs/figures/stances.py
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.scenario import load_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "xu2008_medvedev.yaml"
SEEDS = range(20)


def stances(overrides: tuple[str, ...] = ()):
    """Issue ids, the mean position ``(actor, issue, start|end)`` and the compiled
    scenario."""
    compiled = compile_scenario(load_scenario(SCENARIO, overrides))
    position = simulate(compiled, SEEDS).history.position
    mean = position[:, [0, -1]].mean(axis=0)  # (2, N, D)
    return list(compiled.issue_ids), np.moveaxis(mean, 0, -1), compiled


def main() -> None:
    issues, hardened, compiled = stances()
    _, plain, _ = stances(("parameters.hardening_gain=0",))
    rus, usa = compiled.actor_index("RUS"), compiled.actor_index("USA")
    print("| issue | hardening (default) | without (g_H = 0) | the US |")
    print("|---|---|---|---|")
    for d, issue in enumerate(issues):
        cells = [f"{a[rus, d, 0]:.0f} → {a[rus, d, 1]:.0f}" for a in (hardened, plain)] + [
            f"{hardened[usa, d, 0]:.0f} → {hardened[usa, d, 1]:.0f}"
        ]
        print(f"| {issue} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
