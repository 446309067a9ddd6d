"""A sensitivity study end to end: sample the inputs, run the design through the batch
engine, score the claims point by point, compute the indices, write the report.

``DIR/batch/`` is an ordinary batch (resumable: the same command again runs only what is
missing, then analyses); everything else in ``DIR`` is written at once at the end::

    design.csv        one row per point: each input's value and its unit coordinate
    points.csv        per claim and point: runs, share consistent (Wilson interval), mean
                      change of the observable, half-difference (noise floor) outputs
    runs.parquet      per claim and run: point, consistent, change (for discover)
    sensitivity.csv   per claim, output and input: the indices and their intervals,
                      the rank, above_noise, and the noise's share
    report.md         the inputs ranked for each claim, with the figures
    figures/          one per claim
    manifest.json     kind "sensitivity": method, seeds, inputs, claims, versions
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from pathlib import Path

import pandas as pd

from bargainsim.compare.claims import load_claims
from bargainsim.compare.pipeline import all_claims
from bargainsim.compare.scoring import cached_tables, score_claims
from bargainsim.compare.sweep import point_shares
from bargainsim.output import (
    atomic_directory,
    check_output_directory,
    write_json_atomic,
    write_parquet_atomic,
    write_text_atomic,
)
from bargainsim.provenance import versions
from bargainsim.results import load_batch
from bargainsim.sensitivity.analysis import NOISE, noise_share, rank_inputs, with_noise_floor
from bargainsim.sensitivity.design import sample_design
from bargainsim.sensitivity.inputs import check_against, edits_for, load_inputs
from bargainsim.sensitivity.report import render_report

KIND = "sensitivity"
BATCH_DIR = "batch"
ENTRIES = frozenset(
    {
        "design.csv",
        "points.csv",
        "runs.parquet",
        "sensitivity.csv",
        "report.md",
        "figures",
        "manifest.json",
    }
)
OUTPUTS = {"share": "share of runs consistent", "change": "mean change of the observable"}
# Points scored together: about a thousand runs' tables in memory at once.
SCORE_RUNS = 1000


def run_sensitivity(
    scenario: Path,
    inputs_file: Path,
    claim_files: Sequence[Path],
    out: Path,
    *,
    method: str = "morris",
    base: int = 20,
    replicates: int = 50,
    seed: int = 0,
    overrides: Sequence[str] = (),
    executor=None,
    figures: bool = True,
    overwrite: bool = False,
    progress_stream=None,
):
    """Run the study; returns ``(summary of the batch, sensitivity table)``. Every input is
    checked (inputs file, claims, the scenario at each input's ends, ``out``) before
    anything runs."""
    from bargainsim.batch.engine import run_batch
    from bargainsim.batch.executors import InProcessExecutor
    from bargainsim.batch.plan import build_plan

    out = Path(out)
    check_output_directory(out, KIND, ENTRIES, overwrite=overwrite)
    inputs = load_inputs(inputs_file)
    claim_sets = [load_claims(path) for path in claim_files]
    claims = all_claims(claim_sets)
    base_resolved = check_against(inputs, scenario, overrides)
    design = sample_design(method, inputs.names, base, seed)
    entries = []
    for row in design.unit:
        values = inputs.values_at(row)
        entries.append((values, edits_for(values, inputs, base_resolved)))
    plan, scenarios = build_plan(
        [scenario], runs=replicates, seed=seed, overrides=overrides, design=entries
    )
    _mark_running(out)
    executor = executor or InProcessExecutor()
    summary = run_batch(plan, scenarios, out / BATCH_DIR, executor, progress_stream=progress_stream)

    runs = score_design(
        out / BATCH_DIR, claims, plan.n_runs, replicates, plan.points[0].scenario_id
    )
    shares = point_shares(runs, replicates)
    table = sensitivity_table(design, shares, runs, claims, replicates)
    design_frame = design_table(design, [values for values, _ in entries])
    manifest = {
        "kind": KIND,
        "status": "finished",
        "versions": versions(),
        "scenario": str(scenario),
        "scenario_id": plan.points[0].scenario_id,
        "inputs_file": str(inputs_file),
        "inputs": {item.key: item.describe() for item in inputs.inputs},
        "claims_files": [str(path) for path in claim_files],
        "method": method,
        "base": base,
        "points": design.n_points,
        "replicates": replicates,
        "runs": plan.n_runs,
        "failed_runs": summary.failed,
        "seed": seed,
        "overrides": list(overrides),
        "batch": BATCH_DIR,
        "plan_hash": plan.plan_hash(),
    }
    with atomic_directory(out, KIND, ENTRIES, overwrite=overwrite) as building:
        design_frame.to_csv(building / "design.csv", index=False)
        shares.to_csv(building / "points.csv", index=False)
        write_parquet_atomic(building / "runs.parquet", runs)
        table.to_csv(building / "sensitivity.csv", index=False)
        drawn = draw_figures(table, claims, method, building / "figures") if figures else {}
        write_text_atomic(building / "report.md", render_report(manifest, table, claims, drawn))
        write_json_atomic(building / "manifest.json", manifest)
    return summary, table


def _mark_running(out: Path) -> None:
    """A manifest saying a study is under way, so that the batch inside ``out`` is known as
    part of it (and a rerun resumes it) before the analysis is written."""
    manifest = out / "manifest.json"
    if not manifest.exists():
        write_json_atomic(manifest, {"kind": KIND, "status": "running", "batch": BATCH_DIR})


def score_design(batch_dir: Path, claims, n_runs: int, replicates: int, label: str):
    """Every claim in every run of the batch, read a block of points at a time (the batch
    is never pooled into one table): claim, run, point, consistent, change."""
    n_points = n_runs // replicates
    per_block = max(1, SCORE_RUNS // replicates)
    frames = []
    for first in range(0, n_points, per_block):
        block = list(range(first, min(n_points, first + per_block)))
        source = cached_tables(partial(load_batch, batch_dir, points=block))
        scored = score_claims(claims, source, label, groups=lambda runs: runs // replicates)[0]
        frames.append(scored[["claim", "run", "consistent", "change"]])
    runs = pd.concat(frames, ignore_index=True)
    runs["point"] = runs["run"] // replicates
    return runs[["claim", "point", "run", "consistent", "change"]]


def design_table(design, values: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(values, columns=list(design.names))
    unit = pd.DataFrame(design.unit, columns=[f"unit:{name}" for name in design.names])
    return pd.concat([pd.DataFrame({"point": range(design.n_points)}), frame, unit], axis=1)


def sensitivity_table(design, shares, runs, claims, replicates: int) -> pd.DataFrame:
    """Per claim and output (share, change): the ranked indices of every input and the
    noise floor, with the noise's share of the variance."""
    frames = []
    for claim in claims:
        mine = shares[shares["claim"] == claim.id].sort_values("point")
        if len(mine) != design.n_points:  # a point whose runs all failed
            mine = mine.set_index("point").reindex(range(design.n_points)).reset_index()
        claim_runs = runs[runs["claim"] == claim.id]
        for output, column, run_column in (
            ("share", "share", "consistent"),
            ("change", "mean_change", "change"),
        ):
            found = with_noise_floor(
                design, mine[column].to_numpy(), mine[f"half_difference_{output}"].to_numpy()
            )
            ranked = rank_inputs(found, design.method)
            shares_of_noise = noise_share(
                claim_runs[run_column].astype(float), claim_runs["point"], replicates
            )
            frames.append(
                ranked.assign(
                    claim=claim.id,
                    headline=bool(claim.headline),
                    output=output,
                    method=design.method,
                    **shares_of_noise,
                )
            )
    table = pd.concat(frames, ignore_index=True)
    front = ["claim", "headline", "output", "method", "input", "rank"]
    return table[front + [c for c in table.columns if c not in front]]


def draw_figures(table: pd.DataFrame, claims, method: str, directory: Path) -> dict[str, str]:
    """One figure per claim (both outputs side by side); returns claim id -> file stem."""
    from bargainsim.plots.sensitivity import indices_plot
    from bargainsim.plots.style import safe_name, save

    drawn = {}
    for claim in claims:
        mine = table[table["claim"] == claim.id]
        panels = {
            OUTPUTS[output]: mine[mine["output"] == output].sort_values("rank", na_position="last")
            for output in OUTPUTS
        }
        title = f"{claim.id}: which inputs decide it ({method})"
        figure = indices_plot(panels, method, NOISE, title)
        drawn[claim.id] = save(figure, directory, f"sensitivity_{safe_name(claim.id)}")
    return drawn
