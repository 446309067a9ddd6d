"""Helpers for the scenario tests: locate problems and edit fixture copies."""

from __future__ import annotations

from pathlib import Path

import pytest

from bargainsim.errors import Problem, ScenarioError
from bargainsim.scenario import load_scenario

FIXTURES = Path(__file__).parent / "fixtures" / "library"


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact piece of text in a fixture file."""
    text = path.read_text()
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1))


def problems_of(path: Path, overrides: tuple[str, ...] = ()) -> list[Problem]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path, overrides)
    return caught.value.problems


def find(problems: list[Problem], key_path: str) -> Problem:
    matches = [p for p in problems if p.key_path == key_path]
    assert matches, f"no problem at {key_path}; got:\n" + "\n".join(p.render() for p in problems)
    return matches[0]


def assert_located(
    problems: list[Problem], key_path: str, file: str, line: int | None, expected: str = ""
) -> Problem:
    """The problem at ``key_path`` names ``file`` and ``line`` and says ``expected``."""
    problem = find(problems, key_path)
    assert problem.file == file, problem.render()
    assert problem.line == line, problem.render()
    assert expected in problem.expected, problem.render()
    rendered = problem.render()
    where = f"{file}:{line}" if line is not None else file
    assert rendered.startswith(f"{where}: {key_path}: got "), rendered
    return problem
