"""Wilson and Newcombe intervals against published values (Newcombe 1998, tables I-II;
Brown, Cai and DasGupta 2001)."""

import math

import pytest

from bargainsim.compare.intervals import newcombe_difference, wilson_interval
from bargainsim.errors import BargainsimError


@pytest.mark.parametrize(
    ("k", "n", "low", "high"),
    [
        (81, 263, 0.2553, 0.3662),  # Newcombe 1998, table I, example (a)
        (15, 148, 0.0624, 0.1605),  # example (b)
        (0, 20, 0.0, 0.1611),  # example (c)
        (1, 29, 0.0061, 0.1718),  # example (d)
        (10, 10, 0.7225, 1.0),
    ],
)
def test_wilson_known_values(k, n, low, high):
    got = wilson_interval(k, n)
    assert got == pytest.approx((low, high), abs=5e-5)


def test_wilson_no_runs_and_bad_counts():
    assert all(math.isnan(x) for x in wilson_interval(0, 0))
    with pytest.raises(BargainsimError):
        wilson_interval(5, 3)


def test_newcombe_difference_known_value():
    # Newcombe 1998, table II, example (a): 56/70 - 48/80
    diff, low, high = newcombe_difference(56, 70, 48, 80)
    assert diff == pytest.approx(0.2)
    assert (low, high) == pytest.approx((0.0524, 0.3339), abs=5e-5)
