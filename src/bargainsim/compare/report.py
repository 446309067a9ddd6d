"""``report.md``: the scorecard a reader checks the model against the papers with.

Sections: what was run; the headline check stated plainly; per claims file a scorecard
(quote, section, test, share of consistent runs with its 95 % Wilson interval, a one-line
reading); the counterfactual comparison; the shock attribution; the figures; how to read
it (docs/claims.md has the full guide).
"""

from __future__ import annotations

import math

import pandas as pd

from bargainsim.compare.changes import scenario_changes
from bargainsim.compare.drivers import driver_lines
from bargainsim.compare.results import HEADLINE_DROP, HEADLINE_SHARE, Comparison


def _pct(x: float) -> str:
    return "n/a" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{100 * x:.0f}%"


def _interval(low: float, high: float) -> str:
    if math.isnan(low):
        return "n/a"
    return f"{100 * low:.0f}–{100 * high:.0f}%"


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _quote(text: str, limit: int = 220) -> str:
    text = _cell(text)
    return f"“{text}”" if len(text) <= limit else f"“{text[: limit - 1].rstrip()}…”"


def _line(row: pd.Series) -> str:
    """A one-line verdict on one claim under one scenario, with its distribution."""
    measured = (
        f"{row['measure']} median {row['median_measure']:+.3g}, 10–90 % "
        f"[{row['p10_measure']:+.3g}, {row['p90_measure']:+.3g}]; needs {row['expectation']}"
    )
    text = f"**{row['verdict']}**: {row['consistent']} of {row['runs']} runs ({measured})"
    if not pd.isna(row.get("noise_floor")):
        text += f"; noise floor {row['noise_floor']:.3g}"
    if row.get("holds_by_input"):
        text += f". **Holds by input**: {_pct(row['share_frozen'])} with the dynamics frozen"
    if row["shock_effect"] not in ("no shocks", "unaffected", "not measured"):
        text += (
            f". **{row['shock_effect']}**: {_pct(row['share_without_shocks'])} "
            "without the scenario's shock events"
        )
    return text


def render(comparison: Comparison, tables: dict[str, pd.DataFrame], figures: list[str]) -> str:
    claims, diffs, headline = tables["claims"], tables["differences"], tables["headline"]
    out = ["# Claims scorecard", ""]
    out += _setup(comparison)
    out += _headline(headline)
    out += _distributions(claims)
    out += driver_lines(tables.get("drivers"))
    out += _papers_right(tables.get("papers_right"))
    out += _factor_effects(tables.get("factors"))
    for section in comparison.sections:
        paper = section.claim_set.paper
        for label, role in ((section.base.label, "base"), (_versus(section), "versus")):
            if label is None:
                continue
            rows = claims[
                (claims["paper"] == paper)
                & (claims["scenario"] == label)
                & (claims["role"] == role)
            ]
            out += [f"## {paper} — under `{label}`", ""]
            out += [
                "| claim | section | quote | reading and test | share | 95% CI | verdict |",
                "|---|---|---|---|---:|---|---|",
            ]
            for _, row in rows.iterrows():
                mark = " ★" if row["headline"] else ""
                out.append(
                    f"| `{row['claim']}`{mark} | {_cell(row['section'])} | {_quote(row['quote'])} "
                    f"| {_cell(row['reading'])}: {row['test']} on {_cell(row['observable'])}, "
                    f"{row['window']} "
                    f"| {_pct(row['share'])} | {_interval(row['ci_low'], row['ci_high'])} "
                    f"| {_cell(_line(row))} |"
                )
            out.append("")
    if len(diffs):
        out += ["## Counterfactual comparison", ""]
        out += [
            "Share of runs consistent with each claim under the base scenario and the second "
            "scenario; the difference has Newcombe's 95% interval (points).",
            "",
            "| claim | section | base | share | versus | share | difference (points) | 95% CI |",
            "|---|---|---|---:|---|---:|---:|---|",
        ]
        for _, d in diffs.iterrows():
            out.append(
                f"| `{d['claim']}` | {_cell(d['section'])} "
                f"| `{d['scenario']}` | {_pct(d['share'])} "
                f"| `{d['versus']}` | {_pct(d['share_versus'])} | {100 * d['difference']:+.0f} "
                f"| {100 * d['ci_low']:+.0f} to {100 * d['ci_high']:+.0f} |"
            )
        out.append("")
    out += _shocks(comparison, claims)
    if figures:
        out += ["## Figures", ""]
        out += [f"- [{name}](figures/{name}.png) ([svg](figures/{name}.svg))" for name in figures]
        out += [""]
        out += [f"![{name}](figures/{name}.png)\n" for name in figures]
        out.append("")
    out += _how_to_read()
    return "\n".join(out) + "\n"


def _versus(section) -> str | None:
    return section.versus.label if section.versus is not None else None


