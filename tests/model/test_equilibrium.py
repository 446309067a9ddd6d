"""The start state: given relations kept, the others at the model's own fixed point."""

import inspect

import numpy as np
import pytest

from bargainsim.errors import BargainsimError, EquilibriumError
from bargainsim.model import equilibrium, step
from bargainsim.model.compiled import compile_scenario
from bargainsim.model.mesa_model import BargainModel
from bargainsim.model.relation_step import relation_drivers, relation_step
from bargainsim.vocabulary import Variable

from .conftest import toy_scenario


def test_given_start_values_are_kept():
    compiled = compile_scenario(toy_scenario())
    a, b = compiled.actor_index("AAA"), compiled.actor_index("BBB")
    assert compiled.cooperation[a, b, Variable.MILITARY.index] == -0.2
    assert compiled.cooperation[b, a, Variable.GEOPOLITICS.index] == -0.3


def test_unspecified_relations_start_at_a_converged_fixed_point(monkeypatch):
    scenario = toy_scenario()
    scenario.initial_cooperation = {}
    start = compile_scenario(scenario).cooperation
    assert np.abs(start).max() > 0.01  # the drivers move the start away from indifference
    assert np.abs(start).max() <= 1.0
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
    assert warm[Variable.ECONOMICS.index] > cold[Variable.ECONOMICS.index]


def _start_arrays(compiled):
    # The drivers a compiled scenario holds; optional ones (treaties) arise only in runs.
    parameters = inspect.signature(relation_drivers).parameters.items()
    names = [name for name, p in parameters if name != "params" and p.default is p.empty]
    return {name: getattr(compiled, name) for name in names}


def test_start_is_a_fixed_point_of_the_quarter_steps_relation_step():
    scenario = toy_scenario()
    scenario.initial_cooperation = {}
    compiled = compile_scenario(scenario)
    params = compiled.parameters
    assert equilibrium.relation_step is step.relation_step
    drivers = equilibrium.start_drivers(params, **_start_arrays(compiled))
    held = np.zeros_like(compiled.cooperation, dtype=bool)
    found = equilibrium.search_equilibrium(drivers, held.astype(float), held, params)
    np.testing.assert_array_equal(found.cooperation[0], compiled.cooperation)
    again = step.relation_step(found.cooperation, found.signal, drivers, params)
    np.testing.assert_allclose(again.cooperation, found.cooperation, rtol=0, atol=1e-9)
    np.testing.assert_allclose(again.signal, found.signal, rtol=0, atol=1e-9)


def test_the_quarter_step_advances_relations_by_relation_step(monkeypatch, toy_compiled):
    calls = []

    def recorded(*args, **kwargs):
        calls.append(relation_step(*args, **kwargs))
        return calls[-1]

    monkeypatch.setattr(step, "relation_step", recorded)
    model = BargainModel(toy_compiled, rng=4)
    model.step()
    assert len(calls) == 1 and calls[0].postures is not None
    np.testing.assert_array_equal(model.state.cooperation, calls[0].cooperation)
    np.testing.assert_array_equal(model.state.postures, calls[0].postures)
    np.testing.assert_array_equal(model.state.threat, calls[0].threat)


def test_a_search_that_does_not_settle_is_an_error_naming_scenario_and_dyads(monkeypatch):
    monkeypatch.setattr(equilibrium, "MAX_ITERATIONS", 3)
    monkeypatch.setattr(equilibrium, "ITERATION_CAP", 3)
    with pytest.raises(EquilibriumError) as caught:
        compile_scenario(toy_scenario())
    message = str(caught.value)
    assert isinstance(caught.value, BargainsimError)
    assert message.startswith("toy: ") and "within 3 iterations" in message
    for dyad in ("AAA-BBB", "AAA-CCC", "BBB-CCC"):
        assert dyad in message


def test_the_iteration_limit_grows_with_the_slowest_relation():
    assert equilibrium.iteration_limit(0.0) == equilibrium.MAX_ITERATIONS
    assert equilibrium.iteration_limit(0.9) == equilibrium.MAX_ITERATIONS
    slow = equilibrium.iteration_limit(0.995)
    assert equilibrium.MAX_ITERATIONS < slow < equilibrium.ITERATION_CAP
    assert 0.995**slow < equilibrium.TOLERANCE
    assert equilibrium.iteration_limit(1.0 - 1e-9) == equilibrium.ITERATION_CAP
