"""Capabilities by quarter, against hand-computed values, and capability events on them."""

from pathlib import Path

import numpy as np
import pytest

from bargainsim.model.capabilities import component_series, quarter_midpoints
from bargainsim.model.compiled import compile_scenario
from bargainsim.model.state import EnsembleState, RunDraws
from bargainsim.model.step import advance_quarter
from bargainsim.scenario import load_scenario

from .conftest import toy_event, toy_scenario

ROOT = Path(__file__).resolve().parents[2]


def test_quarter_midpoints_are_in_years():
    np.testing.assert_allclose(quarter_midpoints(2008, 2, 3), [2008.375, 2008.625, 2008.875])


def test_one_figure_compounds_quarter_by_quarter_exactly_as_before():
    growth = 0.074
    series = component_series(1661.0, growth, quarter_midpoints(2008, 2, 6))
    value, expected = 1661.0, []
    for _ in range(6):
        expected.append(value)
        value = value * (1.0 + growth) ** 0.25
    assert series.tolist() == expected  # bit for bit, not approximately


def test_a_series_puts_each_year_at_mid_year_and_grows_beyond_the_data():
    times = quarter_midpoints(2008, 1, 9)  # 2008Q1 .. 2010Q1
    series = component_series({2009: 200.0, 2008: 100.0}, 0.1, times)
    expected = [
        100.0 * 1.1**-0.375,  # 2008Q1: before 1 July 2008, shrunk back at 10 % a year
        100.0 * 1.1**-0.125,  # 2008Q2
        112.5,  # 2008Q3: 1/8 of the way from 2008 to 2009
        137.5,  # 2008Q4: 3/8
        162.5,  # 2009Q1: 5/8
        187.5,  # 2009Q2: 7/8
        200.0 * 1.1**0.125,  # 2009Q3: past the last figure, grown at 10 % a year
        200.0 * 1.1**0.375,
        200.0 * 1.1**0.625,
    ]
    np.testing.assert_allclose(series, expected, rtol=1e-14)


def test_a_one_year_series_is_that_figure_at_mid_year():
    series = component_series({2010: 50.0}, 0.0, quarter_midpoints(2009, 1, 12))
    assert (series == 50.0).all()


def _with_gdp(figures, growth=0.0):
    scenario = toy_scenario(events=[])
    capabilities = scenario.actors["AAA"].capabilities
    capabilities.gdp_usd_bn, capabilities.annual_growth = figures, {"gdp_usd_bn": growth}
    return scenario


def test_the_compiled_scenario_carries_one_row_per_step_and_one_past_the_end():
    compiled = compile_scenario(_with_gdp({2008: 1000.0, 2009: 2000.0}))
    # toy window 2008Q1..2009Q2: six quarters and the one after
    assert compiled.gdp_series.shape == compiled.military_series.shape == (7, 3)
    np.testing.assert_allclose(
        compiled.gdp_series[:, 0], [1000, 1000, 1125, 1375, 1625, 1875, 2000]
    )
    assert compiled.gdp[0] == compiled.gdp_series[0, 0] == 1000.0
    assert (compiled.military_series[:, 0] == 60.0).all()  # one figure, no growth


def _run(compiled, n_runs=1):
    state = EnsembleState.initial(compiled, n_runs)
    draws = RunDraws.for_seeds(compiled, range(n_runs))
    states = [(state.gdp.copy(), state.military.copy())]
    for step in range(compiled.n_quarters):
        advance_quarter(
            state,
            step,
            compiled,
            draws.relation_noise[:, step],
            draws.posture_uniform[:, step],
            draws.event_uniform[:, step],
        )
        states.append((state.gdp.copy(), state.military.copy()))
    return states


def test_the_step_reads_the_series():
    compiled = compile_scenario(_with_gdp({2008: 1000.0, 2009: 2000.0}))
    states = _run(compiled)
    for step, (gdp, _) in enumerate(states):
        np.testing.assert_array_equal(gdp[0], compiled.gdp_series[step])


