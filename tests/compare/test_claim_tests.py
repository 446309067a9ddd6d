"""Each claim test type on hand-made series with known answers, both outcomes and every
reading; the noise floor; the registry's completeness (docstring and schema for every
type)."""

import numpy as np
import pytest
from pydantic import BaseModel

from bargainsim.compare.claim_tests import (
    CLAIM_TESTS,
    edge_change,
    noise_floor,
    running_change,
)
from bargainsim.compare.observables import OBSERVABLES


def judge(name, rows, tolerance=0.0, at=None, **params):
    test = CLAIM_TESTS[name]
    consistent, measure = test.judge(np.asarray(rows, float), test.params(**params), at, tolerance)
    return consistent.tolist(), measure


def test_every_test_type_has_docstring_schema_and_expectation():
    assert CLAIM_TESTS
    for name, test in CLAIM_TESTS.items():
        assert len(test.doc) > 40, name
        assert issubclass(test.params, BaseModel), name
        assert test.direction in (-1, 0, 1)
        defaults = {"threshold": 0.0} if "threshold" in test.params.model_fields else {}
        assert test.expectation(test.params(**defaults), 0.05)
        assert test.form in ("trend", "level", "state")
        assert set(test.readings) <= {"end", "any", "throughout", "mean"}


def test_every_observable_has_docstring_schema_and_unit():
    for name, kind in OBSERVABLES.items():
        assert len(kind.doc) > 40, name
        assert issubclass(kind.params, BaseModel), name
        assert kind.unit and kind.span > 0


def test_edge_change_uses_two_quarter_means():
    rows = [[0.0, 0.2, 0.5, 0.5, 1.0, 0.6]]
    assert edge_change(np.array(rows), 2) == pytest.approx([0.8 - 0.1])


def test_increasing_and_decreasing_at_a_tolerance():
    rising = [0.0, 0.0, 0.05, 0.1, 0.1]  # change 0.1 > 0.05
    flat = [0.0, 0.02, 0.01, 0.03, 0.04]  # change 0.035 within 0.05
    falling = [0.3, 0.3, 0.2, 0.1, 0.1]
    rows = [rising, flat, falling]
    assert judge("increasing", rows, 0.05)[0] == [True, False, False]
    assert judge("decreasing", rows, 0.05)[0] == [False, False, True]
    assert judge("not_decreasing", rows, 0.05)[0] == [True, True, False]
    assert judge("not_increasing", rows, 0.05)[0] == [False, True, True]
    assert judge("increasing", rows, 0.0)[0] == [True, True, False]


def test_running_change_compares_every_later_edge_with_the_first():
    rows = np.array([[0.0, 0.0, -0.4, -0.4, 0.0, 0.0]])
    # edges of 2: states ending at index 3, 4, 5 against the first two
    assert running_change(rows, 2)[0] == pytest.approx([-0.4, -0.2, 0.0])


def test_a_fall_within_the_window_read_at_any_point_or_at_the_end():
    dip = [[0.0, 0.0, -0.4, -0.4, 0.0, 0.0]]  # escalates, then recovers
    assert judge("decreasing", dip, 0.1, at="end")[0] == [False]
    assert judge("decreasing", dip, 0.1, at="any")[0] == [True]
    assert judge("decreasing", dip, 0.1, at="throughout")[0] == [False]
    steady = [[0.0, 0.0, -0.2, -0.3, -0.3, -0.4]]
    assert judge("decreasing", steady, 0.1, at="throughout")[0] == [True]


def test_not_decreasing_throughout_fails_on_an_interruption():
    interrupted = [[0.1, 0.1, -0.2, -0.2, 0.3, 0.3]]  # ends higher after a fall
    assert judge("not_decreasing", interrupted, 0.05, at="end")[0] == [True]
    assert judge("not_decreasing", interrupted, 0.05, at="throughout")[0] == [False]


def test_noise_floor_is_the_spread_of_the_measure_across_runs():
    measure = np.array([0.1, 0.3, 0.2, 0.4])
    assert noise_floor(measure) == pytest.approx(np.std(measure, ddof=1))
    assert noise_floor(np.array([0.5])) == 0.0


def test_above_and_below_readings():
    rows = [[0.3, 0.3, 0.3, -0.1], [0.0, 0.1, 0.1, 0.1]]
    assert judge("above", rows, threshold=0.05)[0] == [True, True]  # means 0.2, 0.075
    assert judge("above", rows, at="throughout", threshold=0.05)[0] == [False, False]
    assert judge("above", rows, at="end", threshold=0.05)[0] == [True, True]
    assert judge("above", rows, at="any", threshold=0.25)[0] == [True, False]
    assert judge("below", rows, threshold=0.1)[0] == [False, True]
    assert judge("below", rows, at="end", threshold=0.1, edge=1)[0] == [True, False]


def test_converging_and_diverging_on_distance_to_target():
    spread = [[80, 78, 60, 50], [40, 40, 41, 60]]
    assert judge("converging", spread, 2.5)[0] == [True, False]
    assert judge("diverging", spread, 2.5)[0] == [False, True]
    toward_zero = [[-0.5, -0.4, -0.1, 0.0]]
    assert judge("converging", toward_zero, 0.05)[0] == [True]
    assert judge("converging", toward_zero, 0.05, target=-0.5)[0] == [False]


def test_no_alliance_and_its_allowance():
    flags = [[0, 0, 0, 0], [0, 1, 0, 0]]
    assert judge("no_alliance", flags)[0] == [True, False]
    assert judge("no_alliance", flags, max_share=0.25)[0] == [True, True]


def test_mostly_on_flags_and_on_bands():
    flags = [[1, 1, 0, 1], [1, 0, 0, 1], [0, 0, 0, 1]]
    consistent, share = judge("mostly", flags)
    assert consistent == [True, True, False]
    assert share.tolist() == [0.75, 0.5, 0.25]
    assert judge("mostly", flags, share=0.75)[0] == [True, False, False]
    values = [[0.3, 0.4, -0.2, 0.5]]
    assert judge("mostly", values, above=0.2, share=0.75)[0] == [True]
    assert judge("mostly", values, above=0.2, below=0.45, share=0.75)[0] == [False]
