"""``bargainsim runs list [DIR]`` and ``bargainsim runs show DIR``: what the run store holds.

``list`` shows every run and batch directory under DIR (default ``runs/``) with its status
and counts; ``show`` describes one batch: scenarios, sweep, seeds, runs finished and
failed, and its tables.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "runs", help="list and inspect run and batch directories", description=__doc__
    )
    commands = parser.add_subparsers(dest="runs_command", metavar="SUBCOMMAND")
    listing = commands.add_parser("list", help="runs and batches under DIR (default runs/)")
    listing.add_argument("directory", nargs="?", type=Path, default=Path("runs"))
    listing.set_defaults(func=handle_list)
    show = commands.add_parser("show", help="what one batch directory holds")
    show.add_argument("directory", type=Path)
    show.set_defaults(func=handle_show)
    parser.set_defaults(func=lambda args: parser.print_help() or 2)


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None


def batch_status(directory: Path) -> dict:
    """Status and counts of a batch from its plan, manifest and chunk markers (the markers
    are the truth: a killed batch's manifest still says "running")."""
    from bargainsim.batch.store import BatchStore, expected_chunks

    store = BatchStore(directory)
    plan = store.read_plan()
    manifest = store.read_manifest(plan)
    finished = store.finished_chunks(plan)
    total_chunks = expected_chunks(plan)
    runs = plan["runs_per_point"] * len(plan["points"])
    if len(finished) == total_chunks and manifest.get("status") == "finished":
        status = "finished"
    elif manifest.get("status") == "running":
        status = "running or killed"
    elif manifest.get("status") in ("interrupted", "stopped"):
        status = manifest["status"]
    else:
        status = "incomplete"
    return {
        "status": status,
        "runs": runs,
        "finished": sum(info["finished"] for info in finished.values()),
        "failed": sum(info["failed"] for info in finished.values()),
        "chunks": f"{len(finished)}/{total_chunks}",
        "scenarios": sorted({p["scenario"] for p in plan["points"]}),
        "points": len(plan["points"]),
        "plan": plan,
        "manifest": manifest,
    }


def describe_entry(directory: Path) -> dict | None:
    from bargainsim.errors import RunStoreError

    if (directory / "plan.json").is_file():
        try:
            info = batch_status(directory)
        except RunStoreError as error:  # one damaged batch does not hide the others
            return {
                "name": directory.name,
                "kind": "batch",
                "status": "damaged",
                "scenario": "?",
                "counts": str(error).splitlines()[0],
            }
        return {
            "name": directory.name,
            "kind": "batch",
            "status": info["status"],
            "scenario": ",".join(info["scenarios"]),
            "counts": f"{info['finished']}/{info['runs']} runs, {info['failed']} failed, "
            f"{info['points']} point(s)",
        }
    manifest = _read_json(directory / "manifest.json")
    if manifest is None:
        return None
    scenario = manifest.get("scenario", {})
    if not scenario and isinstance(manifest.get("scenarios"), list):  # a comparison's
        labels = [s.get("label", "?") for s in manifest["scenarios"] if isinstance(s, dict)]
        scenario = {"id": ",".join(labels) or "?"}
    return {
        "name": directory.name,
        "kind": manifest.get("kind", "?"),
        "status": manifest.get("status", "finished"),
        "scenario": scenario.get("id", "?") if isinstance(scenario, dict) else str(scenario),
        "counts": f"seed {manifest['seed']}" if "seed" in manifest else "",
    }


def handle_list(args: argparse.Namespace) -> int:
    from bargainsim.errors import RunStoreError

    root = args.directory
    if not root.is_dir():
        raise RunStoreError(f"{root}: no such directory")
    entries = [
        entry
        for path in sorted(root.iterdir())
        if path.is_dir()
        if (entry := describe_entry(path)) is not None
    ]
    if not entries:
        print(f"no runs or batches under {root}")
        return 0
    widths = {
        key: max(len(key), *(len(entry[key]) for entry in entries))
        for key in ("name", "kind", "status", "scenario")
    }
    header = "  ".join(key.ljust(widths[key]) for key in widths) + "  counts"
    print(header)
    for entry in entries:
        print("  ".join(entry[key].ljust(widths[key]) for key in widths) + "  " + entry["counts"])
    return 0


def handle_show(args: argparse.Namespace) -> int:
    from bargainsim.batch.store import planned_tables

    info = batch_status(args.directory)
    plan, manifest = info["plan"], info["manifest"]
    lines = [
        f"batch {args.directory}",
        f"  status     {info['status']} (chunks {info['chunks']})",
        f"  runs       {info['finished']} finished, {info['failed']} failed, of {info['runs']}"
        f" ({plan['runs_per_point']} per point)",
        f"  seed       {plan['batch_seed']} (run seeds spawned; per-run seeds in index.parquet)",
        f"  plan       {plan['plan_hash'][:16]}",
    ]
    if "error" in manifest:
        lines.append(f"  stopped by {manifest['error']}")
    if plan["overrides"]:
        lines.append(f"  --set      {' '.join(plan['overrides'])}")
    for axis in plan["sweep"]:
        values = ", ".join(f"{value:g}" for value in axis["values"])
        lines.append(f"  sweep      {axis['key']} = {values}")
    lines.append("  points")
    for point in plan["points"]:
        sweep = ", ".join(f"{key}={value:g}" for key, value in point["sweep"].items())
        lines.append(
            f"    {point['point']:>4}  {point['scenario']}  {sweep or '(no sweep)'}"
            f"  sha256 {point['sha256'][:12]}"
        )
    backend = manifest.get("backend", {})
    if backend:
        described = ", ".join(f"{key} {value}" for key, value in backend.items())
        lines.append(f"  backend    {described}")
    for session in manifest.get("timings", {}).get("sessions", []):
        if "seconds" in session:
            lines.append(
                f"  session    {session['started_at']}: {session['runs_run']} runs in "
                f"{session['seconds']:.2f} s"
            )
    tables = ", ".join(planned_tables(plan))
    lines.append(f"  tables     {tables} (bargainsim.load_batch(DIR, table=...))")
    print("\n".join(lines))
    return 0
