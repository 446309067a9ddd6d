"""The comparison's results as tables: the scorecard, counterfactual differences, shock
attribution and the headline check.

Shock effect of a claim (docs/claims.md): with ``s`` its share of consistent runs as the
scenario is written and ``s0`` the share with the scenario's ``shock`` events removed
(same seeds),

- **holds only because of shocks**: ``s >= 0.5`` and ``s0 < 0.5``;
- **shock-assisted**: ``s - s0 >= 0.20`` otherwise;
- **shock-opposed**: ``s0 - s >= 0.20``;
- **unaffected**: anything else; **no shocks** when the scenario has none.

The headline check (model brief §8): under its own paper's scenario each headline claim
holds in at least 80 % of runs, its agreement falls by at least 30 percentage points
under the counterfactual that removes the drivers the paper cites, and it does not hold by
input (with the dynamics frozen, :mod:`bargainsim.compare.verdicts`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from bargainsim.compare.claims import Claim, ClaimSet
from bargainsim.compare.intervals import newcombe_difference
from bargainsim.compare.pipeline import ScenarioScore
from bargainsim.compare.scoring import shock_attribution, summarise
from bargainsim.compare.verdicts import distribution, holds_by_input, tolerance_curve, verdict

HEADLINE_SHARE = 0.80
HEADLINE_DROP = 0.30
SHOCK_MATERIAL = 0.20


@dataclass
class Section:
    """Claims of one claims file scored under a base scenario and, optionally, a second
    scenario (the ``--versus`` counterfactual or the paper's own counterfactual)."""

    claim_set: ClaimSet
    base: ScenarioScore
    versus: ScenarioScore | None = None
    # one row per claim and factor removed (compare --factors), if measured
    factors: pd.DataFrame | None = None

    @property
    def claims(self) -> tuple[Claim, ...]:
        return self.claim_set.claims

    def is_own_check(self) -> bool:
        """True when base is the paper's own scenario and versus its counterfactual."""
        own, counter = self.claim_set.scenario, self.claim_set.counterfactual
        return (
            self.versus is not None
            and own is not None
            and counter is not None
            and _same(self.base.path, own)
            and _same(self.versus.path, counter)
        )


@dataclass
class Comparison:
    sections: list[Section]
    runs: int
    seed: int | None
    notes: list[str] = field(default_factory=list)
    record: object | None = None  # a historical record (compare --record), if given

    def scores(self) -> list[ScenarioScore]:
        seen: dict[int, ScenarioScore] = {}
        for section in self.sections:
            for score in (section.base, section.versus):
                if score is not None:
                    seen.setdefault(id(score), score)
        return list(seen.values())


def _same(path: str, other: Path) -> bool:
    return bool(path) and Path(path).resolve() == Path(other).resolve()


def shock_effect(share: float, share_without: float, shock_events: int, measured=True) -> str:
    if not measured:
        return "not measured"
    if shock_events == 0:
        return "no shocks"
    if share >= 0.5 > share_without:
        return "holds only because of shocks"
    if share - share_without >= SHOCK_MATERIAL:
        return "shock-assisted"
    if share_without - share >= SHOCK_MATERIAL:
        return "shock-opposed"
    return "unaffected"


def scorecard(section: Section, score: ScenarioScore, role: str) -> pd.DataFrame:
    """One row per claim: share with and without shocks, intervals, movement, reading."""
    ids = [c.id for c in section.claims]
    runs = score.runs[score.runs["claim"].isin(ids)]
    summary = summarise(runs)
    with_shocks = summary[summary["shocks"]].set_index("claim")
    without = summary[~summary["shocks"]].set_index("claim")
    parts = shock_attribution(runs).set_index("claim")["shock_part"] if len(runs) else {}
    rows = []
    for claim in section.claims:
        row = with_shocks.loc[claim.id]
        free = without.loc[claim.id] if claim.id in without.index else None
        share_free = float(free["share"]) if free is not None else np.nan
        share, low, high = float(row["share"]), float(row["ci_low"]), float(row["ci_high"])
        mine = runs[(runs["claim"] == claim.id) & runs["shocks"]]
        floor = score.floors.get(claim.id, np.nan)
        tolerance = claim.tolerance(floor) if claim.test.uses_tolerance else np.nan
        frozen = _frozen_share(score, claim.id)
        spread = distribution(mine["measure"].to_numpy())
        rows.append(
            {
                "paper": claim.paper,
                "claim": claim.id,
                "section": claim.section,
                "headline": claim.headline,
                "quote": claim.quote,
                "observable": claim.observable_label(),
                "unit": claim.kind.unit,
                "window": score.cuts.get(claim.id, claim.window),
                "test": claim.test.name,
                "reading": claim.reading_label(),
                "expectation": claim.expectation(0.0 if np.isnan(tolerance) else tolerance),
                "noise_floor": floor if claim.test.uses_tolerance else np.nan,
                "tolerance": tolerance,
                "scenario": score.label,
                "role": role,
                "runs": int(row["runs"]),
                "consistent": int(row["consistent"]),
                "share": share,
                "ci_low": low,
                "ci_high": high,
                "measure": claim.test.measure,
                "median_measure": spread["median"],
                "p10_measure": spread["p10"],
                "p90_measure": spread["p90"],
                **tolerance_curve(claim, mine["measure"].to_numpy()),
                "median_change": float(row["median_change"]),
                "share_frozen": frozen,
                "holds_by_input": holds_by_input(frozen, share) if not np.isnan(frozen) else False,
                "share_without_shocks": share_free,
                "ci_low_without_shocks": float(free["ci_low"]) if free is not None else np.nan,
                "ci_high_without_shocks": float(free["ci_high"]) if free is not None else np.nan,
                "median_change_without_shocks": (
                    float(free["median_change"]) if free is not None else np.nan
                ),
                "shock_part": float(parts.get(claim.id, 0.0)) if len(parts) else 0.0,
                "shock_effect": shock_effect(
                    share, share_free, score.shock_events, score.shock_free_measured
                ),
                "verdict": verdict(share, low, high, claim.reading.possibility),
            }
        )
    return pd.DataFrame(rows)


def _frozen_share(score: ScenarioScore, claim_id: str) -> float:
    frozen = score.frozen_runs
    if frozen is None or frozen.empty:
        return np.nan
    mine = frozen[frozen["claim"] == claim_id]
    return float(mine["consistent"].mean()) if len(mine) else np.nan


def claims_table(comparison: Comparison) -> pd.DataFrame:
    """Every claim under every scenario it was scored in (``claims.csv``)."""
    frames = []
    for section in comparison.sections:
        frames.append(scorecard(section, section.base, "base"))
        if section.versus is not None:
            frames.append(scorecard(section, section.versus, "versus"))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def differences_table(comparison: Comparison) -> pd.DataFrame:
    """Per claim with a second scenario: the two shares and their difference with
    Newcombe's 95 % interval (``differences.csv``)."""
    rows = []
    table = claims_table(comparison)
    for section in comparison.sections:
        if section.versus is None:
            continue
        for claim in section.claims:
            pick = table[table["claim"] == claim.id]
            a = pick[(pick["role"] == "base") & (pick["scenario"] == section.base.label)].iloc[0]
            b = pick[(pick["role"] == "versus") & (pick["scenario"] == section.versus.label)].iloc[
                0
            ]
            diff, low, high = newcombe_difference(
                int(a["consistent"]), int(a["runs"]), int(b["consistent"]), int(b["runs"])
            )
            rows.append(
                {
                    "paper": claim.paper,
                    "claim": claim.id,
                    "section": claim.section,
                    "headline": claim.headline,
                    "scenario": section.base.label,
                    "versus": section.versus.label,
                    "share": a["share"],
                    "share_versus": b["share"],
                    "difference": diff,
                    "ci_low": low,
                    "ci_high": high,
                }
            )
    return pd.DataFrame(rows)


def headline_table(comparison: Comparison) -> pd.DataFrame:
    """The headline check, one row per headline claim of every claims file."""
    rows = []
    differences = differences_table(comparison)
    for section in comparison.sections:
        for claim in section.claims:
            if not claim.headline:
                continue
            row = {"paper": claim.paper, "claim": claim.id, "section": claim.section}
            if not section.is_own_check():
                row.update(status="not checked", why=_why_not(section))
                rows.append(row)
                continue
            d = differences[differences["claim"] == claim.id].iloc[0]
            own, counter = float(d["share"]), float(d["share_versus"])
            holds, falls = own >= HEADLINE_SHARE, own - counter >= HEADLINE_DROP
            frozen = _frozen_share(section.base, claim.id)
            by_input = not np.isnan(frozen) and holds_by_input(frozen, own)
            why = []
            if by_input:
                why.append(f"holds by input: {frozen:.0%} of runs with the dynamics frozen")
            if not holds:
                why.append(f"holds in {own:.0%} of runs under its own scenario (< 80 %)")
            if not falls:
                drop = 100 * (own - counter)
                moved = f"falls by {drop:.0f}" if drop >= 0 else f"rises by {-drop:.0f}"
                why.append(f"{moved} points under the counterfactual (needs a fall of >= 30)")
            row.update(
                scenario=section.base.label,
                counterfactual=section.versus.label,
                share=own,
                share_counterfactual=counter,
                # rounded so that a CSV shows -55.7, not -55.699999999999996
                drop_points=round(100 * (own - counter), 6),
                share_frozen=frozen,
                holds=holds,
                falls=falls,
                by_input=by_input,
                status="PASS" if holds and falls and not by_input else "FAIL",
                why="; ".join(why) or "all conditions met",
            )
            rows.append(row)
    return pd.DataFrame(rows)


def papers_right_table(comparison: Comparison, claims: pd.DataFrame) -> pd.DataFrame:
    """Each headline claim against the record (``papers_right.csv``); empty without one."""
    from bargainsim.compare.papers_right import papers_right

    if comparison.record is None:
        return pd.DataFrame()
    frames = [
        papers_right(section.claims, comparison.record, claims) for section in comparison.sections
    ]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def factors_table(comparison: Comparison) -> pd.DataFrame:
    """Every section's factor ablations (``factors.csv``); empty when none was run."""
    frames = [s.factors for s in comparison.sections if s.factors is not None]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def _why_not(section: Section) -> str:
    if section.claim_set.scenario is None or section.claim_set.counterfactual is None:
        return "the claims file names no own scenario and counterfactual"
    if section.versus is None:
        return "no counterfactual was scored"
    return "scored under other scenarios than the paper's own and its counterfactual"
