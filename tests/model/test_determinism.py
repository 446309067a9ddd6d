"""Seeds: same seed, same run; the Mesa model equals the vectorised ensemble run by run."""

import numpy as np

from bargainsim.model.ensemble import simulate
from bargainsim.model.mesa_model import BargainModel


def _arrays(result):
    return {name: value for name, value in vars(result.history).items() if value is not None}


def test_seeding_equality(toy_compiled):
    first = simulate(toy_compiled, [7, 8])
    second = simulate(toy_compiled, [7, 8])
    for name, value in _arrays(first).items():
        np.testing.assert_array_equal(value, _arrays(second)[name], err_msg=name)


def test_different_seeds_differ(toy_compiled):
    result = simulate(toy_compiled, [1, 2])
    assert not np.array_equal(result.history.cooperation[0], result.history.cooperation[1])


def test_mesa_model_equals_ensemble_member(toy_compiled):
    ensemble = simulate(toy_compiled, [3, 11, 42], contributions=True)
    for r, seed in enumerate([3, 11, 42]):
        single = BargainModel(toy_compiled, rng=seed, contributions=True).run()
        for name, value in _arrays(single).items():
            np.testing.assert_array_equal(value[0], _arrays(ensemble)[name][r], err_msg=name)


def test_history_is_finite_and_bounded(toy_compiled):
    history = simulate(toy_compiled, range(20)).history
    assert np.isfinite(history.cooperation).all()
    assert history.cooperation.min() >= -1 and history.cooperation.max() <= 1
    assert history.position.min() >= 0 and history.position.max() <= 100


def test_shared_bargaining_turn_equals_the_engine_run_by_run():
    from bargainsim.bargaining import SMPState, smp_turn
    from bargainsim.model.step import bargaining_turn

    rng = np.random.default_rng(5)
    capability = np.tile(rng.uniform(50, 150, (1, 4)), (6, 1))
    position = np.tile(rng.uniform(0, 1, (1, 4, 3)), (6, 1, 1))
    salience = np.tile(rng.uniform(0.05, 0.3, (1, 4, 3)), (6, 1, 1))
    position[2, 1, 0] = 0.9  # runs 2 and 4 differ from the rest, and from each other
    position[4, 3, 2] = 0.1
    shared_position, shared_probability = bargaining_turn(capability, position, salience)
    for r in range(6):
        alone = smp_turn(SMPState(capability[r : r + 1], position[r : r + 1], salience[r : r + 1]))
        np.testing.assert_array_equal(shared_position[r], alone.next_position[0])
        np.testing.assert_array_equal(shared_probability[r], alone.win_probability[0])
