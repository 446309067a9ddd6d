"""Wall time and peak memory of a command and every process it starts.

The command runs under a small wrapper process of its own, whose
``getrusage(RUSAGE_CHILDREN)`` covers the descendants that were waited for. That misses a
batch's pool workers when they are started from a fork server (children of the server,
which is not waited for), so on Linux the wrapper's process tree is also sampled from
``/proc`` every ``interval`` seconds (a peak shorter than that can be missed). Wall time
is the wrapper's own measurement of the command.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WRAPPER = (
    "import json, resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL)\n"
    "wall = time.perf_counter() - start\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
    "with open(sys.argv[1], 'w') as f:\n"
    "    json.dump({'code': done.returncode, 'wall': wall, 'peak_kb': peak}, f)\n"
)


def tree_rss_kb(root: int) -> dict[int, int]:
    """Resident set size (KiB) of ``root`` and each of its descendants now."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parents[int(entry)] = int(stat.rsplit(")", 1)[1].split()[1])
    members, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        for pid, ppid in parents.items():
            if ppid == parent and pid not in members:
                members.add(pid)
                frontier.append(pid)
    sizes = {}
    for pid in members:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[pid] = int(line.split()[1])
        except OSError:
            continue
    return sizes


def measure(command: list[str], cwd=None, interval: float = 0.05) -> dict:
    """Run ``command`` (its output discarded): ``code``, ``wall`` seconds, ``peak_kb`` (the
    largest single process) and, on Linux, ``total_kb`` (the largest sum over the tree at
    one moment)."""
    sampling = os.path.isdir("/proc/self")
    with tempfile.TemporaryDirectory(prefix="process-peak-") as scratch:
        report = Path(scratch) / "report.json"
        wrapper = subprocess.Popen([sys.executable, "-c", WRAPPER, str(report), *command], cwd=cwd)
        largest = total = 0
        while wrapper.poll() is None:
            if sampling:
                sizes = tree_rss_kb(wrapper.pid)
                sizes.pop(wrapper.pid, None)
                if sizes:
                    largest = max(largest, max(sizes.values()))
                    total = max(total, sum(sizes.values()))
            time.sleep(interval)
        result = json.loads(report.read_text())
    result["peak_kb"] = max(result["peak_kb"], largest)
    result["total_kb"] = total or None
    return result
