"""How the vectorised ensemble scales with the size of the world: a synthetic scenario of
30 actors, 20 issues and 48 quarters at 1,000 runs, and the cost of one quarter as the
number of actors grows.

The scenario is generated from a fixed seed and written as ordinary YAML (actor files,
issue files, a scenario file) to a temporary directory, then read by the normal loader,
so validation, compilation and the start-state search are those a user's scenario gets.
Each actor is a party to about half the issues, with saliences totalling 40-85; six
institutions, interdependence on a fifth of the dyads, and five events of the types the
shipped scenarios use: a position shift, an institution joined and a salience change on
fixed quarters, and, with a probability per quarter (0.1 and 0.3), a position shift and
an interdependence change, so that runs differ as they do in the shipped scenarios (the
bargaining turn is played once per distinct stance, as there). No sanctions, so that the
same files run on models without them.

Part 1 runs 1,000 runs through ``bargainsim.model.ensemble.simulate`` in chunks of 250
(the batch's chunk size) in a fresh subprocess and reports its time and peak resident
memory (``ru_maxrss``): the history of one chunk is held at once, as in a batch worker.
It then runs the same 1,000 runs as ``bargainsim batch`` (all tables written as Parquet)
and reports the whole command's wall time and peak memory (:mod:`process_peak`). Part 2
times ``advance_quarter`` alone (no history recording) at 250 runs for N = 6, 10, 15, 20,
30 actors with the issues fixed at 20, best of ``--repeats``, with the SMP bargaining
turn's share, and fits the growth exponent k of time ∝ N^k by least squares on the
logarithms, for the whole quarter and without the bargaining turn.

    python benchmarks/bench_scaling.py             # 2 to 4 minutes on 2 cores
    python benchmarks/bench_scaling.py --quick     # part 2 only, 2 repeats
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import process_peak

SEED = 20261202
VARIABLES = ("military", "geopolitics", "economics", "domestic")
REGIMES = ("democracy", "hybrid", "autocracy")
START, END = "2012Q1", "2023Q4"  # 48 quarters
CHUNK_RUNS = 250
ACTOR_SCALING = (6, 10, 15, 20, 30)


def actor_id(k: int) -> str:
    return f"A{k:02d}"


def write_scenario(root: Path, n_actors: int, n_issues: int, seed: int = SEED) -> Path:
    """Actor, issue and scenario files of a synthetic world under ``root``; returns the
    scenario file. The same arguments give the same files."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, n_actors, n_issues]))
    actors = [actor_id(k) for k in range(n_actors)]
    (root / "actors").mkdir(parents=True, exist_ok=True)
    (root / "issues").mkdir(parents=True, exist_ok=True)

    for a in actors:
        gdp = float(np.round(np.exp(rng.uniform(np.log(20), np.log(20000))), 1))
        military = float(np.round(gdp * rng.uniform(0.005, 0.05), 2))
        # Whole percentages summing to 100, so the weights sum to 1 exactly enough.
        cuts = np.sort(rng.choice(np.arange(1, 100), size=3, replace=False))
        percent = np.diff(np.concatenate([[0], cuts, [100]]))
        proximity = {
            b: float(np.round(rng.uniform(0.1, 1.0), 2))
            for b in actors
            if b != a and rng.random() < 0.3
        }
        text = [
            f"id: {a}",
            f"name: Synthetic state {a}",
            "capabilities:",
            "  sources: {gdp_usd_bn: synthetic, military_usd_bn: synthetic, nuclear: synthetic}",
            "  by_year:",
            f"    2012: {{gdp_usd_bn: {gdp}, military_usd_bn: {military}, "
            f"nuclear: {str(bool(rng.random() < 0.2)).lower()}}}",
            f"  annual_growth: {{gdp_usd_bn: {rng.uniform(-0.01, 0.08):.3f}, "
            f"military_usd_bn: {rng.uniform(-0.02, 0.08):.3f}}}",
            "preferences: {"
            + ", ".join(f"{v}: {p / 100:.2f}" for v, p in zip(VARIABLES, percent, strict=True))
            + "}",
            "traits:",
            f"  rationality: {rng.uniform(1.0, 3.0):.2f}",
            f"  inertia: {rng.uniform(0.6, 0.9):.2f}",
            f"  regime: {REGIMES[rng.integers(3)]}",
            "  proximity: {" + ", ".join(f"{b}: {p}" for b, p in proximity.items()) + "}",
        ]
        (root / "actors" / f"{a}.yaml").write_text("\n".join(text) + "\n", "utf-8")

    issues = [f"issue_{d:02d}" for d in range(n_issues)]
    party = rng.random((n_actors, n_issues)) < 0.5
    party[np.arange(n_actors), rng.integers(n_issues, size=n_actors)] = True
    party[rng.integers(n_actors, size=n_issues), np.arange(n_issues)] = True
    budget = rng.uniform(40, 85, n_actors)
    raw = rng.uniform(0.2, 1.0, (n_actors, n_issues)) * party
    # Whole saliences, rounded down, at least 1 where a party: each actor's total stays
    # below its budget plus its number of issues, at most 85 + 20 ones, in practice < 100.
    salience = np.floor(raw / raw.sum(axis=1, keepdims=True) * budget[:, None])
    salience = np.where(party, np.maximum(salience, 1.0), 0.0)
    position = rng.integers(0, 101, (n_actors, n_issues))
    for d, issue in enumerate(issues):
        text = [
            f"id: {issue}",
            f"name: Synthetic issue {d}",
            f"variable: {VARIABLES[d % 4]}",
            "scale: {0: one end, 100: the other end}",
            "source: synthetic",
            "positions:",
        ]
        text += [
            f"  {a}: {{position: {int(position[k, d])}, salience: {int(salience[k, d])}}}"
            for k, a in enumerate(actors)
            if party[k, d] and salience[k, d] > 0
        ]
        (root / "issues" / f"{issue}.yaml").write_text("\n".join(text) + "\n", "utf-8")

    lines = [
        f"id: synthetic_{n_actors}x{n_issues}",
        f'title: "Synthetic world, {n_actors} actors and {n_issues} issues"',
        "source: synthetic",
        "extends: null",
        f"window: {{start: {START}, end: {END}}}",
        f"actors: [{', '.join(actors)}]",
        f"issues: [{', '.join(issues)}]",
        "institutions:",
    ]
    outsiders = []
    for k in range(6):
        members = [a for a in actors if rng.random() < 0.25]
        outsiders = outsiders or [a for a in actors if a not in members]
        covers = [v for v in VARIABLES if rng.random() < 0.4] or [VARIABLES[k % 4]]
        lines += [
            f"  INST{k}:",
            f"    name: Synthetic institution {k}",
            f"    variables: [{', '.join(covers)}]",
            f"    members: [{', '.join(members)}]",
            "    source: synthetic",
        ]
    lines.append("interdependence:")
    for i in range(n_actors):
        for j in range(i + 1, n_actors):
            if rng.random() < 0.2:
                value = rng.uniform(0.02, 0.6)
                lines.append(
                    f"  {actors[i]}-{actors[j]}: {{value: {value:.2f}, source: synthetic}}"
                )
    first, second, third = actors[0], actors[1], actors[2]

    def stake_of(k: int) -> str:
        return issues[int(np.flatnonzero(salience[k] > 0)[0])]

    outsider = outsiders[-1]  # not yet a member of INST0
    dyad = f"{second}-{third}"
    lines += [
        "events:",
        f"  - {{id: shift, type: position_shift, source: synthetic, quarter: 2013Q1, "
        f"actor: {first}, issue: {stake_of(0)}, delta: 20}}",
        f"  - {{id: join, type: institution_join, source: synthetic, quarter: 2014Q2, "
        f"actor: {outsider}, institution: INST0}}",
        f"  - {{id: care, type: salience_change, source: synthetic, quarter: 2015Q1, "
        f"actor: {third}, issue: {stake_of(2)}, delta: 5}}",
        f"  - {{id: drift, type: position_shift, source: synthetic, "
        f"when: {{cooperation_above: -0.9, dyad: {dyad}, variable: composite}}, "
        f"probability: 0.1, once: true, actor: {second}, issue: {stake_of(1)}, delta: -15}}",
        f"  - {{id: trade, type: interdependence_change, source: synthetic, "
        f"when: {{cooperation_above: -0.9, dyad: {dyad}, variable: economics}}, "
        f"probability: 0.3, once: true, dyad: {dyad}, delta: 0.2}}",
    ]
    path = root / f"synthetic_{n_actors}x{n_issues}.yaml"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def load(path: Path):
    from bargainsim.model.compiled import compile_scenario
    from bargainsim.scenario import load_scenario

    return compile_scenario(load_scenario(path))


