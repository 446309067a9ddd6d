"""Reading stored runs and batches, and the table-source interface analysis reads through.

Sits above :mod:`bargainsim.batch` (which writes the store) and below
:mod:`bargainsim.compare` and :mod:`bargainsim.plots` (which read it).
"""

from bargainsim.results.sources import EnsembleSource, ObservableMissing, TableSource, Trajectory
from bargainsim.results.stored import (
    batch_points,
    batch_source,
    chosen_point,
    load_batch,
    load_index,
    load_run,
    read_table,
)

__all__ = [
    "EnsembleSource",
    "ObservableMissing",
    "TableSource",
    "Trajectory",
    "batch_points",
    "batch_source",
    "chosen_point",
    "load_batch",
    "load_index",
    "load_run",
    "read_table",
]