def _setup(comparison: Comparison) -> list[str]:
    lines = [
        f"Runs per scenario: {comparison.runs}"
        + (f"; seed {comparison.seed}" if comparison.seed is not None else "")
        + ". Run seeds: `SeedSequence(seed).spawn(runs)`, the same seeds in every scenario.",
        "",
        "| scenario | file | shock events | role |",
        "|---|---|---:|---|",
    ]
    seen = set()
    for section in comparison.sections:
        for score, role in ((section.base, "base"), (section.versus, "versus")):
            if score is None or (score.label, role) in seen:
                continue
            seen.add((score.label, role))
            lines.append(f"| `{score.label}` | `{score.path}` | {score.shock_events} | {role} |")
    lines.append("")
    lines += _what_counterfactuals_change(comparison)
    lines += [f"- {note}" for note in comparison.notes]
    return [*lines, ""] if comparison.notes else lines


def _what_counterfactuals_change(comparison: Comparison) -> list[str]:
    """Each second scenario against its base: what it removes, adds and sets otherwise;
    it starts from the base's relations (docs/scenarios.md, "Start relations")."""
    lines = []
    for section in comparison.sections:
        base, other = section.base, section.versus
        if other is None or base.resolved is None or other.resolved is None:
            continue
        changes = scenario_changes(base.resolved, other.resolved)
        lines += [
            f"**`{other.label}` against `{base.label}`** (it starts from `{base.label}`'s "
            "relations, every dyad and variable):",
            "",
        ]
        lines += [f"- {change}" for change in changes[:40]] or ["- no change"]
        if len(changes) > 40:
            lines.append(f"- … and {len(changes) - 40} more (`bargainsim show` both files)")
        lines.append("")
    return lines


def _headline(headline: pd.DataFrame) -> list[str]:
    lines = [
        "## Headline check",
        "",
        f"Each headline claim (★) must hold in at least {HEADLINE_SHARE:.0%} of runs under its "
        f"own paper's scenario, and its agreement must fall by at least "
        f"{100 * HEADLINE_DROP:.0f} points under the counterfactual that removes the drivers "
        "the paper cites, and it must not hold by input (with the dynamics frozen). Nothing "
        "in the model or the scenarios is tuned to pass it.",
        "",
    ]
    if headline.empty:
        return [*lines, "No headline claims were scored.", ""]
    lines += [
        "| claim | section | own scenario | share | counterfactual | share | drop (points) "
        "| result |",
        "|---|---|---|---:|---|---:|---:|---|",
    ]
    for _, h in headline.iterrows():
        if h["status"] == "not checked":
            lines.append(
                f"| `{h['claim']}` | {_cell(h['section'])} | – | – | – | – | – "
                f"| not checked: {h['why']} |"
            )
            continue
        lines.append(
            f"| `{h['claim']}` | {_cell(h['section'])} | `{h['scenario']}` | {_pct(h['share'])} "
            f"| `{h['counterfactual']}` | {_pct(h['share_counterfactual'])} "
            f"| {h['drop_points']:+.0f} | **{h['status']}** — {h['why']} |"
        )
    checked = headline[headline["status"] != "not checked"]
    if len(checked):
        passed = int((checked["status"] == "PASS").sum())
        lines += ["", f"**{passed} of {len(checked)} headline claims pass the check.**"]
    return [*lines, ""]


def _papers_right(frame: pd.DataFrame | None) -> list[str]:
    """Each headline claim against the historical record, beside the model's verdict."""
    if frame is None or frame.empty:
        return []
    lines = [
        "## Were the papers right?",
        "",
        "Each headline claim read as its file fixes it, applied to the historical record's "
        "levels over the claim's own window (−3 hostile … +3 close; any change of level "
        "counts), beside what the model makes of the paper's own premises.",
        "",
        "| claim | window | reading | record's levels | the paper was | the model, from "
        "the paper's premises |",
        "|---|---|---|---|---|---|",
    ]
    for _, row in frame.iterrows():
        right = row.get("paper_right")
        said = "–" if right is None or pd.isna(right) else ("right" if right else "wrong")
        lines.append(
            f"| `{row['claim']}` | {row['window']} | {_cell(row['reading'])} "
            f"| {_cell(row['record'])} | **{said}** | {_pct(row['model_share'])} of runs: "
            f"{_cell(row['model_verdict'])} |"
        )
    return [*lines, ""]


