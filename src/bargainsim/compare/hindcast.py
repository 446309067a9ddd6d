"""Scoring simulated trajectories against a historical record, beside baselines.

Pure analysis of tables (:mod:`bargainsim.results`): the runs come in as a table source.
Per dyad-period the simulated change of the dyad's composite (the mean of both sides'
views) over the period — from the state at the start of its first quarter to the end of
its last — gives a median and a 10–90 % range over runs; its direction is *up* or *down*
when the median moves by more than a band δ, else *flat*.

δ is the one thing fitted, and only on the calibration periods (those ending by the
calibration quarter): the value on a fixed grid that matches the record's directions
best there (the smallest among ties), then frozen for the later, out-of-sample periods.

Baselines, scored on the same periods: *persistence* ("flat", no change); *trend* (the
direction the record gave the same dyad's previous period; flat for its first); and each
paper's forecast over the periods its window covers.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from bargainsim.compare.intervals import wilson_interval
from bargainsim.compare.observables import OBSERVABLES
from bargainsim.compare.record import Period, Record
from bargainsim.errors import Problem, RecordError, ScenarioError
from bargainsim.results import TableSource
from bargainsim.scenario.quarters import Quarter
from bargainsim.scenario.yaml_source import display_name, format_path, load_yaml

BAND_GRID = tuple(np.round(np.arange(0.0, 0.2001, 0.005), 3))


@dataclass(frozen=True)
class Forecast:
    """A paper's expected direction for a dyad over a window."""

    paper: str
    dyad: str
    start: Quarter
    end: Quarter
    direction: str

    def covers(self, period: Period) -> bool:
        """The forecast is about the period when its window holds at least half of the
        period's quarters (record periods rarely start on a paper's date)."""
        if frozenset(self.dyad.split("-")) != period.actors:
            return False
        first = max(self.start.ordinal, period.start.ordinal)
        last = min(self.end.ordinal, period.end.ordinal)
        length = period.end.ordinal - period.start.ordinal + 1
        return last >= first and 2 * (last - first + 1) >= length


def record_series(source: TableSource, record: Record) -> dict:
    """Each record dyad's simulated composite (a Trajectory), read once for the scores
    and the figures alike."""
    kind = OBSERVABLES["cooperation"]
    return {
        dyad: kind.compute(source, kind.params(dyad=dyad, variable="composite"))
        for dyad in record.dyads()
    }


def load_forecasts(path) -> list[Forecast]:
    """The papers' forecasts as data (``scenarios/history/forecasts.yaml``):
    ``papers: {name: {window: {start, end}, dyads: {A-B: up|down|flat}}}``; every problem
    is a located :class:`~bargainsim.errors.RecordError`."""
    path = Path(path)
    name = display_name(path)
    if not path.is_file():
        raise RecordError([Problem(name, None, "(file)", str(path), "a forecasts file")])
    try:
        data, origins = load_yaml(path)
    except ScenarioError as error:
        raise RecordError(error.problems) from None
    problems: list[Problem] = []

    def problem(key, value, expected):
        problems.append(Problem(name, origins.of(key)[1], format_path(key) or "(file)", value,
                                expected))  # fmt: skip

    papers = data.get("papers") if isinstance(data, dict) else None
    if not isinstance(papers, dict) or not papers:
        raise RecordError([Problem(name, 1, "papers", papers, "a mapping of papers")])
    forecasts = []
    for paper, entry in papers.items():
        window = entry.get("window") if isinstance(entry, dict) else None
        dyads = entry.get("dyads") if isinstance(entry, dict) else None
        bounds = []
        for edge in ("start", "end"):
            text = window.get(edge) if isinstance(window, dict) else None
            try:
                bounds.append(Quarter.parse(str(text)))
            except ValueError:
                problem(("papers", paper, "window", edge), text, "a quarter written YYYYQn")
        if not isinstance(dyads, dict) or not dyads:
            problem(("papers", paper, "dyads"), dyads, "a mapping of A-B: up|down|flat")
            continue
        for dyad, direction in dyads.items():
            parts = str(dyad).split("-")
            if len(parts) != 2 or not all(parts) or parts[0] == parts[1]:
                problem(("papers", paper, "dyads", dyad), dyad, "a dyad written A-B")
            elif direction not in ("up", "down", "flat"):
                problem(("papers", paper, "dyads", dyad), direction, "up, down or flat")
            elif len(bounds) == 2:
                forecasts.append(Forecast(str(paper), dyad, *bounds, direction))
    if problems:
        raise RecordError(problems)
    return forecasts


