"""``compare --batch DIR`` on a batch of several points (scenarios × sweep values): every
claim scored point by point — never pooled — and reported against the swept values, with
each point's interval (:mod:`bargainsim.compare.sweep`)."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from bargainsim.compare.claims import load_claims
from bargainsim.compare.outputs import COMPARE_ENTRIES, check_comparison_out
from bargainsim.compare.pipeline import all_claims
from bargainsim.compare.scoring import score_claims
from bargainsim.compare.sweep import sweep_shares
from bargainsim.output import (
    atomic_directory,
    write_json_atomic,
    write_parquet_atomic,
    write_text_atomic,
)
from bargainsim.results import batch_points, batch_source


def is_sweep(batch: Path, point: int | None) -> bool:
    return point is None and len(batch_points(batch)) > 1


def run_sweep_comparison(
    claim_files: Sequence[Path], batch: Path, out: Path, *, figures=True, overwrite=False
) -> pd.DataFrame:
    """Score every point of ``batch`` and write ``out``: ``sweep.csv``, ``runs.parquet``,
    ``report.md`` and a figure per claim; returns the sweep table."""
    from bargainsim.provenance import versions

    check_comparison_out(out, overwrite=overwrite)
    claims = all_claims([load_claims(path) for path in claim_files])
    points = batch_points(batch)
    frames = []
    for entry in points:
        print(f"scoring point {entry['point']} of {len(points)}", file=sys.stderr, flush=True)
        source = batch_source(batch, entry["point"])
        runs = score_claims(claims, source, entry["scenario"])[0]
        frames.append(runs.assign(point=entry["point"]))
    runs = pd.concat(frames, ignore_index=True)
    table = sweep_shares(runs, points, claims)
    axes = sorted({key for p in points for key in p.get("sweep", {})})
    with atomic_directory(out, "compare", COMPARE_ENTRIES, overwrite=overwrite) as building:
        table.to_csv(building / "sweep.csv", index=False)
        write_parquet_atomic(building / "runs.parquet", runs)
        names = _figures(table, axes, building / "figures") if figures and axes else []
        write_text_atomic(building / "report.md", render_sweep(batch, table, axes, names))
        write_json_atomic(
            building / "manifest.json",
            {
                "kind": "compare",
                "versions": versions(),
                "batch": str(batch),
                "points": points,
                "claims_files": [Path(p).name for p in claim_files],
                "figures": names,
            },
        )
    return table


def _figures(table: pd.DataFrame, axes: list[str], folder: Path) -> list[str]:
    from bargainsim.plots.style import safe_name, save
    from bargainsim.plots.sweep import sweep_plot

    names = []
    for claim in dict.fromkeys(table["claim"]):
        figure = sweep_plot(table, claim, axes[0])
        names.append(save(figure, folder, safe_name(f"sweep_{claim}")))
    return names


def render_sweep(batch: Path, table: pd.DataFrame, axes: list[str], figures) -> str:
    out = [
        "# Claims across a sweep",
        "",
        f"Batch `{Path(batch).name}`: every claim scored at each point separately (never "
        "pooled), each point's trends judged at its own noise floor; share with its 95 % "
        "Wilson interval.",
        "",
    ]
    for claim in dict.fromkeys(table["claim"]):
        rows = table[table["claim"] == claim]
        star = " ★" if rows["headline"].iloc[0] else ""
        out += [f"## `{claim}`{star}", ""]
        out += ["| point | scenario | " + " | ".join(axes) + " | share | 95% CI | verdict |"]
        out += ["|---:|---|" + "---:|" * len(axes) + "---:|---|---|"]
        for _, row in rows.iterrows():
            values = " | ".join(str(row[a]) for a in axes)
            out.append(
                f"| {row['point']} | `{row['scenario']}` | {values} | {row['share']:.0%} "
                f"| {row['ci_low']:.0%}–{row['ci_high']:.0%} | {row['verdict']} |"
            )
        out.append("")
        if f"sweep_{claim}" in figures:
            out += [f"![sweep_{claim}](figures/sweep_{claim}.png)", ""]
    return "\n".join(out) + "\n"