CHILD = """
import json, resource, sys, time
started = time.perf_counter()
sys.path.insert(0, sys.argv[1])
import bench_scaling
from bargainsim.model.ensemble import simulate
compiled = bench_scaling.load(sys.argv[2])
loaded = time.perf_counter()
runs, chunk = int(sys.argv[3]), int(sys.argv[4])
chunks = []
for first in range(0, runs, chunk):
    t = time.perf_counter()
    result = simulate(compiled, range(first, min(first + chunk, runs)))
    chunks.append(time.perf_counter() - t)
    del result
print(json.dumps({
    "load": loaded - started,
    "chunks": chunks,
    "peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
}))
"""


def ensemble_in_chunks(scenario: Path, runs: int, chunk: int) -> dict:
    """Load, compile and simulate ``runs`` runs in chunks in a fresh process: seconds for
    loading (with the start-state search) and each chunk, and the process's peak RSS."""
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHILD,
            str(Path(__file__).parent),
            str(scenario),
            str(runs),
            str(chunk),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def batch_command(scenario: Path, runs: int, workers: int, out: Path) -> dict:
    """``bargainsim batch`` as a whole command: wall seconds, the peak RSS of its largest
    process (the command or a worker) and of all its processes at once
    (:mod:`process_peak`)."""
    command = [
        *(sys.executable, "-m", "bargainsim.cli", "batch", str(scenario)),
        *("--runs", str(runs), "--workers", str(workers), "--seed", "1", "--out", str(out)),
    ]
    result = process_peak.measure(command)
    if result["code"] != 0:
        raise SystemExit(f"batch failed ({result['code']}): {' '.join(command)}")
    return result


