"""The figures a comparison report links (drawn for :mod:`bargainsim.compare.outputs`): a
scorecard per claims file, the counterfactual difference, fan charts of the dyads the
claims name (with their windows), the issues they name, the dyad heatmap and the alignment
network at the window's start, middle and end."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from bargainsim.plots.counterfactual import difference_plot, scorecard_plot
from bargainsim.plots.fan import fan_chart
from bargainsim.plots.headline import Panel, Series, factor_effects_plot, headline_fans
from bargainsim.plots.heatmap import default_quarters, difference_heatmap, dyad_heatmap
from bargainsim.plots.issues import issue_trajectories
from bargainsim.plots.network import alignment_network
from bargainsim.plots.style import safe_name, save
from bargainsim.results.sources import in_order, present


def claim_dyads(index: list[dict]) -> list[str]:
    dyads = []
    for claim in index:
        obs = claim["observable"]
        if claim["kind"] == "cooperation":
            dyads.append(obs["dyad"])
    seen, unique = set(), []
    for dyad in dyads:
        key = frozenset(dyad.split("-"))
        if key not in seen:
            seen.add(key)
            unique.append(dyad)
    return unique


def claim_issues(index: list[dict]) -> list[str]:
    names = []
    for claim in index:
        obs = claim["observable"]
        for issue in [obs.get("issue"), *(obs.get("issues") or [])]:
            if issue and issue not in names:
                names.append(issue)
    return names


def scenario_figures(tables, label: str, index: list[dict], out: Path, quarters=None) -> list:
    """Fan charts, issues, heatmap and network for one scenario's tables."""
    names = []
    for dyad in claim_dyads(index):
        try:
            figure = fan_chart(tables, dyad, claims=index, title=f"{label}: cooperation {dyad}")
        except KeyError:
            continue
        names.append(save(figure, out, safe_name(f"fan_{label}_{dyad}")))
    issues = [i for i in claim_issues(index) if i in present(tables["issues"]["issue"])]
    if issues:
        figure = issue_trajectories(
            tables["issues"],
            tables["issue_status"],
            issues,
            title=f"{label}: positions on the claims' issues",
        )
        names.append(save(figure, out, safe_name(f"issues_{label}")))
    quarters = quarters or default_quarters(tables)
    names.append(
        save(
            dyad_heatmap(tables, quarters, title=f"{label}: median cooperation"),
            out,
            safe_name(f"heatmap_{label}"),
        )
    )
    simulated = in_order(tables["postures"]["quarter"])[1:]
    chosen = list(dict.fromkeys([simulated[0], simulated[len(simulated) // 2], simulated[-1]]))
    names.append(
        save(
            alignment_network(
                tables["postures"], chosen, title=f"{label}: modal postures across runs"
            ),
            out,
            safe_name(f"network_{label}"),
        )
    )
    return names


def comparison_figures(
    comparison, tables, index: list[dict], out: Path, saved_tables: Path | None = None
) -> list[str]:
    """Every figure of a comparison into ``out``; returns their names in report order.

    With ``saved_tables`` (the ``tables/`` folder already written) and more than one CPU,
    every other scenario's figures are drawn by a second process that reads its tables
    from there, while this one draws the rest: the figures are the same either way."""
    out = Path(out)
    names: list[str] = []
    jobs = []
    done = set()
    for section in comparison.sections:
        picked = [c for c in index if c["id"] in {cl.id for cl in section.claims}]
        for score in (section.base, section.versus):
            if score is None or score.label in done or "cooperation" not in score.tables:
                continue
            done.add(score.label)
            jobs.append((score.label, picked, score.tables))
    helper = _helper_jobs(jobs, saved_tables)
    drawn: dict[int, list[str]] = {}
    with _pool(helper) as pool:
        futures = {
            k: pool.submit(_draw_saved, str(saved_tables), jobs[k][0], jobs[k][1], str(out))
            for k in helper
        }
        names += _result_figures(comparison, tables, out)
        for k, (label, picked, frames) in enumerate(jobs):
            if k not in helper:
                drawn[k] = scenario_figures(frames, label, picked, out)
        for k, future in futures.items():
            drawn[k] = future.result()
    for k in range(len(jobs)):
        names += drawn[k]
    return names


def _result_figures(comparison, tables, out: Path) -> list[str]:
    """The scorecard and counterfactual difference of each claims file."""
    names = []
    claims = tables["claims"]
    for section in comparison.sections:
        ids = [c.id for c in section.claims]
        rows = claims[claims["claim"].isin(ids)]
        short = safe_name(section.claim_set.path.stem)
        names.append(
            save(
                scorecard_plot(
                    rows,
                    title=f"Claims of {short}: share of runs consistent (★ headline; dotted: 80 %)",
                ),
                out,
                f"scorecard_{short}",
            )
        )
        panels = headline_panels(section, claims)
        if panels:
            names.append(save(headline_fans(panels), out, f"headline_{short}"))
        names += _difference_map(section, out, short)
        diffs = tables["differences"]
        if len(diffs):
            pick = diffs[diffs["claim"].isin(ids)]
            if len(pick):
                names.append(save(difference_plot(pick), out, f"difference_{short}"))
        factors = tables.get("factors")
        if factors is not None and len(factors):
            pick = factors[factors["claim"].isin(ids) & factors["headline"]]
            if len(pick):
                names.append(save(factor_effects_plot(pick), out, f"factors_{short}"))
    return names


def _difference_map(section, out: Path, short: str) -> list[str]:
    """Base minus counterfactual, median cooperation at the window's end (if both ran)."""
    base, other = section.base, section.versus
    if other is None or "cooperation" not in base.tables or "cooperation" not in other.tables:
        return []
    last = default_quarters(base.tables)[-1]
    try:
        figure = difference_heatmap(base.tables, other.tables, last, (base.label, other.label))
    except KeyError:
        return []
    return [save(figure, out, f"difference_map_{short}")]


def headline_panels(section, claims) -> list[Panel]:
    """A panel per headline claim: its observable under the base and the counterfactual."""
    from bargainsim.compare.scoring import claim_trajectory

    panels = []
    for claim in section.claims:
        if not claim.headline:
            continue
        series = []
        for score, role in ((section.base, "base"), (section.versus, "versus")):
            if score is None or "cooperation" not in score.tables:
                continue
            trajectory = claim_trajectory(claim, score.tables.__getitem__)
            row = claims[
                (claims["claim"] == claim.id)
                & (claims["scenario"] == score.label)
                & (claims["role"] == role)
            ].iloc[0]
            series.append(
                Series(
                    score.label,
                    trajectory.values,
                    [str(q) for q in trajectory.quarters],
                    float(row["share"]),
                    str(row["verdict"]),
                )
            )
        if series:
            panels.append(
                Panel(
                    claim.id,
                    claim.observable_label(),
                    claim.kind.unit,
                    str(claim.start),
                    str(claim.end),
                    series,
                )
            )
    return panels


def _helper_jobs(jobs, saved_tables) -> set[int]:
    """Which scenario jobs a second process draws (none on one CPU or without saved
    tables for each of them)."""
    if saved_tables is None or len(jobs) < 2 or (os.cpu_count() or 1) < 2:
        return set()
    chosen = set(range(1, len(jobs), 2))
    if not all((Path(saved_tables) / jobs[k][0] / "cooperation.parquet").is_file() for k in chosen):
        return set()
    return chosen


@contextlib.contextmanager
def _pool(helper: set[int]):
    if not helper:
        yield None
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
        yield pool


def _draw_saved(saved_tables: str, label: str, picked: list[dict], out: str) -> list[str]:
    """A scenario's figures from the tables saved under ``saved_tables/label``."""
    import pandas as pd

    folder = Path(saved_tables) / label
    tables = {path.stem: pd.read_parquet(path) for path in sorted(folder.glob("*.parquet"))}
    return scenario_figures(tables, label, picked, Path(out))
