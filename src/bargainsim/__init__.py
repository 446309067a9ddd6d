"""bargainsim: an agent-based simulator of bargaining, threat and alignment between states.

Kept import-light on purpose: ``bargainsim smp`` must start fast, so heavy modules (mesa,
pandas, pyarrow) load only where they are used.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("bargainsim")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__", "load_batch"]


def load_batch(directory):
    """Load a batch directory written by ``bargainsim batch`` as one tidy pandas DataFrame."""
    from bargainsim.batch.store import load_batch as _load_batch

    return _load_batch(directory)
