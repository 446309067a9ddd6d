"""What a counterfactual changes against its base: the events it removes and adds, and
every other input it sets differently, read from the two resolved scenario trees (what
``bargainsim show`` prints), so that a report says exactly what each counterfactual
removes."""

from __future__ import annotations

from typing import Any

# Keys that name a scenario rather than describe its world.
NAMING_KEYS = {"id", "title", "source"}


def scenario_changes(base: dict, other: dict) -> list[str]:
    """One line per change, events first, then inputs by key path in tree order."""
    lines = []
    before = {e.get("id"): e for e in base.get("events", []) if isinstance(e, dict)}
    after = {e.get("id"): e for e in other.get("events", []) if isinstance(e, dict)}
    removed = [k for k in before if k not in after]
    added = [k for k in after if k not in before]
    changed = [k for k in before if k in after and before[k] != after[k]]
    for word, ids in (("removes", removed), ("adds", added), ("changes", changed)):
        if ids:
            lines.append(f"{word} events: " + ", ".join(f"`{k}`" for k in ids))
    for key in dict.fromkeys([*base, *other]):
        if key in NAMING_KEYS or key == "events":
            continue
        lines += _leaf_changes((key,), base.get(key), other.get(key))
    return lines


def _leaf_changes(path: tuple, a: Any, b: Any) -> list[str]:
    if a == b:
        return []
    if isinstance(a, dict) and isinstance(b, dict):
        out = []
        for key in dict.fromkeys([*a, *b]):
            out += _leaf_changes((*path, key), a.get(key), b.get(key))
        return out
    name = ".".join(str(part) for part in path)
    return [f"`{name}`: {_short(a)} → {_short(b)}"]


def _short(value: Any) -> str:
    text = "absent" if value is None else str(value)
    return text if len(text) <= 60 else text[:57] + "..."
