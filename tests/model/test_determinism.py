"""Seeds: same seed, same run; the Mesa model equals the vectorised ensemble run by run."""

import numpy as np

from bargainsim.model.ensemble import simulate
from bargainsim.model.mesa_model import BargainModel


def _arrays(result):
    return {name: value for name, value in vars(result.history).items()}


def test_seeding_equality(toy_compiled):
    first = simulate(toy_compiled, [7, 8])
    second = simulate(toy_compiled, [7, 8])
    for name, value in _arrays(first).items():
        np.testing.assert_array_equal(value, _arrays(second)[name], err_msg=name)


def test_different_seeds_differ(toy_compiled):
    result = simulate(toy_compiled, [1, 2])
    assert not np.array_equal(result.history.cooperation[0], result.history.cooperation[1])


def test_mesa_model_equals_ensemble_member(toy_compiled):
    ensemble = simulate(toy_compiled, [3, 11, 42])
    for r, seed in enumerate([3, 11, 42]):
        single = BargainModel(toy_compiled, rng=seed).run()
        for name, value in _arrays(single).items():
            np.testing.assert_array_equal(value[0], _arrays(ensemble)[name][r], err_msg=name)


def test_history_is_finite_and_bounded(toy_compiled):
    history = simulate(toy_compiled, range(20)).history
    assert np.isfinite(history.cooperation).all()
    assert history.cooperation.min() >= -1 and history.cooperation.max() <= 1
    assert history.position.min() >= 0 and history.position.max() <= 100