def quarter_cost(scenario: Path, runs: int, repeats: int) -> dict:
    """Seconds per quarter of ``advance_quarter`` over ``runs`` runs (best of ``repeats``
    passes over the window), without recording history, and of the SMP bargaining turn
    within it (played once per distinct stance)."""
    from bargainsim.model import step as quarter
    from bargainsim.model.state import EnsembleState, RunDraws

    compiled = load(scenario)
    draws = RunDraws.for_seeds(compiled, range(runs))
    turn = quarter.bargaining_turn
    spent = [0.0]

    def timed_turn(*args, **kwargs):
        started = time.perf_counter()
        try:
            return turn(*args, **kwargs)
        finally:
            spent[0] += time.perf_counter() - started

    best = (float("inf"), 0.0)
    quarter.bargaining_turn = timed_turn
    try:
        for _ in range(repeats):
            state = EnsembleState.initial(compiled, runs)
            spent[0] = 0.0
            started = time.perf_counter()
            for step in range(compiled.n_quarters):
                quarter.advance_quarter(
                    state,
                    step,
                    compiled,
                    draws.relation_noise[:, step],
                    draws.posture_uniform[:, step],
                    draws.event_uniform[:, step],
                )
            best = min(best, (time.perf_counter() - started, spent[0]))
    finally:
        quarter.bargaining_turn = turn
    return {
        "seconds": best[0] / compiled.n_quarters,
        "bargaining": best[1] / compiled.n_quarters,
        "quarters": compiled.n_quarters,
    }


def growth_exponent(sizes, seconds) -> float:
    """k of ``seconds ∝ sizes^k``, least squares on the logarithms."""
    k, _ = np.polyfit(np.log(sizes), np.log(seconds), 1)
    return float(k)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000, help="runs of the large world")
    parser.add_argument("--repeats", type=int, default=3, help="best of N for part 2")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--quick", action="store_true", help="part 2 only, 2 repeats")
    args = parser.parse_args(argv)
    repeats = 2 if args.quick else args.repeats
    print(
        f"{os.cpu_count()} cores, {platform.machine()}, {platform.system()}, "
        f"Python {platform.python_version()}, numpy {np.__version__}\n"
    )
    with tempfile.TemporaryDirectory(prefix="bench-scaling-") as name:
        root = Path(name)
        if not args.quick:
            world = write_scenario(root / "world" / "scenarios", 30, 20)
            ensemble = ensemble_in_chunks(world, args.runs, CHUNK_RUNS)
            simulated = sum(ensemble["chunks"])
            batch = batch_command(world, args.runs, args.workers, root / "batch")
            print(f"30 actors, 20 issues, 48 quarters, {args.runs:,} runs\n")
            total = batch["total_kb"]
            print("| path | wall s | runs/s | peak RSS MB, largest process | all processes |")
            print("|---|---:|---:|---:|---:|")
            print(f"| load and compile (start-state search) | {ensemble['load']:.2f} | | | |")
            print(
                f"| ensemble, chunks of {CHUNK_RUNS}, one process | {simulated:.2f} | "
                f"{args.runs / simulated:,.0f} | {ensemble['peak_kb'] / 1024:,.0f} | |"
            )
            print(
                f"| bargainsim batch, {args.workers} workers (whole command) | "
                f"{batch['wall']:.2f} | {args.runs / batch['wall']:,.0f} | "
                f"{batch['peak_kb'] / 1024:,.0f} | "
                f"{'n/a' if total is None else format(total / 1024, ',.0f')} |\n",
                flush=True,
            )
        print(f"one quarter (advance_quarter), 20 issues, {CHUNK_RUNS} runs, best of {repeats}\n")
        print("| actors | ms per quarter | µs per run-quarter | of which bargaining, ms |")
        print("|---:|---:|---:|---:|")
        seconds, rest = [], []
        for n in ACTOR_SCALING:
            scenario = write_scenario(root / f"n{n}" / "scenarios", n, 20)
            cost = quarter_cost(scenario, CHUNK_RUNS, repeats)
            seconds.append(cost["seconds"])
            rest.append(cost["seconds"] - cost["bargaining"])
            print(
                f"| {n} | {1e3 * cost['seconds']:.2f} | "
                f"{1e6 * cost['seconds'] / CHUNK_RUNS:.1f} | {1e3 * cost['bargaining']:.2f} |",
                flush=True,
            )
        print(
            f"\ngrowth exponent k (time ∝ N^k): {growth_exponent(ACTOR_SCALING, seconds):.2f}"
            f" whole quarter, {growth_exponent(ACTOR_SCALING, rest):.2f} without the"
            " bargaining turn"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
