"""``report.md`` of a sensitivity study: for each claim, its inputs ranked, with the noise
floor and the noise's share of the variance, and the claim's figure."""

from __future__ import annotations

import math

import pandas as pd

from bargainsim.sensitivity.analysis import NOISE

NOISE_NOTE = (
    "**The noise's own share.** Each point's output is a mean over its replicates (common "
    "random numbers: replicate k of every point has the same seed). The *noise floor* row "
    "is the largest index any input gets from half the difference between the means of "
    "the two halves of each point's replicates: an output with the noise of the point "
    "means and no dependence on any input. An input is *above noise* when its index's "
    "lower 95 % bound clears that floor. *Noise share (runs)* is the mean between-"
    "replicate variance at a point over the variance of single runs across the design; "
    "*noise share (means)* the same for the point means (within-point variance / R over "
    "the variance of the means)."
)


def _number(value, digits: int = 3) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    return f"{value:.{digits}f}"


def _ranking(rows: pd.DataFrame, method: str) -> list[str]:
    if method == "morris":
        head = "| rank | input | μ* (95 % CI) | σ | μ | above noise |"
        lines = [head, "|---:|---|---|---:|---:|---|"]
        for _, r in rows.iterrows():
            rank = "" if r["input"] == NOISE else str(int(r["rank"]))
            ci = f"{_number(r['mu_star'])} ± {_number(r['mu_star_conf'])}"
            above = "" if r["input"] == NOISE else ("yes" if r["above_noise"] else "no")
            lines.append(
                f"| {rank} | `{r['input']}` | {ci} | {_number(r['sigma'])} | "
                f"{_number(r['mu'])} | {above} |"
            )
        return lines
    lines = [
        "| rank | input | ST (95 % CI) | S1 (95 % CI) | above noise |",
        "|---:|---|---|---|---|",
    ]
    for _, r in rows.iterrows():
        rank = "" if r["input"] == NOISE else str(int(r["rank"]))
        above = "" if r["input"] == NOISE else ("yes" if r["above_noise"] else "no")
        lines.append(
            f"| {rank} | `{r['input']}` | {_number(r['ST'])} ± {_number(r['ST_conf'])} | "
            f"{_number(r['S1'])} ± {_number(r['S1_conf'])} | {above} |"
        )
    return lines


def render_report(manifest: dict, table: pd.DataFrame, claims, drawn: dict) -> str:
    """The report; ``claims`` are objects with ``id``, ``quote`` and ``headline``."""
    method = manifest["method"]
    size = f"{manifest['base']} trajectories" if method == "morris" else f"base {manifest['base']}"
    lines = [
        f"# Which inputs decide each claim: {manifest['scenario_id']}",
        "",
        f"{method.capitalize()} design ({size}), {manifest['points']} points × "
        f"{manifest['replicates']} replicates = {manifest['runs']:,} runs "
        f"({manifest['failed_runs']} failed), seed {manifest['seed']}; scenario "
        f"`{manifest['scenario']}`, inputs `{manifest['inputs_file']}`. Indices are per "
        "input range (the design is sampled in the unit cube).",
        "",
        "| input | sampled over |",
        "|---|---|",
        *(f"| `{key}` | {spec} |" for key, spec in manifest["inputs"].items()),
        "",
        NOISE_NOTE,
        "",
    ]
    ordered = sorted(claims, key=lambda c: (not c.headline, c.id))
    for claim in ordered:
        mine = table[table["claim"] == claim.id]
        star = " ★ headline" if claim.headline else ""
        lines += [f"## {claim.id}{star}", "", f"> {claim.quote}", ""]
        for output, title in (("share", "Share of runs consistent"), ("change", "Mean change")):
            rows = mine[mine["output"] == output].sort_values("rank", na_position="last")
            first = rows.iloc[0]
            lines += [
                f"**{title}** — noise share: runs {_number(first['noise_share_runs'], 2)}, "
                f"point means {_number(first['noise_share_means'], 2)}.",
                "",
                *_ranking(rows, method),
                "",
            ]
        if claim.id in drawn:
            lines += [f"![{claim.id}](figures/{drawn[claim.id]}.png)", ""]
    return "\n".join(lines)
