"""One run of a scenario, end to end: load → compile → Mesa model → tables → files.

Everything is validated before step 0, and nothing is written unless the run completes:
the output directory is built aside and renamed into place (:mod:`bargainsim.output`).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import yaml

from bargainsim.model.tables import TABLE_FILES, build_tables, parquet_bytes
from bargainsim.output import (
    atomic_directory,
    check_output_directory,
    write_bytes_atomic,
    write_json_atomic,
    write_text_atomic,
)
from bargainsim.provenance import versions

# Everything a run directory holds at its top level (figures/: ``bargainsim plot DIR``).
RUN_ENTRIES = frozenset(
    {*TABLE_FILES.values(), "manifest.json", "scenario.resolved.yaml", "figures"}
)


@dataclass
class RunOutcome:
    result: object
    tables: dict[str, pd.DataFrame]
    elapsed: float


def utc_timestamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def default_out_dir(scenario_path: Path, suffix: str = "") -> Path:
    name = f"{Path(scenario_path).stem}-{utc_timestamp()}"
    return Path("runs") / (f"{name}-{suffix}" if suffix else name)


def resolved_yaml(scenario) -> str:
    return yaml.safe_dump(scenario.resolved, sort_keys=False, allow_unicode=True)


def run_model(compiled, seed: int):
    """One run through the Mesa model, recording what moved each relation; returns its
    EnsembleResult (R = 1)."""
    from bargainsim.model.mesa_model import BargainModel

    return BargainModel(compiled, rng=seed, contributions=True).run()


def run_single(
    scenario_path: Path, *, seed: int, overrides=(), out: Path, overwrite: bool = False
) -> RunOutcome:
    """Run once and write ``out`` (a new directory or an earlier run's; any other only
    with ``overwrite``: :mod:`bargainsim.output`)."""
    from bargainsim.model.compiled import compile_scenario
    from bargainsim.scenario import load_scenario

    check_output_directory(out, "run", RUN_ENTRIES, overwrite=overwrite)
    scenario = load_scenario(scenario_path, overrides=list(overrides))
    for notice in scenario.notices:
        print(f"note: {notice}", file=sys.stderr)
    compiled = compile_scenario(scenario)
    started = time.perf_counter()
    started_at = datetime.now(UTC).isoformat(timespec="seconds")
    result = run_model(compiled, seed)
    built = build_tables(result)
    elapsed = time.perf_counter() - started
    with atomic_directory(out, "run", RUN_ENTRIES, overwrite=overwrite) as building:
        for name, table in built.items():
            write_bytes_atomic(building / TABLE_FILES[name], parquet_bytes(table))
        write_text_atomic(building / "scenario.resolved.yaml", resolved_yaml(scenario))
        write_json_atomic(
            building / "manifest.json",
            {
                "kind": "run",
                "versions": versions(),
                "seed": int(seed),
                "scenario": {
                    "id": scenario.id,
                    "path": str(scenario_path),
                    "sha256": scenario.digest,
                    "overrides": list(overrides),
                },
                "quarters": {"start": compiled.quarters[0], "end": compiled.quarters[-1]},
                "tables": {name: TABLE_FILES[name] for name in built},
                "timing": {"started_at": started_at, "simulate_seconds": round(elapsed, 4)},
            },
        )
    tables = {name: table.to_pandas() for name, table in built.items()}
    return RunOutcome(result=result, tables=tables, elapsed=time.perf_counter() - started)


def summary_table(dyads: pd.DataFrame, cooperation: pd.DataFrame, focus: str = "RUS") -> str:
    """Start vs. end cooperation per dyad of ``focus`` (every dyad if it is absent), per
    variable and composite, as aligned text."""
    first, last = cooperation["step"].min(), cooperation["step"].max()
    frame = cooperation[cooperation["step"].isin([first, last])]
    involved = (frame["actor_a"] == focus) | (frame["actor_b"] == focus)
    if involved.any():
        frame = frame[involved]
    wide = frame.pivot_table(
        index=["actor_a", "actor_b"],
        columns=["variable", "step"],
        values="cooperation",
        observed=True,
    )
    comp = dyads[dyads["step"].isin([first, last])].pivot_table(
        index=["actor_a", "actor_b"], columns="step", values="composite", observed=True
    )
    lines = [
        f"cooperation, start ({first}) -> end ({last}), -1 hostility .. +1 integration",
        f"{'dyad':<9}" + "".join(f"{v:>18}" for v in [*wide.columns.levels[0], "composite"]),
    ]
    for (a, b), row in wide.iterrows():
        cells = [f"{row[(v, first)]:+.2f} -> {row[(v, last)]:+.2f}" for v in wide.columns.levels[0]]
        cells.append(f"{comp.loc[(a, b), first]:+.2f} -> {comp.loc[(a, b), last]:+.2f}")
        lines.append(f"{a + '-' + b:<9}" + "".join(f"{c:>18}" for c in cells))
    return "\n".join(lines)
