"""Each claim test type on hand-made series with known answers, both outcomes; the
registry's completeness (docstring and schema for every type)."""

import numpy as np
import pytest
from pydantic import BaseModel

from bargainsim.compare.claim_tests import CLAIM_TESTS, edge_change
from bargainsim.compare.observables import OBSERVABLES

COOPERATION_SPAN = 2.0  # default tolerance 0.05
POINTS_SPAN = 100.0  # default tolerance 2.5


def judge(name, rows, span=COOPERATION_SPAN, **params):
    test = CLAIM_TESTS[name]
    consistent, measure = test.judge(np.asarray(rows, float), test.params(**params), span)
    return consistent.tolist(), measure


def test_every_test_type_has_docstring_schema_and_expectation():
    assert CLAIM_TESTS
    for name, test in CLAIM_TESTS.items():
        assert len(test.doc) > 40, name
        assert issubclass(test.params, BaseModel), name
        assert test.direction in (-1, 0, 1)
        defaults = {"threshold": 0.0} if "threshold" in test.params.model_fields else {}
        assert test.expectation(test.params(**defaults), 2.0)


def test_every_observable_has_docstring_schema_and_unit():
    for name, kind in OBSERVABLES.items():
        assert len(kind.doc) > 40, name
        assert issubclass(kind.params, BaseModel), name
        assert kind.unit and kind.span > 0


def test_edge_change_uses_two_quarter_means():
    rows = [[0.0, 0.2, 0.5, 0.5, 1.0, 0.6]]
    assert edge_change(np.array(rows), 2) == pytest.approx([0.8 - 0.1])


def test_increasing_and_decreasing_with_default_tolerance():
    rising = [0.0, 0.0, 0.05, 0.1, 0.1]  # change 0.1 > 0.05
    flat = [0.0, 0.02, 0.01, 0.03, 0.04]  # change 0.035 within tolerance
    falling = [0.3, 0.3, 0.2, 0.1, 0.1]
    assert judge("increasing", [rising, flat, falling])[0] == [True, False, False]
    assert judge("decreasing", [rising, flat, falling])[0] == [False, False, True]
    assert judge("not_decreasing", [rising, flat, falling])[0] == [True, True, False]
    assert judge("not_increasing", [rising, flat, falling])[0] == [False, True, True]


def test_tolerance_scales_with_the_observable_and_can_be_set():
    spread = [[60, 60, 58, 58]]  # a fall of 2 points: under the default 2.5
    assert judge("decreasing", spread, span=POINTS_SPAN)[0] == [False]
    assert judge("decreasing", spread, span=POINTS_SPAN, tolerance=1.0)[0] == [True]


def test_above_and_below_statistics():
    rows = [[0.3, 0.3, 0.3, -0.1], [0.0, 0.1, 0.1, 0.1]]
    assert judge("above", rows, threshold=0.05)[0] == [True, True]  # means 0.2, 0.075
    assert judge("above", rows, threshold=0.05, statistic="all")[0] == [False, False]
    assert judge("above", rows, threshold=0.05, statistic="end")[0] == [True, True]
    assert judge("below", rows, threshold=0.1)[0] == [False, True]
    assert judge("below", rows, threshold=0.1, statistic="end", edge=1)[0] == [True, False]


def test_converging_and_diverging_on_distance_to_target():
    spread = [[80, 78, 60, 50], [40, 40, 41, 60]]
    assert judge("converging", spread, span=POINTS_SPAN)[0] == [True, False]
    assert judge("diverging", spread, span=POINTS_SPAN)[0] == [False, True]
    toward_zero = [[-0.5, -0.4, -0.1, 0.0]]
    assert judge("converging", toward_zero)[0] == [True]
    assert judge("converging", toward_zero, target=-0.5)[0] == [False]


def test_no_alliance_and_its_allowance():
    flags = [[0, 0, 0, 0], [0, 1, 0, 0]]
    assert judge("no_alliance", flags, span=1.0)[0] == [True, False]
    assert judge("no_alliance", flags, span=1.0, max_share=0.25)[0] == [True, True]


def test_mostly_on_flags_and_on_bands():
    flags = [[1, 1, 0, 1], [1, 0, 0, 1], [0, 0, 0, 1]]
    consistent, share = judge("mostly", flags, span=1.0)
    assert consistent == [True, True, False]
    assert share.tolist() == [0.75, 0.5, 0.25]
    assert judge("mostly", flags, span=1.0, share=0.75)[0] == [True, False, False]
    values = [[0.3, 0.4, -0.2, 0.5]]
    assert judge("mostly", values, above=0.2, share=0.75)[0] == [True]
    assert judge("mostly", values, above=0.2, below=0.45, share=0.75)[0] == [False]