def test_a_capability_change_scales_the_series_from_its_quarter_on():
    scenario = _with_gdp({2008: 1000.0, 2009: 2000.0})
    scenario.events = [
        toy_event(
            type="capability_change",
            quarter="2008Q3",  # step 2
            actor="AAA",
            component="gdp_usd_bn",
            multiply_by=1.5,
        )
    ]
    compiled = compile_scenario(scenario)
    states = _run(compiled)
    # states[k] is the state after k quarters: the change fires at the start of the third
    aaa = [gdp[0, 0] for gdp, _ in states]
    assert aaa[:3] == list(compiled.gdp_series[:3, 0])
    np.testing.assert_allclose(aaa[3:], 1.5 * compiled.gdp_series[3:, 0], rtol=1e-15)
    assert [gdp[0, 1] for gdp, _ in states] == list(compiled.gdp_series[:, 1])


def test_military_changes_scale_only_military_spending():
    scenario = toy_scenario(
        events=[
            toy_event(
                type="capability_change",
                quarter="2008Q2",
                actor="BBB",
                component="military_usd_bn",
                multiply_by=0.5,
            )
        ]
    )
    states = _run(compile_scenario(scenario))
    assert [military[0, 1] for _, military in states] == [600.0] * 2 + [300.0] * 5
    assert all(gdp[0, 1] == 14000.0 for gdp, _ in states)


@pytest.fixture
def russia_by_year(tmp_path):
    library = tmp_path / "scenarios"
    source = ROOT / "tests" / "scenario" / "fixtures" / "library"
    for path in source.rglob("*.yaml"):
        target = library / path.relative_to(source)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text())
    actor = library / "actors" / "RUS.yaml"
    text = actor.read_text().replace(
        """  by_year:
    2008: {gdp_usd_bn: 1661, military_usd_bn: 56.2, nuclear: true}
    2012: {gdp_usd_bn: 2208, military_usd_bn: 81.5, nuclear: true}
""",
        """  gdp_usd_bn:
    2007: 1300
    2008: 1661
    2009: 1223
  military_usd_bn: 56.2
  nuclear: true
""",
    )
    actor.write_text(text)
    return library / "base.yaml"


def test_an_actor_file_series_reaches_the_step_as_hand_computed(russia_by_year):
    scenario = load_scenario(russia_by_year)
    assert scenario.actors["RUS"].capabilities.gdp_usd_bn == {2007: 1300, 2008: 1661, 2009: 1223}
    assert scenario.actors["RUS"].capabilities.year is None
    compiled = compile_scenario(scenario)
    # window 2008Q2..2009Q4; growth 3 % a year beyond the data
    expected = [
        1300 + 0.875 * (1661 - 1300),  # 2008Q2
        1661 + 0.125 * (1223 - 1661),  # 2008Q3
        1661 + 0.375 * (1223 - 1661),
        1661 + 0.625 * (1223 - 1661),
        1661 + 0.875 * (1223 - 1661),  # 2009Q2
        1223 * 1.03**0.125,  # 2009Q3, past mid-2009
        1223 * 1.03**0.375,
        1223 * 1.03**0.625,  # 2010Q1, the quarter after the window
    ]
    np.testing.assert_allclose(compiled.gdp_series[:, 0], expected, rtol=1e-14)
    # a single figure is the first quarter's value, growing from there (5 % a year)
    np.testing.assert_allclose(compiled.military_series[:, 0], 56.2 * 1.05 ** (np.arange(8) / 4))


def test_figures_after_capability_data_until_are_not_used():
    scenario = _with_gdp({2008: 1000.0, 2009: 2000.0, 2010: 4000.0}, growth=0.1)
    scenario.capability_data_until = 2008
    compiled = compile_scenario(scenario)
    # from mid-2008 on, the 2008 figure grows at 10 % a year; 2009 and 2010 are unseen
    times = quarter_midpoints(2008, 1, 7)
    np.testing.assert_allclose(compiled.gdp_series[:, 0], 1000.0 * 1.1 ** (times - 2008.5))
