"""Reading what ``bargainsim plot`` draws from: a run directory (``bargainsim run``), a
batch directory (``bargainsim batch``) or a comparison directory (``bargainsim compare``).
Returns {label: tables} and, for a comparison, its claim index and result tables."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from bargainsim.errors import BargainsimError, RunStoreError
from bargainsim.results import chosen_point, load_batch, load_run

TABLES = ("cooperation", "dyads", "postures", "issues", "issue_status")


@dataclass
class PlotSource:
    kind: str
    scenarios: dict[str, dict[str, pd.DataFrame]]
    claims: list[dict] = field(default_factory=list)
    results: dict[str, pd.DataFrame] = field(default_factory=dict)


def _manifest(directory: Path) -> dict:
    path = directory / "manifest.json"
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text("utf-8"))
    except json.JSONDecodeError as error:
        raise RunStoreError(f"{path}: unreadable manifest ({error})") from None


def load_source(directory, point: int | None = None) -> PlotSource:
    """What ``directory`` holds to draw. A batch of several points (scenarios or sweep
    values) is drawn one point at a time (``point``): pooling them would mix parameter
    values into one fan."""
    directory = Path(directory)
    if not directory.is_dir():
        raise RunStoreError(f"no such directory: {directory}")
    manifest = _manifest(directory)
    kind = manifest.get("kind")
    if kind == "compare" or (directory / "claims.csv").is_file():
        return _compare(directory)
    if kind == "run" or (directory / "trajectories.parquet").is_file():
        tables = {name: load_run(directory, name) for name in TABLES}
        return PlotSource("run", {manifest.get("scenario", {}).get("id", directory.name): tables})
    if point is not None and kind not in (None, "batch"):
        raise BargainsimError(f"--point K goes with a batch directory; {directory} is a {kind}")
    try:
        chosen = chosen_point(
            directory,
            point,
            pooled="draw one at a time with --point K (pooling them would mix parameter "
            "values), or compare them with `bargainsim compare --batch DIR --claims FILE`",
        )
        selected = None if chosen is None else [chosen["point"]]
        tables = {name: load_batch(directory, table=name, points=selected) for name in TABLES}
    except (ImportError, TypeError, FileNotFoundError, RunStoreError) as error:
        raise RunStoreError(
            f"{directory}: not a run, batch or compare directory ({error})"
        ) from None
    label = chosen["scenario"] if chosen is not None else directory.name
    sweep = (chosen or {}).get("sweep") or {}
    if sweep:
        label += " " + " ".join(f"{key}={value}" for key, value in sweep.items())
    return PlotSource("batch", {label: tables})


def _compare(directory: Path) -> PlotSource:
    scenarios = {}
    for folder in sorted((directory / "tables").glob("*")):
        if folder.is_dir():
            scenarios[folder.name] = {
                name: pd.read_parquet(folder / f"{name}.parquet")
                for name in TABLES
                if (folder / f"{name}.parquet").is_file()
            }
    if not scenarios:
        raise RunStoreError(f"{directory}: comparison without tables/")
    index_path = directory / "claim_index.json"
    claims = json.loads(index_path.read_text("utf-8")) if index_path.is_file() else []
    results = {}
    for name in ("claims", "differences"):
        path = directory / f"{name}.csv"
        if path.is_file():
            results[name] = pd.read_csv(path)
    return PlotSource("compare", scenarios, claims, results)
