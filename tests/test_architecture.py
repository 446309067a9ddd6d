"""Layers import downward only (docs/architecture.md, *Layers*).

An AST scan of every module of the package, including imports inside functions: a module
may import its own layer and the layers below it, never a layer above, and never a sibling
of its own rank (``compare`` and ``plots`` read results; neither reads the other).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "bargainsim"

# Rank of each top-level part of the package; equal ranks are siblings that must not
# import each other.
LAYERS: dict[str, int] = {
    "errors": 0,
    "vocabulary": 0,
    "parameters": 0,
    "seeds": 0,
    "output": 0,
    "provenance": 0,
    "bargaining": 1,
    "scenario": 2,
    "model": 3,
    "batch": 4,
    "results": 5,
    "compare": 6,
    "plots": 6,
    "sensitivity": 6,
    "workflows": 7,
    "explore": 8,
    "cli": 9,
}
# The bottom layer's modules are independent of each other except for what is listed.
BASE_ALLOWED = {("parameters", "errors"), ("output", "errors"), ("provenance", "errors")}


def part_of(module: str) -> str | None:
    """``bargainsim.model.step`` -> ``model``; the package root itself -> None."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 and pieces[0] == "bargainsim" else None


def imported_modules(path: Path, package: str) -> list[tuple[int, str]]:
    """(line, absolute module) for every ``bargainsim`` import in a file."""
    tree = ast.parse(path.read_text("utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the file's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
    return [(line, name) for line, name in found if name.split(".")[0] == "bargainsim"]


def violations(root: Path = PACKAGE, layers: dict[str, int] = LAYERS) -> list[str]:
    """Every upward, sideways or unknown import under ``root``, as readable lines."""
    problems = []
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).with_suffix("")
        module = ".".join(relative.parts).removesuffix(".__init__")
        package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
        here = part_of(module)
        if here is None:  # the package root re-exports lazily; it is checked by hand
            continue
        if here not in layers:
            problems.append(f"{relative}.py: part {here!r} has no layer in LAYERS")
            continue
        for line, target in imported_modules(path, package):
            there = part_of(target)
            if there is None or there == here:
                continue
            if there not in layers:
                problems.append(f"{relative}.py:{line} imports {target}: no layer for {there!r}")
            elif layers[there] > layers[here]:
                problems.append(
                    f"{relative}.py:{line} imports {target}: {here} (layer {layers[here]}) "
                    f"may not import {there} (layer {layers[there]}, above it)"
                )
            elif layers[there] == layers[here] and (here, there) not in BASE_ALLOWED:
                problems.append(
                    f"{relative}.py:{line} imports {target}: {here} and {there} are siblings "
                    f"(layer {layers[here]}); neither may import the other"
                )
    return problems


def test_layers_import_downward_only():
    found = violations()
    assert not found, "layer violations:\n" + "\n".join(found)


def test_every_part_of_the_package_has_a_layer():
    parts = {p.stem if p.is_file() else p.name for p in PACKAGE.iterdir()}
    parts = {p for p in parts if not p.startswith("_") and p not in ("py",)}
    parts.discard("py.typed")
    assert parts <= set(LAYERS), f"parts without a layer: {sorted(parts - set(LAYERS))}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from bargainsim.compare.claims import Claim\n", "may not import compare"),
        ("def late():\n    import bargainsim.batch.store\n", "may not import batch"),
        ("from bargainsim.plots import save\n", "may not import plots"),
    ],
)
def test_a_planted_violation_is_named(tmp_path, source, expected):
    fake = tmp_path / "bargainsim"
    for part in ("model", "compare", "plots", "batch"):
        (fake / part).mkdir(parents=True)
        (fake / part / "__init__.py").write_text("")
    (fake / "model" / "leak.py").write_text(source)
    found = violations(fake)
    assert len(found) == 1
    assert "model/leak.py" in found[0] and expected in found[0]


def test_siblings_are_refused(tmp_path):
    fake = tmp_path / "bargainsim"
    for part in ("compare", "plots"):
        (fake / part).mkdir(parents=True)
        (fake / part / "__init__.py").write_text("")
    (fake / "plots" / "reads.py").write_text("from bargainsim.compare import pipeline\n")
    assert "siblings" in violations(fake)[0]
