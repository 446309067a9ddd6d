"""``bargainsim hindcast``: run a scenario's ensemble, score it against a historical
record beside the baselines (:mod:`bargainsim.compare.hindcast`), and write the tables,
a report and a fan chart per dyad."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from bargainsim import seeds as seeding
from bargainsim.compare.hindcast import load_forecasts, record_series, score_record
from bargainsim.compare.record import load_record
from bargainsim.errors import BargainsimError
from bargainsim.output import atomic_directory, write_json_atomic, write_text_atomic
from bargainsim.provenance import versions
from bargainsim.scenario.quarters import Quarter
from bargainsim.scenario.yaml_source import display_name

HINDCAST_ENTRIES = frozenset(
    {"hindcast.csv", "summary.csv", "report.md", "figures", "manifest.json"}
)


def event_dyads(scenario) -> set[frozenset]:
    """The pairs of actors an event names together (a dyad, or senders and a target)."""
    pairs = set()
    for event in scenario.events:
        dyad = getattr(event, "dyad", None)
        if dyad:
            pairs.add(frozenset(dyad))
        target = getattr(event, "target", None)
        for sender in getattr(event, "by", None) or ():
            pairs.add(frozenset((sender, target)))
    return pairs


def run_hindcast(
    scenario_path: Path,
    record_path: Path,
    out: Path,
    *,
    runs: int = 200,
    seed: int = 0,
    calibration_end: str = "2013Q4",
    forecasts_path: Path | None = None,
    overrides=(),
    figures: bool = True,
):
    from bargainsim.model.compiled import compile_scenario
    from bargainsim.model.ensemble import simulate
    from bargainsim.results import EnsembleSource
    from bargainsim.scenario import load_scenario

    scenario = load_scenario(Path(scenario_path), overrides=list(overrides))
    record = load_record(record_path, actors=set(scenario.actors))
    try:
        end = Quarter.parse(calibration_end)
    except ValueError:
        raise BargainsimError(
            f"--calibration-end: {calibration_end!r}: a quarter written YYYYQn"
        ) from None
    forecasts = load_forecasts(forecasts_path) if forecasts_path is not None else []
    run_seeds = seeding.run_seeds(seed, runs)
    source = EnsembleSource(simulate(compile_scenario(scenario), run_seeds))
    series_of = record_series(source, record)
    table, summary, band = score_record(
        series_of,
        record,
        calibration_end=end,
        event_dyads=event_dyads(scenario),
        forecasts=forecasts,
    )
    if table.empty:
        raise BargainsimError(
            f"{display_name(Path(record_path))}: no period of the record lies inside the "
            f"scenario's window {scenario.window.start}..{scenario.window.end}"
        )
    with atomic_directory(Path(out), "hindcast", HINDCAST_ENTRIES) as building:
        table.to_csv(building / "hindcast.csv", index=False)
        summary.to_csv(building / "summary.csv", index=False)
        names = _figures(series_of, record, building / "figures") if figures else []
        write_text_atomic(
            building / "report.md",
            render(scenario, record, table, summary, band, end, runs, seed, names),
        )
        write_json_atomic(
            building / "manifest.json",
            {
                "kind": "hindcast",
                "versions": versions(),
                "scenario": str(scenario_path),
                "record": str(record_path),
                "runs": runs,
                "seed": seed,
                "calibration_end": str(end),
                "band": band,
            },
        )
    return table, summary, band


def _figures(series_of: dict, record, folder: Path) -> list[str]:
    from bargainsim.plots.record import record_fan
    from bargainsim.plots.style import safe_name, save

    names = []
    for dyad, series in series_of.items():
        periods = [p for p in record.periods if p.dyad == dyad]
        figure = record_fan(series.values, series.quarters, periods, dyad)
        names.append(save(figure, folder, f"record_{safe_name(dyad)}"))
    return names


def _table(frame: pd.DataFrame) -> str:
    columns = list(frame.columns)
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in frame.itertuples(index=False):
        cells = [f"{v:.3f}" if isinstance(v, float) else str(v) for v in row]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def render(scenario, record, table, summary, band, end, runs, seed, names) -> str:
    level = summary.attrs.get("level_spearman", np.nan)
    shown = summary.assign(
        share=summary["share"].round(3),
        ci=[f"{a:.2f}–{b:.2f}" for a, b in zip(summary["ci_low"], summary["ci_high"], strict=True)],
    ).drop(columns=["ci_low", "ci_high"])
    per_period = table[
        ["dyad", "from", "to", "sample", "events", "record", "model", "median_change", "p10",
         "p90", "persistence", "trend"]
    ]  # fmt: skip
    lines = [
        f"# Hindcast: `{scenario.id}` against `{record.id}`",
        "",
        f"{runs} runs, seed {seed}. Calibration periods end by {end}; the direction band "
        f"δ = {band:.3f} was chosen on them alone (docs/history.md) and frozen for the "
        "out-of-sample periods.",
        "",
        "## Directions matched",
        "",
        _table(shown),
        "",
        f"Rank correlation of the record's levels with the simulated median level at each "
        f"period's end (Spearman, all periods): {level:.2f}.",
        "",
        "## Per dyad-period",
        "",
        _table(per_period),
        "",
    ]
    if names:
        lines += ["## Figures", ""] + [f"![{n}](figures/{n}.png)" for n in names]
    return "\n".join(lines) + "\n"
