"""Writing a comparison to its output directory, atomically (:mod:`bargainsim.output`).

Layout of ``DIR``::

    claims.csv        every claim under every scenario (share, Wilson interval, shocks)
    differences.csv   claims scored under two scenarios: shares and difference (if any)
    factors.csv       each claim with one factor removed at a time (compare --factors)
    papers_right.csv  each headline claim against the historical record (compare --record)
    sweep.csv         a sweep batch's claims, point by point (compare --batch on a sweep)
    headline.csv      the headline check
    runs.parquet      one row per claim, scenario, shock condition and run
    report.md         the scorecard, linking figures/
    figures/          PNG and SVG
    tables/<scenario>/<table>.parquet   the runs' tidy tables, for ``bargainsim plot``
    claim_index.json  each claim's observable, window and expected direction (for plots)
    manifest.json     kind "compare", versions, seeds, scenarios, claims files
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bargainsim.compare.report import render
from bargainsim.compare.results import (
    Comparison,
    claims_table,
    differences_table,
    factors_table,
    headline_table,
    papers_right_table,
)
from bargainsim.output import (
    atomic_directory,
    check_output_directory,
    write_json_atomic,
    write_parquet_atomic,
    write_text_atomic,
)

# Everything a comparison directory holds at its top level.
COMPARE_ENTRIES = frozenset(
    {
        "claims.csv",
        "differences.csv",
        "factors.csv",
        "papers_right.csv",
        "sweep.csv",
        "headline.csv",
        "runs.parquet",
        "report.md",
        "figures",
        "tables",
        "claim_index.json",
        "manifest.json",
    }
)


def check_comparison_out(out: Path, *, overwrite: bool = False) -> None:
    """Refuse, before any work, an ``out`` a comparison may not be written to."""
    check_output_directory(out, "compare", COMPARE_ENTRIES, overwrite=overwrite)


def claim_index(comparison: Comparison) -> list[dict]:
    """What a plot needs to know of each claim."""
    index, seen = [], set()
    for section in comparison.sections:
        for claim in section.claims:
            if claim.id in seen:
                continue
            seen.add(claim.id)
            index.append(
                {
                    "id": claim.id,
                    "paper": claim.paper,
                    "section": claim.section,
                    "headline": claim.headline,
                    "kind": claim.kind.name,
                    "observable": claim.observable.model_dump(),
                    "start": str(claim.start),
                    "end": str(claim.end),
                    "test": claim.test.name,
                    "direction": claim.test.direction,
                    "threshold": getattr(claim.test_params, "threshold", None),
                    "expectation": claim.expectation(),
                }
            )
    return index


def result_tables(comparison: Comparison) -> dict[str, pd.DataFrame]:
    claims = claims_table(comparison)
    return {
        "claims": claims,
        "papers_right": papers_right_table(comparison, claims),
        "differences": differences_table(comparison),
        "headline": headline_table(comparison),
        "factors": factors_table(comparison),
    }


def write_comparison(
    comparison: Comparison, out: Path, *, draw_figures=None, overwrite: bool = False, drivers=None
) -> dict:
    """Write everything; returns the result tables. ``draw_figures(comparison, tables,
    index, folder, saved_tables=...)``, if given, draws the figures into ``folder`` and
    returns their names (the caller brings the plotting; analysis does not draw).
    ``out`` is a new directory or an earlier comparison's; any other only with
    ``overwrite`` (:mod:`bargainsim.output`). ``drivers``: what carried each headline
    claim (:mod:`bargainsim.compare.drivers`), for the report."""
    from bargainsim.provenance import versions

    tables = result_tables(comparison)
    if drivers is not None:
        tables["drivers"] = drivers
    index = claim_index(comparison)
    with atomic_directory(out, "compare", COMPARE_ENTRIES, overwrite=overwrite) as building:
        tables["claims"].to_csv(building / "claims.csv", index=False)
        if len(tables["differences"]):
            tables["differences"].to_csv(building / "differences.csv", index=False)
        tables["headline"].to_csv(building / "headline.csv", index=False)
        if len(tables["factors"]):
            tables["factors"].to_csv(building / "factors.csv", index=False)
        if len(tables["papers_right"]):
            tables["papers_right"].to_csv(building / "papers_right.csv", index=False)
        runs = pd.concat([s.runs for s in comparison.scores()], ignore_index=True)
        write_parquet_atomic(building / "runs.parquet", runs)
        for score in comparison.scores():
            for name, frame in score.tables.items():
                write_parquet_atomic(building / "tables" / score.label / f"{name}.parquet", frame)
        names = []
        if draw_figures is not None:
            names = draw_figures(
                comparison, tables, index, building / "figures", saved_tables=building / "tables"
            )
        write_text_atomic(building / "report.md", render(comparison, tables, names))
        write_json_atomic(building / "claim_index.json", index)
        write_json_atomic(
            building / "manifest.json",
            {
                "kind": "compare",
                "versions": versions(),
                "runs": comparison.runs,
                "seed": comparison.seed,
                "scenarios": [
                    {
                        "label": s.label,
                        "path": s.path,
                        "shock_events": s.shock_events,
                        "seeds": [int(x) for x in s.seeds],
                    }
                    for s in comparison.scores()
                ],
                "claims_files": [str(sec.claim_set.path.name) for sec in comparison.sections],
                "figures": names,
            },
        )
    return tables
