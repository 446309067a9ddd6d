"""The faster forms of the quarter's arithmetic give the numbers of the plain ones, bit for
bit: sums in driver order, broadcasting of what every run shares, the most pressing
opponent, the directed noise (the reference forms are written out here)."""

import numpy as np
import pytest

from bargainsim.model.hardening import issue_hardening
from bargainsim.model.relation_step import same_in_every_run
from bargainsim.model.relations import DRIVERS, SHARES_WEIGHT, driver_terms, relation_sums
from bargainsim.model.step import directed_noise
from bargainsim.parameters import ModelParameters


def _bits(array) -> bytes:
    return np.ascontiguousarray(array).tobytes()


def _with_zeros(rng, shape, low=-1.0, high=1.0):
    """Uniform values with some exact zeros of both signs, where sums are most fragile."""
    values = rng.uniform(low, high, shape)
    values[rng.random(shape) < 0.2] = 0.0
    values[rng.random(shape) < 0.1] = -0.0
    return values


@pytest.mark.parametrize("seed", range(5))
def test_relation_sums_are_the_plain_sums_in_driver_order(seed):
    rng = np.random.default_rng(seed)
    shape = (3, 4, 4, 4)
    sanctions = np.where(rng.random(shape) < 0.3, rng.uniform(0, 1, shape), 0.0)
    signals, weights = driver_terms(
        cooperation=_with_zeros(rng, shape),
        alignment=_with_zeros(rng, shape),
        stake=np.where(rng.random(shape) < 0.3, 0.0, rng.uniform(0, 1, shape)),
        shared=rng.integers(0, 3, shape).astype(float),
        interdependence=_with_zeros(rng, shape[:-1], 0.0),
        sanctions=sanctions,
        threat=_with_zeros(rng, shape[:-1], 0.0),
        intent=rng.uniform(0, 1, shape[:-1]),
        common=_with_zeros(rng, shape[:-1], 0.0),
        balance=_with_zeros(rng, shape[:-1], 0.0),
        regime=rng.uniform(0, 1, shape[:2]),
        params=ModelParameters(),
    )
    total, weight = relation_sums(signals, weights, shape)
    plain_total = sum(weights[d] * np.broadcast_to(signals[d], shape) for d in DRIVERS)
    plain_weight = sum(
        np.broadcast_to(weights[d], shape) for d in DRIVERS if d not in SHARES_WEIGHT
    )
    assert _bits(np.moveaxis(total, 0, -1)) == _bits(plain_total)
    assert _bits(np.moveaxis(weight, 0, -1)) == _bits(plain_weight)


def test_only_arrays_equal_bit_for_bit_in_every_run_are_shared():
    same = np.tile(np.arange(6.0).reshape(1, 2, 3), (4, 1, 1))
    assert same_in_every_run(same).shape == (1, 2, 3)
    signed = same.copy()
    signed[2, 0, 0] = -0.0  # equal to 0.0, but not the same bits
    assert same_in_every_run(signed) is signed
    assert same_in_every_run(same[:1]).shape == (1, 2, 3)


def _hardening_by_argmax(ideal, position, salience, threat, offense, anchoring, gain):
    top = salience.max(axis=-1, keepdims=True)
    core = np.divide(salience, top, out=np.zeros_like(salience), where=top > 0)
    gap = np.abs(ideal[:, :, None, :] - position[:, None, :, :]) * (salience[:, None] > 0)
    pressing = threat[..., None] * gap
    strongest = pressing.argmax(axis=2)
    pressure = np.take_along_axis(pressing, strongest[:, :, None, :], axis=2)[:, :, 0, :]
    own = offense[:, :, None]
    theirs = np.take_along_axis(
        np.broadcast_to(offense[:, None, :, None], pressing.shape), strongest[:, :, None], 2
    )[:, :, 0, :]
    capacity = np.divide(own, np.maximum(own, theirs), out=np.zeros_like(pressure), where=own > 0)
    return anchoring + (1.0 - anchoring) * np.minimum(1.0, gain * core * pressure * capacity)


@pytest.mark.parametrize("seed", range(5))
def test_hardening_finds_the_most_pressing_opponent_as_argmax_does(seed):
    rng = np.random.default_rng(seed)
    runs, n, d = 5, 4, 3
    salience = np.where(rng.random((runs, n, d)) < 0.3, 0.0, rng.uniform(0, 1, (runs, n, d)))
    threat = np.round(rng.uniform(0, 1, (runs, n, n)), 1)  # ties between opponents
    arrays = (
        np.round(rng.uniform(0, 1, (runs, n, d)), 1),
        np.round(rng.uniform(0, 1, (runs, n, d)), 1),
        salience,
        threat,
        np.round(rng.uniform(0, 1, (runs, n)), 1),
    )
    found = issue_hardening(*arrays, anchoring=0.3, gain=2.0)
    assert _bits(found) == _bits(_hardening_by_argmax(*arrays, 0.3, 2.0))


@pytest.mark.parametrize("n", [1, 2, 5])
def test_directed_noise_fills_the_off_diagonal_in_row_major_order(n):
    pairs = np.random.default_rng(n).standard_normal((3, n * (n - 1), 4))
    expected = np.zeros((3, n, n, 4))
    expected[:, ~np.eye(n, dtype=bool)] = pairs
    assert _bits(directed_noise(pairs, n)) == _bits(expected)
