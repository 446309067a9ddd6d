"""A loaded scenario with some model parameters set otherwise, checked as the loader checks
a scenario's ``parameters:`` (name known, value a number within its range).

This is what lets a caller sweep a parameter over a scenario already in memory (the Mesa
model's keyword arguments, ``mesa.batch_run``) without writing ``--set`` strings.
"""

from __future__ import annotations

from collections.abc import Mapping

from bargainsim.errors import Problem, ScenarioError
from bargainsim.parameters import PARAMETER_NAMES, parameter_range
from bargainsim.scenario.model import Scenario, digest_of
from bargainsim.scenario.yaml_source import display_name


def parameter_problems(values: Mapping[str, object], where: str) -> list[Problem]:
    """Every value of ``values`` that is not a known parameter's admissible number."""
    problems = []
    for name, value in values.items():
        key = f"parameters.{name}"
        if name not in PARAMETER_NAMES:
            known = ", ".join(PARAMETER_NAMES)
            problems.append(Problem(where, None, key, value, f"a model parameter ({known})"))
            continue
        low, high = parameter_range(name)
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not low <= value <= high:
            problems.append(Problem(where, None, key, value, f"a number in [{low}, {high}]"))
    return problems


def with_parameters(scenario: Scenario, values: Mapping[str, float]) -> Scenario:
    """``scenario`` with ``values`` overriding its parameters (its resolved tree and digest
    follow); raises :class:`ScenarioError` naming each bad one."""
    if not values:
        return scenario
    problems = parameter_problems(values, display_name(scenario.path))
    if problems:
        raise ScenarioError(problems)
    parameters = {**scenario.parameters, **{k: float(v) for k, v in values.items()}}
    resolved = {**scenario.resolved, "parameters": dict(parameters)}
    return scenario.model_copy(
        update={"parameters": parameters, "resolved": resolved, "digest": digest_of(resolved)}
    )
