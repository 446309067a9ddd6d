"""Scenario batches at scale: a plan (points × seeds in chunks), one executor interface
with three backends, and a resumable run store (read back by :mod:`bargainsim.results`).
See ``docs/batches.md``.

Imports stay lazy: ``bargainsim.batch.worker`` and what it needs are all an executor's
worker process loads (numpy, pyarrow and the vectorised model; never mesa).
"""

from __future__ import annotations

__all__ = ["build_plan", "make_executor", "run_batch"]


def __getattr__(name):
    if name == "build_plan":
        from bargainsim.batch.plan import build_plan

        return build_plan
    if name == "run_batch":
        from bargainsim.batch.engine import run_batch

        return run_batch
    if name == "make_executor":
        from bargainsim.batch.executors import make_executor

        return make_executor
    raise AttributeError(f"module 'bargainsim.batch' has no attribute {name!r}")
