"""The engine against KTAB's published 3Dim reference run: outputs byte for byte, and every
intermediate quantity the reference log prints, state by state."""

from __future__ import annotations

import re

import numpy as np
import pytest

from bargainsim.bargaining import run_to_convergence, smp_turn
from bargainsim.bargaining.ktab_csv import read_ktab_csv
from bargainsim.bargaining.report import positions_csv_text, summary_lines
from bargainsim.bargaining.turn import analyse_state
from bargainsim.bargaining.utility import utility


@pytest.fixture(scope="module")
def scenario(three_dim_input):
    return read_ktab_csv(three_dim_input)


@pytest.fixture(scope="module")
def run(scenario):
    return run_to_convergence(scenario.state())


@pytest.fixture(scope="module")
def log_lines(three_dim_log):
    return three_dim_log.read_text().splitlines()


def _matrices_after(lines: list[str], title: str, rows: int) -> list[list[str]]:
    """Every matrix printed under ``title``, as rows of printed cells."""
    found = []
    for index, line in enumerate(lines):
        if line.strip() == title:
            found.append([lines[index + 1 + r].split() for r in range(rows)])
    return found


def test_positions_are_byte_identical(run, three_dim_positions):
    expected = three_dim_positions.read_bytes()
    assert positions_csv_text(run.positions).encode() == expected


def test_summary_is_byte_identical(run, scenario, three_dim_summary):
    expected = three_dim_summary.read_text().splitlines()
    lines = summary_lines(run.fractional_change, run.probabilities, scenario.actor_names)
    assert lines == expected
    assert run.turns == 10 and run.converged


def test_risk_attitudes_every_state(run, scenario, log_lines):
    printed = _matrices_after(log_lines, "Inferred risk attitudes:", scenario.position.shape[0])
    assert len(printed) == run.turns + 1
    for state_index, block in enumerate(printed):
        ours = [f"{r:+.3f}" for r in run.risk_attitudes[state_index]]
        assert ours == [row[0] for row in block], f"state {state_index}"


def test_utility_matrices_every_state(run, scenario, log_lines):
    n = scenario.position.shape[0]
    neutral = _matrices_after(log_lines, "Raw actor-pos value matrix (risk neutral)", n)
    objective = _matrices_after(log_lines, "Risk-aware actor-pos utility matrix (objective):", n)
    for state_index, position in enumerate(run.positions):
        analysis = analyse_state(scenario.state().with_position(position))
        ours_neutral = [[f"{v:+.3f}" for v in row] for row in 1 - analysis.distance]
        assert ours_neutral == neutral[state_index], f"state {state_index}"
        risk = analysis.risk_attitude[:, None]
        ours_objective = [[f"{v:+.4f}" for v in row] for row in utility(analysis.distance, risk)]
        assert ours_objective == objective[state_index], f"state {state_index}"


def test_perceived_utility_matrices_turn_zero(scenario, log_lines):
    n = scenario.position.shape[0]
    analysis = analyse_state(scenario.state())
    r = analysis.risk_attitude
    for h in range(n):
        printed = _matrices_after(log_lines, f"Estimate by {h} of risk-aware utility matrix:", n)[0]
        perceived = ((2.0 * r[h]) + r) / 3.0
        ours = utility(analysis.distance, perceived[:, None])
        assert [[f"{v:+.4f}" for v in row] for row in ours] == printed, f"h = {h}"


_TARGET = re.compile(r"In turn (\d+) actor (\d+) has most advantageous target (\d+) worth")
_OWN_ESTIMATE = re.compile(
    r"Est by +(\d+) of prob ([\d.]+) that \[ *(\d+)> *(\d+)\], with expected gain to +(\d+) of "
    r"([+-][\d.]+)"
)


def test_targets_probabilities_and_gains_every_turn(run, scenario, log_lines):
    expected: dict[int, dict[int, tuple[int, str, str]]] = {}
    for index, line in enumerate(log_lines):
        match = _TARGET.search(line)
        if not match:
            continue
        turn, initiator, target = map(int, match.groups())
        for follower in log_lines[index + 1 : index + 3]:
            own = _OWN_ESTIMATE.search(follower)
            if own and own.group(1) == own.group(5) == str(initiator):
                expected.setdefault(turn, {})[initiator] = (target, own.group(2), own.group(6))
                break
    assert len(expected) == run.turns
    for turn in range(run.turns):
        result = smp_turn(scenario.state().with_position(run.positions[turn]))
        ours = {
            i: (int(j), f"{result.challenge_probability[i]:.4f}", f"{result.expected_gain[i]:+.4f}")
            for i, j in enumerate(result.target)
            if j >= 0
        }
        assert ours == expected[turn], f"turn {turn}"
        np.testing.assert_array_equal(result.next_position, run.positions[turn + 1])


def test_turn_zero_bargain_of_actor_zero(scenario):
    """Log: 0 targets 6 and proposes 75.61/24.78/71.95 to itself, 24.79 on dim 1 to 6."""
    result = smp_turn(scenario.state())
    assert result.target[0] == 6
    np.testing.assert_allclose(result.offered_position[0] * 100, [75.61, 24.78, 71.95], atol=1e-9)
    # Actor 0's own queue chose the bargain initiated by 4 (log: bargain 1022, 4:0).
    assert result.chosen_option[0] == 4