def period_changes(series_of: dict, record: Record) -> pd.DataFrame:
    """One row per dyad-period inside the simulated quarters: the simulated change's
    median and 10–90 % range, and the median level at the period's end."""
    rows = []
    for dyad, series in series_of.items():
        labels = [str(q) for q in series.quarters]
        for period in (p for p in record.periods if p.dyad == dyad):
            before, end = str(period.start + -1), str(period.end)
            if before not in labels or end not in labels:
                continue  # outside what was simulated
            change = series.values[:, labels.index(end)] - series.values[:, labels.index(before)]
            rows.append(
                {
                    "dyad": dyad,
                    "from": str(period.start),
                    "to": end,
                    "record": period.direction,
                    "record_level": period.level,
                    "median_change": float(np.median(change)),
                    "p10": float(np.quantile(change, 0.1)),
                    "p90": float(np.quantile(change, 0.9)),
                    "median_level": float(np.median(series.values[:, labels.index(end)])),
                }
            )
    return pd.DataFrame(rows)


def direction_of(change: np.ndarray | pd.Series, band: float) -> np.ndarray:
    change = np.asarray(change, dtype=float)
    return np.where(change > band, "up", np.where(change < -band, "down", "flat"))


def calibrate_band(frame: pd.DataFrame, calibration: np.ndarray) -> float:
    """The δ of :data:`BAND_GRID` that best matches the record on the calibration rows."""
    if not calibration.any():
        return 0.05  # nothing to calibrate on: the first edition's change tolerance
    rows = frame[calibration]
    scores = [(direction_of(rows["median_change"], b) == rows["record"]).mean() for b in BAND_GRID]
    return float(BAND_GRID[int(np.argmax(scores))])


def score_record(
    series_of: dict,
    record: Record,
    *,
    calibration_end: Quarter,
    event_dyads: Iterable[frozenset],
    forecasts: Sequence[Forecast] = (),
) -> tuple[pd.DataFrame, pd.DataFrame, float]:
    """``(per dyad-period table, summary table, δ)`` from :func:`record_series`."""
    frame = period_changes(series_of, record)
    if frame.empty:
        return frame, pd.DataFrame(), float("nan")
    calibration = np.array([Quarter.parse(t) <= calibration_end for t in frame["to"]])
    band = calibrate_band(frame, calibration)
    frame["sample"] = np.where(calibration, "calibration", "out_of_sample")
    touched = {frozenset(pair) for pair in event_dyads}
    frame["events"] = [frozenset(d.split("-")) in touched for d in frame["dyad"]]
    frame["model"] = direction_of(frame["median_change"], band)
    frame["persistence"] = "flat"
    frame["trend"] = _trend(frame)
    periods = {(p.dyad, str(p.start)): p for p in record.periods}
    for paper in sorted({f.paper for f in forecasts}):
        own = [f for f in forecasts if f.paper == paper]
        frame[paper] = [
            next((f.direction for f in own if f.covers(periods[(d, s)])), None)
            for d, s in zip(frame["dyad"], frame["from"], strict=True)
        ]
    predictors = ["model", "persistence", "trend", *sorted({f.paper for f in forecasts})]
    for name in predictors:
        frame[f"{name}_match"] = np.where(
            frame[name].isna(), np.nan, (frame[name] == frame["record"]).astype(float)
        )
    return frame, summarise(frame, predictors), band


def _trend(frame: pd.DataFrame) -> list[str]:
    trend, last = [], {}
    for dyad, direction in zip(frame["dyad"], frame["record"], strict=True):
        trend.append(last.get(dyad, "flat"))
        last[dyad] = direction
    return trend


def summarise(frame: pd.DataFrame, predictors: Sequence[str]) -> pd.DataFrame:
    """Share of dyad-periods whose direction each predictor matches, with its Wilson
    interval, per sample and per group of dyads (with events, without)."""
    rows = []
    samples = {"all": frame, **{name: g for name, g in frame.groupby("sample")}}
    for sample, part in samples.items():
        groups = {"all dyads": part, "dyads with events": part[part["events"]],
                  "dyads without events": part[~part["events"]]}  # fmt: skip
        for group, rows_of in groups.items():
            for name in predictors:
                scored = rows_of[f"{name}_match"].dropna()
                if scored.empty:
                    continue
                hits, n = int(scored.sum()), len(scored)
                low, high = wilson_interval(hits, n)
                rows.append(
                    {
                        "sample": sample,
                        "dyads": group,
                        "predictor": name,
                        "periods": n,
                        "matched": hits,
                        "share": hits / n,
                        "ci_low": low,
                        "ci_high": high,
                    }
                )
    summary = pd.DataFrame(rows)
    levels = frame.dropna(subset=["record_level"])
    if len(levels) > 2:
        rho = levels["record_level"].rank().corr(levels["median_level"].rank())
        summary.attrs["level_spearman"] = float(rho)
    return summary
