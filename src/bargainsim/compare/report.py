"""``report.md``: the scorecard a reader checks the model against the papers with.

Sections: what was run; the headline check stated plainly; per claims file a scorecard
(quote, section, test, share of consistent runs with its 95 % Wilson interval, a one-line
reading); the counterfactual comparison; the shock attribution; the figures; how to read
it (docs/claims.md has the full guide).
"""

from __future__ import annotations

import math

import pandas as pd

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
    """A one-line reading of one claim under one scenario."""
    measured = f"median {row['measure']} {row['median_measure']:+.3g}; needs {row['expectation']}"
    text = f"{row['reading']}: {row['consistent']} of {row['runs']} runs ({measured})"
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
    out += driver_lines(tables.get("drivers"))
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
                "| claim | section | quote | test | share | 95% CI | reading |",
                "|---|---|---|---|---:|---|---|",
            ]
            for _, row in rows.iterrows():
                mark = " ★" if row["headline"] else ""
                out.append(
                    f"| `{row['claim']}`{mark} | {_cell(row['section'])} | {_quote(row['quote'])} "
                    f"| {row['test']} on {_cell(row['observable'])}, {row['window']} "
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
        out += [f"![{name}](figures/{name}.png)" for name in figures[:6]]
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
    lines += [f"- {note}" for note in comparison.notes]
    return [*lines, ""] if comparison.notes else lines


def _headline(headline: pd.DataFrame) -> list[str]:
    lines = [
        "## Headline check",
        "",
        f"Each headline claim (★) must hold in at least {HEADLINE_SHARE:.0%} of runs under its "
        f"own paper's scenario, and its agreement must fall by at least "
        f"{100 * HEADLINE_DROP:.0f} points under the counterfactual that removes the drivers "
        "the paper cites. Nothing in the model or the scenarios is tuned to pass it.",
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


def _shocks(comparison: Comparison, claims: pd.DataFrame) -> list[str]:
    lines = [
        "## Shock attribution",
        "",
        "Each scenario with `shock` events (direct changes of cooperation) was run again with "
        "those events removed and the same seeds. *Movement* is the median change of the "
        "observable between the window's edges; *from shocks* is the median paired difference "
        "of that change with and without the shock events.",
        "",
        "| claim | scenario | share | without shocks | movement | from shocks | effect |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for _, row in claims.iterrows():
        flag = row["shock_effect"]
        flag = f"**{flag}**" if flag == "holds only because of shocks" else flag
        lines.append(
            f"| `{row['claim']}` | `{row['scenario']}` | {_pct(row['share'])} "
            f"| {_pct(row['share_without_shocks'])} | {row['median_change']:+.3f} "
            f"| {row['shock_part']:+.3f} | {flag} |"
        )
    return [*lines, ""]


def _how_to_read() -> list[str]:
    return [
        "## How to read this report",
        "",
        "- *share*: the fraction of runs (seeds) in which the claim's test holds on its "
        "observable inside its window; *95% CI*: Wilson score interval for that fraction.",
        "- *reading*: reproduced (share ≥ 80%), leans toward (50–80%), leans against (20–50%), "
        "contradicted (≤ 20%). A claim that holds everywhere, including under the "
        "counterfactual, does not discriminate: compare the two shares.",
        "- *holds only because of shocks*: the claim holds in a majority of runs as the "
        "scenario is written but in a minority once its `shock` events are removed; the "
        "verdict is then written into the scenario, not produced by the model's drivers.",
        "- Test types, tolerances and the claim format: `docs/claims.md`.",
        "",
    ]
