"""Capabilities by quarter: an actor's GDP and military spending as ``(Q+1,)`` series.

Entry k is the figure in force during the window's k-th quarter (step k, from 0); entry Q,
one quarter past the end, is what the state holds after the last quarter.

- **One figure** is the value at the window's first quarter; each later quarter multiplies
  it by ``(1 + annual_growth)^(1/4)``, in the order the quarter step used to apply it, so
  the numbers are the ones compounding quarter by quarter gives.
- **A series by year** reads each year's figure as its mid-year value, the point between
  its second and third quarters (annual data are flows over the year, centred on
  1 July). A quarter takes the value at its own midpoint by linear interpolation between
  the two nearest years: 2009Q1 is 5/8 of the way from the 2008 figure to the 2009 one,
  2009Q2 7/8, 2009Q3 1/8 of the way on to 2010. Before the first year's midpoint and
  after the last's, the nearest figure grows (or shrinks) at ``annual_growth`` a year.

A scenario's ``capability_data_until`` leaves out the figures of later years, so that a
forecast sees only the data of its own time and the trend carries it on from there.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

COMPONENTS = ("gdp_usd_bn", "military_usd_bn")


def quarter_midpoints(start_year: int, start_quarter: int, n: int) -> np.ndarray:
    """Midpoints, in years, of ``n`` quarters from the given one (2008Q1 → 2008.125)."""
    return start_year + (start_quarter - 0.5) / 4.0 + np.arange(n) / 4.0


def component_series(
    figures: float | Mapping[int, float], annual_growth: float, times: np.ndarray
) -> np.ndarray:
    """The values at ``times`` (quarter midpoints, :func:`quarter_midpoints`)."""
    if not isinstance(figures, Mapping):
        steps = np.full(len(times), (1.0 + annual_growth) ** 0.25)
        steps[0] = float(figures)
        return np.cumprod(steps)
    years = np.array(sorted(figures), dtype=float)
    values = np.array([float(figures[int(year)]) for year in years])
    points = years + 0.5
    inside = np.interp(times, points, values)
    before = values[0] * (1.0 + annual_growth) ** (times - points[0])
    after = values[-1] * (1.0 + annual_growth) ** (times - points[-1])
    return np.where(times < points[0], before, np.where(times > points[-1], after, inside))


def capability_series(
    actors, start_year: int, start_quarter: int, n_quarters: int, until: int | None = None
) -> dict:
    """``{component: (Q+1, N) array}`` for actors with ``capabilities`` as validated;
    series figures of years after ``until`` are left out (beyond it, growth carries on)."""
    times = quarter_midpoints(start_year, start_quarter, n_quarters + 1)
    series = {}
    for component in COMPONENTS:
        columns = []
        for actor in actors:
            capabilities = actor.capabilities
            growth = (getattr(capabilities, "annual_growth", None) or {}).get(component, 0.0)
            figures = getattr(capabilities, component)
            if isinstance(figures, Mapping) and until is not None:
                figures = {year: value for year, value in figures.items() if year <= until}
            columns.append(component_series(figures, float(growth), times))
        series[component] = np.stack(columns, axis=1).reshape(n_quarters + 1, len(actors))
    return series
