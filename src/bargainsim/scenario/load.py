"""``load_scenario``: scenario file → :class:`Scenario`, or one error listing every problem."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from bargainsim.errors import Problem, ScenarioError
from bargainsim.scenario.extends import load_chain
from bargainsim.scenario.fields import ScenarioContext
from bargainsim.scenario.model import Scenario, build_scenario
from bargainsim.scenario.problems import to_problems
from bargainsim.scenario.quarters import Quarter, Window
from bargainsim.scenario.resolve import Resolution, resolve
from bargainsim.scenario.schema import ScenarioSpec, cross_checks


def load_scenario(path: str | Path, overrides: Iterable[str] = ()) -> Scenario:
    """Read, resolve and validate a scenario.

    ``overrides`` are ``KEY=VALUE`` strings as given to ``--set``, applied after the
    scenario's own ``overrides:``. Raises :class:`ScenarioError` with every problem found.
    """
    path = Path(path)
    problems: list[Problem] = []
    tree, origins, files = load_chain(path, problems)
    resolution = resolve(tree, origins, files, tuple(overrides), problems)
    spec = validate(resolution, problems)
    if problems or spec is None:
        raise ScenarioError(problems)
    return build_scenario(spec, resolution.tree, path, tuple(resolution.notices))


def validate(resolution: Resolution, problems: list[Problem]) -> ScenarioSpec | None:
    """Validate a resolved tree; append its problems; the spec if there were none."""
    tree = resolution.tree
    context = _context(resolution)
    found = cross_checks(tree, resolution.origins)
    try:
        spec = ScenarioSpec.model_validate(tree, context=context)
    except ValidationError as error:
        found = to_problems(error, tree, resolution.origins, ScenarioSpec) + found
        spec = None
    # A key already reported while resolving (e.g. an unreadable actor list) is not
    # reported a second time as the empty mapping it resolved to.
    reported = {problem.key_path for problem in problems}
    problems.extend(problem for problem in found if problem.key_path not in reported)
    return spec


def _context(resolution: Resolution) -> ScenarioContext:
    """The ids and window that references are checked against, read defensively from the
    raw tree (the parts themselves may be invalid; their own errors are reported anyway)."""
    tree = resolution.tree
    institutions = tree.get("institutions")
    issues = tree.get("issues")
    stakes = set()
    for issue_id, issue in (issues if isinstance(issues, dict) else {}).items():
        positions = issue.get("positions") if isinstance(issue, dict) else None
        if isinstance(positions, dict):
            stakes.update((issue_id, str(actor_id)) for actor_id in positions)
    return ScenarioContext(
        actors=frozenset(resolution.actor_ids),
        issues=frozenset(resolution.issue_ids),
        institutions=frozenset(
            str(key) for key in (institutions if isinstance(institutions, dict) else {})
        ),
        window=_window(tree.get("window")),
        stakes=frozenset(stakes),
    )


def _window(raw: Any) -> Window | None:
    try:
        start, end = Quarter.parse(raw["start"]), Quarter.parse(raw["end"])
    except (TypeError, KeyError, ValueError):
        return None
    return Window(start=start, end=end) if start <= end else None
