"""Scenario discovery over a finished sensitivity study: for each claim, the PRIM box of
the inputs in which it holds (:mod:`bargainsim.sensitivity.discovery`), written as
``DIR/discovery.csv`` (the box's limits), ``DIR/trajectories.csv`` (the peeling
trade-off), ``DIR/report.md`` and a figure per claim."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from bargainsim.errors import BargainsimError
from bargainsim.output import atomic_directory, check_output_directory, write_text_atomic
from bargainsim.sensitivity.discovery import MIN_COVERAGE, discover

KIND = "discovery"
ENTRIES = frozenset({"discovery.csv", "trajectories.csv", "report.md", "figures", "manifest.json"})


def run_discovery(study: Path, out: Path, *, claims=(), min_coverage=MIN_COVERAGE, figures=True):
    """PRIM boxes for ``claims`` (default: every claim of the study); returns the limits."""
    study, out = Path(study), Path(out)
    try:
        manifest = json.loads((study / "manifest.json").read_text("utf-8"))
    except (OSError, ValueError):
        manifest = {}
    if manifest.get("kind") != "sensitivity" or manifest.get("status") != "finished":
        raise BargainsimError(f"{study} is not a finished `bargainsim sensitivity` output")
    check_output_directory(out, KIND, ENTRIES)
    design = pd.read_csv(study / "design.csv")
    runs = pd.read_parquet(study / "runs.parquet")
    names = list(manifest["inputs"])
    known = list(dict.fromkeys(runs["claim"].astype(str)))
    chosen = list(claims) or known
    unknown = [c for c in chosen if c not in known]
    if unknown:
        raise BargainsimError(
            f"--claim {unknown[0]!r}: not a claim of {study} ({', '.join(known)})"
        )
    values = design.set_index("point")[names]
    limits, trajectories, lines, found = [], [], [], {}
    for claim in chosen:
        mine = runs[runs["claim"].astype(str) == claim]
        cases = values.loc[mine["point"].to_numpy()].reset_index(drop=True)
        result = discover(cases, mine["consistent"].to_numpy(), min_coverage=min_coverage)
        found[claim] = result
        limits.append(result.limits.assign(claim=claim))
        trajectories.append(result.trajectory.assign(claim=claim))
        lines += _section(claim, result)
    with atomic_directory(out, KIND, ENTRIES) as building:
        table = pd.concat(limits, ignore_index=True)
        table.to_csv(building / "discovery.csv", index=False)
        pd.concat(trajectories, ignore_index=True).to_csv(
            building / "trajectories.csv", index=False
        )
        if figures:
            _draw(found, values, building / "figures")
        header = [
            f"# When does each claim hold: {manifest['scenario_id']}",
            "",
            f"PRIM (EMA workbench) over the {manifest['runs']:,} runs of `{study}` "
            f"({manifest['method']} design), each run with its point's input values; the box "
            f"reported is the densest with coverage at least {min_coverage:g}.",
            "",
        ]
        write_text_atomic(building / "report.md", "\n".join(header + lines))
        write_text_atomic(
            building / "manifest.json",
            json.dumps({"kind": KIND, "study": str(study), "claims": chosen}, indent=2),
        )
    return table


def _section(claim: str, result) -> list[str]:
    lines = [f"## {claim}", "", f"Holds in {100 * result.base_rate:.1f} % of all runs."]
    if result.box is None:
        return [*lines, "No box: the claim holds in every run or in none.", ""]
    box = result.box
    lines += [
        f"Box: coverage {box['coverage']:.2f}, density {box['density']:.2f}, mass "
        f"{box['mass']:.2f}.",
        "",
        "| input | low | high |",
        "|---|---:|---:|",
    ]
    restricted = result.limits[result.limits["restricted"]]
    lines += [f"| `{r.input}` | {r.low:.4g} | {r.high:.4g} |" for r in restricted.itertuples()]
    if restricted.empty:
        lines.append("| (no input restricted) | | |")
    return [*lines, "", f"![{claim}](figures/prim_{_stem(claim)}.png)", ""]


def _stem(claim: str) -> str:
    from bargainsim.plots.style import safe_name

    return safe_name(claim)


def _draw(found: dict, values: pd.DataFrame, directory: Path) -> None:
    from bargainsim.plots.sensitivity import prim_plot
    from bargainsim.plots.style import save

    ranges = pd.DataFrame({"low_range": values.min(), "high_range": values.max()})
    for claim, result in found.items():
        if result.box is None:
            continue
        limits = result.limits.merge(ranges, left_on="input", right_index=True)
        figure = prim_plot(result.trajectory, result.chosen, limits, f"{claim}: where it holds")
        save(figure, directory, f"prim_{_stem(claim)}")
