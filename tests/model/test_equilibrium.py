"""The start state: given relations kept, the others at the model's own fixed point."""

import numpy as np

from bargainsim.model import equilibrium
from bargainsim.model.compiled import compile_scenario
from bargainsim.vocabulary import Variable

from .conftest import toy_scenario


def test_given_start_values_are_kept_and_symmetric():
    compiled = compile_scenario(toy_scenario())
    a, b = compiled.actor_index("AAA"), compiled.actor_index("BBB")
    assert compiled.cooperation[a, b, Variable.MILITARY.index] == -0.2
    assert compiled.cooperation[b, a, Variable.GEOPOLITICS.index] == -0.3
    np.testing.assert_array_equal(compiled.cooperation, compiled.cooperation.swapaxes(0, 1))


def test_unspecified_relations_start_at_a_converged_fixed_point(monkeypatch):
    scenario = toy_scenario()
    scenario.initial_cooperation = {}
    start = compile_scenario(scenario).cooperation
    assert np.abs(start).max() > 0.01  # the drivers move the start away from indifference
    assert np.abs(start).max() <= 1.0
    np.testing.assert_array_equal(start, start.swapaxes(0, 1))
    # Iterating twice as long changes nothing: the search had converged.
    monkeypatch.setattr(equilibrium, "MAX_ITERATIONS", 2 * equilibrium.MAX_ITERATIONS)
    monkeypatch.setattr(equilibrium, "TOLERANCE", 1e-13)
    np.testing.assert_allclose(compile_scenario(scenario).cooperation, start, atol=1e-8)


def test_equilibrium_follows_the_drivers():
    friendly, hostile = toy_scenario(), toy_scenario()
    friendly.initial_cooperation = hostile.initial_cooperation = {}
    for issue in hostile.issues.values():
        issue.positions["BBB"].position = 100 - issue.positions["AAA"].position
    for issue in friendly.issues.values():
        issue.positions["BBB"].position = issue.positions["AAA"].position
    a, b = 0, 1
    warm = compile_scenario(friendly).cooperation[a, b]
    cold = compile_scenario(hostile).cooperation[a, b]
    assert warm[Variable.MILITARY.index] > cold[Variable.MILITARY.index] + 0.2
    assert warm[Variable.ECONOMICS.index] > cold[Variable.ECONOMICS.index] + 0.2
