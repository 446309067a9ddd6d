"""bargainsim: an agent-based simulator of bargaining, threat and alignment between states.

Kept import-light on purpose: ``bargainsim smp`` must start fast, so heavy modules (mesa,
pandas, pyarrow) load only where they are used.
"""

# The single source of the version (pyproject.toml reads it from here); a literal rather
# than an importlib.metadata lookup, which costs every command about 40 ms at start-up.
__version__ = "0.1.0"

__all__ = ["__version__", "explain", "load_batch"]


def load_batch(directory, table="cooperation", **options):
    """Load one table (``cooperation`` by default; also ``dyads``, ``postures``, ``issues``,
    ``issue_status``, ``actors``, ``events``) of a batch written by ``bargainsim batch``,
    for all its runs, as one tidy pandas DataFrame."""
    from bargainsim.results.stored import load_batch as _load_batch

    return _load_batch(directory, table, **options)


def explain(path, dyad, **choices):
    """What moved ``A-B`` (A toward B) in a run or batch directory, as a tidy frame:
    per quarter and in total, each driver's median part of the change and its 10-90 %
    range over runs (``variable``, ``start``, ``end``, ``point`` narrow it)."""
    from bargainsim.workflows.explain import explain as _explain

    return _explain(path, dyad, **choices)