def _distributions(claims: pd.DataFrame) -> list[str]:
    """Each headline claim's measure as a distribution, and its share across tolerances."""
    rows = claims[claims["headline"]]
    if rows.empty:
        return []
    sweep = [c for c in claims.columns if c.startswith("share_at_")]
    heads = " | ".join(
        "at 0" if c == "share_at_0" else f"at {c.removeprefix('share_at_')[:-3]} % of range"
        for c in sweep
    )
    lines = [
        "### Headline distributions",
        "",
        "The measure over runs (median and 10–90 % range), the noise floor the verdict uses, "
        "the share with the dynamics frozen, and for trends the share at fixed tolerances "
        "(at 0: the share moving in the claimed direction at all).",
        "",
        f"| claim | scenario | measure: median [10–90 %] | noise floor | frozen | {heads} |",
        "|---|---|---|---:|---:|" + "---:|" * len(sweep),
    ]
    for _, row in rows.iterrows():
        floor = "–" if pd.isna(row["noise_floor"]) else f"{row['noise_floor']:.3g}"
        frozen = "–" if pd.isna(row["share_frozen"]) else _pct(row["share_frozen"])
        shares = " | ".join("–" if pd.isna(row[c]) else _pct(row[c]) for c in sweep)
        lines.append(
            f"| `{row['claim']}` | `{row['scenario']}` | {row['median_measure']:+.3f} "
            f"[{row['p10_measure']:+.3f}, {row['p90_measure']:+.3f}] ({_cell(row['unit'])}) "
            f"| {floor} | {frozen} | {shares} |"
        )
    return [*lines, ""]


def _factor_effects(factors: pd.DataFrame | None) -> list[str]:
    """The headline claims with one factor removed at a time (all claims: factors.csv)."""
    if factors is None or factors.empty:
        return []
    lines = [
        "## What each factor carries",
        "",
        "Each factor's events removed in turn, nothing else: the same start relations "
        "(every dyad and variable), seeds and noise floors. *Effect*: the share with every "
        "factor minus the share without this one, paired by seed, with its 95 % interval; "
        "*measure*: the median paired change of the claim's measure. Every claim is in "
        "`factors.csv`.",
        "",
        "| claim | factor | share | without it | effect, points | 95 % CI | measure |",
        "|---|---|---:|---:|---:|---|---:|",
    ]
    for _, row in factors[factors["headline"]].iterrows():
        lines.append(
            f"| `{row['claim']}` | {row['factor']} | {_pct(row['share'])} "
            f"| {_pct(row['share_without'])} | {100 * row['effect']:+.1f} "
            f"| {100 * row['ci_low']:+.1f} to {100 * row['ci_high']:+.1f} "
            f"| {row['median_measure_effect']:+.3f} |"
        )
    return [*lines, ""]


def _shocks(comparison: Comparison, claims: pd.DataFrame) -> list[str]:
    """The shock attribution, for the scenarios that have shock events only."""
    shocked = {s.label for s in comparison.scores() if s.shock_events}
    claims = claims[claims["scenario"].isin(shocked)]
    if claims.empty:
        return []
    lines = [
        "## Shock attribution",
        "",
        "Each scenario with `shock` events (direct changes of cooperation) was run again with "
        "those events removed and the same seeds. *Movement* is the median change of the "
        "observable between the window's edges; *from shocks* is the median paired difference "
        "of that change with and without the shock events.",
        "",
        "| claim | scenario | share | without shocks | movement (unit) | from shocks | effect |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for _, row in claims.iterrows():
        flag = row["shock_effect"]
        flag = f"**{flag}**" if flag == "holds only because of shocks" else flag
        lines.append(
            f"| `{row['claim']}` | `{row['scenario']}` | {_pct(row['share'])} "
            f"| {_pct(row['share_without_shocks'])} | {row['median_change']:+.3f} "
            f"({_cell(row['unit'])}) | {row['shock_part']:+.3f} | {flag} |"
        )
    return [*lines, ""]


def _how_to_read() -> list[str]:
    return [
        "## How to read this report",
        "",
        "- *share*: the fraction of runs (seeds) in which the claim's test holds on its "
        "observable inside its window; *95% CI*: Wilson score interval for that fraction.",
        "- *reading*: how the claim is read, fixed in its file before scoring: a trend, a "
        "level or a state; at the window's end, at any point, throughout or on average.",
        "- *verdict*: reproduced (share ≥ 80%), leans toward (50–80%), leans against "
        "(20–50%), contradicted (< 20%), given only when the 95% interval lies inside one "
        "band (else both bands are named). A possibility is judged against the share its "
        "reading names. A claim that holds everywhere, including under the counterfactual, "
        "does not discriminate: compare the two shares.",
        "- *noise floor*: a trend counts in a run when its change exceeds the standard "
        "deviation of that change across the base scenario's runs (the change chance alone "
        "gives a run), unless the claim names a magnitude; `claims.csv` also gives each "
        "trend's share at fixed tolerances (`share_at_*`).",
        "- *holds by input*: the claim holds in at least half the runs with the dynamics "
        "frozen (no bargaining, no relation update, events applied): its inputs decide it, "
        "not the model.",
        "- *holds only because of shocks*: the claim holds in a majority of runs as the "
        "scenario is written but in a minority once its `shock` events are removed; the "
        "verdict is then written into the scenario, not produced by the model's drivers.",
        "- Test types, tolerances and the claim format: `docs/claims.md`.",
        "",
    ]
