"""Known answers: the analysis recovers the published indices of the Ishigami function
(Ishigami and Homma 1990; analytic S1 and ST as in Saltelli et al. 2010, SALib's
regression tests) when the "model" is that function, ranks inputs by Morris μ*, and puts
a pure-noise output's indices at the noise floor."""

from __future__ import annotations

import numpy as np
import pytest

from bargainsim.errors import BargainsimError
from bargainsim.sensitivity.analysis import (
    NOISE,
    indices,
    noise_share,
    rank_inputs,
    with_noise_floor,
)
from bargainsim.sensitivity.design import sample_design

# Analytic values for a = 7, b = 0.1.
ISHIGAMI_S1 = [0.3139, 0.4424, 0.0]
ISHIGAMI_ST = [0.5576, 0.4424, 0.2437]


def ishigami(unit):
    x = -np.pi + 2 * np.pi * unit
    return np.sin(x[:, 0]) + 7 * np.sin(x[:, 1]) ** 2 + 0.1 * x[:, 2] ** 4 * np.sin(x[:, 0])


def test_sobol_recovers_the_ishigami_indices():
    design = sample_design("sobol", ["x1", "x2", "x3"], 2048, seed=3)
    found = indices(design, ishigami(design.unit))
    assert found["S1"].to_numpy() == pytest.approx(ISHIGAMI_S1, abs=0.03)
    assert found["ST"].to_numpy() == pytest.approx(ISHIGAMI_ST, abs=0.03)
    assert (found["ST_conf"] > 0).all() and (found["ST_conf"] < 0.1).all()


def test_morris_ranks_the_ishigami_inputs_as_published():
    design = sample_design("morris", ["x1", "x2", "x3"], 50, seed=4)
    found = indices(design, ishigami(design.unit))
    ranked = rank_inputs(
        with_noise_floor(design, ishigami(design.unit), np.zeros(design.n_points)), "morris"
    )
    # x3 acts only through its interaction with x1 (μ near 0, σ large).
    assert (
        abs(found.set_index("input").loc["x3", "mu"]) < found.set_index("input").loc["x3", "sigma"]
    )
    assert ranked["input"].iloc[-1] == NOISE
    assert ranked[ranked["input"] != NOISE]["above_noise"].all()


def test_noise_alone_stays_at_the_floor():
    rng = np.random.default_rng(0)
    design = sample_design("sobol", ["a", "b"], 256, seed=1)
    signal = 3 * design.unit[:, 0]
    noisy = signal + rng.normal(0, 0.3, design.n_points)
    found = rank_inputs(
        with_noise_floor(design, noisy, rng.normal(0, 0.3, design.n_points)), "sobol"
    )
    by_input = found.set_index("input")
    assert by_input.loc["a", "above_noise"]
    assert not by_input.loc["b", "above_noise"]
    # The floor is about the noise's share of the output's variance (0.09 / 0.84).
    assert by_input.loc[NOISE, "ST"] == pytest.approx(0.09 / 0.84, abs=0.05)


def test_noise_share_of_replicates():
    rng = np.random.default_rng(1)
    points = np.repeat(np.arange(40), 25)
    values = np.repeat(rng.normal(0, 1, 40), 25) + rng.normal(0, 1, 1000)
    shares = noise_share(values, points, 25)
    assert shares["noise_share_runs"] == pytest.approx(0.5, abs=0.15)
    assert shares["noise_share_means"] == pytest.approx(0.04, abs=0.03)


def test_a_constant_output_has_zero_indices():
    design = sample_design("morris", ["a", "b"], 4, seed=0)
    assert (indices(design, np.ones(design.n_points))[["mu_star", "sigma"]] == 0).all().all()


@pytest.mark.parametrize(("method", "base"), [("sobol", 100), ("morris", 1), ("fast", 8)])
def test_bad_design_sizes_are_refused(method, base):
    with pytest.raises(BargainsimError):
        sample_design(method, ["a"], base, seed=0)
