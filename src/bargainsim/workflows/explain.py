"""``bargainsim explain``: what moved a relation, from a run or a batch that recorded the
contributions (``bargainsim run`` always does)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bargainsim.compare.explain import explain_frame
from bargainsim.errors import RunStoreError
from bargainsim.results import batch_source, load_run


def _tables(path: Path, point: int | None):
    path = Path(path)
    if (path / "trajectories.parquet").is_file():
        if not (path / "contributions.parquet").is_file():
            raise RunStoreError(f"{path}: the run holds no contributions table")
        return load_run(path, "contributions"), load_run(path, "events")
    source = batch_source(path, point)
    try:
        return source("contributions"), source("events")
    except (RunStoreError, FileNotFoundError):
        raise RunStoreError(
            f"{path}: not a run, or a batch without contributions (run the batch with them)"
        ) from None


def explain(path, dyad: str, *, variable=None, start=None, end=None, point=None) -> pd.DataFrame:
    """The decomposition of ``A-B`` (A toward B) as a tidy frame: per quarter and in total
    (``quarter == "total"``), each term's median part of the change and its 10–90 % range
    over runs (docs/model.md §8.3)."""
    contributions, _ = _tables(Path(path), point)
    return explain_frame(contributions, dyad, variable=variable, start=start, end=end)


def write_explanation(path, dyad: str, out: Path, **choices) -> pd.DataFrame:
    from bargainsim.output import atomic_directory, write_json_atomic
    from bargainsim.plots.explain import contribution_chart
    from bargainsim.plots.style import safe_name, save
    from bargainsim.provenance import versions

    contributions, events = _tables(Path(path), choices.get("point"))
    frame = explain_frame(
        contributions,
        dyad,
        variable=choices.get("variable"),
        start=choices.get("start"),
        end=choices.get("end"),
    )
    fired = sorted(set(events["quarter"].astype(str))) if len(events) else []
    name = f"explain_{safe_name(dyad)}"
    owns = {"explain.csv", "manifest.json", f"{name}.png", f"{name}.svg"}
    with atomic_directory(Path(out), "explain", owns) as building:
        frame.to_csv(building / "explain.csv", index=False)
        save(contribution_chart(frame, dyad, fired), building, name)
        write_json_atomic(
            building / "manifest.json",
            {"kind": "explain", "versions": versions(), "source": str(path), "dyad": dyad,
             **{key: value for key, value in choices.items() if value is not None}},
        )  # fmt: skip
    return frame
