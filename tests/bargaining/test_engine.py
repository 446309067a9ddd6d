"""Engine behaviour: a case computed by hand, batching, degenerate inputs, options, and
invariants on random inputs (hypothesis) and larger generated scenarios."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bargainsim.bargaining import (
    STATUS_QUO,
    BigRAdjust,
    InvalidOptionsError,
    InvalidStateError,
    OptionNotImplementedError,
    SMPOptions,
    SMPState,
    VotingRule,
    run_to_convergence,
    smp_turn,
)
from bargainsim.bargaining.convergence import state_distance
from bargainsim.bargaining.turn import analyse_state
from bargainsim.errors import BargainsimError, DegenerateInputError


def line_of_three() -> SMPState:
    """Three equal actors at 0, 1/2 and 1 on one issue, each with full salience."""
    return SMPState(
        capability=np.ones(3),
        position=np.array([[0.0], [0.5], [1.0]]),
        salience=np.ones((3, 1)),
    )


def random_state(rng: np.random.Generator, n: int, d: int, batch=()) -> SMPState:
    salience = rng.uniform(0.05, 0.5, (*batch, n, d))
    salience = salience / np.maximum(salience.sum(-1, keepdims=True), 1.0)
    return SMPState(
        capability=rng.uniform(50, 150, (*batch, n)),
        position=rng.uniform(0, 1, (*batch, n, d)).round(2),
        salience=salience,
    )


# -- a case computed by hand ---------------------------------------------------------------


def test_risk_attitudes_by_hand():
    """Risk-neutral utilities 1−|x_i−x_j|; coalitions C01 = .5, C10 = 1, C02 = C20 = 1,
    C12 = 1, C21 = .5 give P = [[.5, 1/3, .5], [2/3, .5, 2/3], [.5, 1/3, .5]], so
    p = (3/14, 8/14, 3/14) and the Mid rule maps them to (−1/2, 1, −1/2)."""
    analysis = analyse_state(line_of_three())
    np.testing.assert_allclose(analysis.risk_attitude, [-0.5, 1.0, -0.5], atol=1e-8)


def test_challenges_by_hand():
    """Actor 0 (r = −1/2) judging 0 vs 1: U00 = 1, U01 = u(.5, −.5) = .375, U10 = u(.5, 0)
    = .5, so A = .625, B = .5. Third party 2 (r^0_2 = −1/2) prefers 1 alone (v⁰ = −.375),
    π = .625 / 1.5 = 5/12, and its SemiCommit vote 5/12·1 + 7/12·(.375 − 1) = .625/12
    goes to 0's side: φ = (.625 + .625/12) / (1.125 + .625/12). With S_1 = 1 the gain is
    (2φ − 1)(U00 − U01). The middle actor's best φ is below 1/2, so it waits."""
    result = smp_turn(line_of_three())
    phi = (0.625 + 0.625 / 12) / (1.125 + 0.625 / 12)
    assert result.target.tolist() == [1, STATUS_QUO, 1]
    np.testing.assert_allclose(result.challenge_probability, [phi, 0.0, phi], atol=1e-9)
    np.testing.assert_allclose(
        result.expected_gain, [(2 * phi - 1) * 0.625, 0.0, (2 * phi - 1) * 0.625], atol=1e-9
    )
    # The offer to the initiator interpolates with weights φ² and (1 − φ)² (S2P2).
    offered = round(((1 - phi) ** 2 * 0.5) / (phi**2 + (1 - phi) ** 2), 4)
    assert result.offered_position[0, 0] == pytest.approx(offered, abs=1e-12)
    assert result.offered_position[1, 0] == 0.5  # no challenge: its own position


# -- batching ------------------------------------------------------------------------------


@pytest.mark.parametrize("batch", [(5,), (2, 3)])
def test_batched_turn_equals_stacked_single_turns(batch):
    rng = np.random.default_rng(20240611)
    state = random_state(rng, n=6, d=2, batch=batch)
    batched = smp_turn(state)
    for index in np.ndindex(*batch):
        single = smp_turn(
            SMPState(state.capability[index], state.position[index], state.salience[index])
        )
        for field in dataclasses.fields(single):
            ours = getattr(batched, field.name)[index]
            assert np.array_equal(ours, getattr(single, field.name)), (field.name, index)


def test_turn_reads_only_the_given_state():
    """Positions edited between calls are honoured: a turn depends on its input alone."""
    rng = np.random.default_rng(7)
    first = random_state(rng, 5, 2)
    edited = first.with_position(np.clip(first.position + 0.1, 0, 1))
    direct = smp_turn(edited)
    smp_turn(first)
    again = smp_turn(edited)
    assert np.array_equal(direct.next_position, again.next_position)


# -- degenerate inputs ---------------------------------------------------------------------


def test_everyone_at_one_point_is_a_finite_standstill():
    state = SMPState(np.array([1.0, 2.0, 3.0]), np.full((3, 2), 0.4), np.full((3, 2), 0.3))
    result = smp_turn(state)
    assert np.array_equal(result.risk_attitude, np.zeros(3))
    assert (result.target == STATUS_QUO).all()
    assert np.array_equal(result.next_position, state.position)
    assert np.isfinite(result.win_probability).all()
    run = run_to_convergence(state)
    assert run.turns == 2 and run.converged
    assert np.array_equal(run.fractional_change, [0.0, 0.0])


def test_actor_without_salience_is_no_party():
    rng = np.random.default_rng(3)
    state = random_state(rng, 6, 2)
    salience = state.salience.copy()
    salience[2] = 0.0
    state = SMPState(state.capability, state.position, salience)
    run = run_to_convergence(state)
    assert (run.positions[:, 2] == state.position[2]).all()
    for position in run.positions[:-1]:
        result = smp_turn(state.with_position(position))
        assert result.target[2] == STATUS_QUO
        assert (result.target != 2).all()
    assert np.isfinite(run.probabilities).all()


def test_zero_capability_actor_has_no_vote_but_no_nan():
    rng = np.random.default_rng(4)
    state = random_state(rng, 5, 1)
    capability = state.capability.copy()
    capability[[0, 3]] = 0.0
    run = run_to_convergence(SMPState(capability, state.position, state.salience))
    assert np.isfinite(run.positions).all() and np.isfinite(run.probabilities).all()


def test_all_capabilities_zero_is_degenerate():
    with pytest.raises(DegenerateInputError):
        SMPState(np.zeros(3), np.zeros((3, 1)), np.full((3, 1), 0.5))


def test_extreme_positions_only():
    """Every distance is 0 or 1 (KTAB refuses this input); the result is still finite."""
    state = SMPState(
        np.array([1.0, 2.0, 3.0, 4.0]),
        np.array([[0.0], [1.0], [1.0], [0.0]]),
        np.full((4, 1), 0.8),
    )
    run = run_to_convergence(state)
    assert np.isfinite(run.positions).all() and np.isfinite(run.risk_attitudes).all()


@pytest.mark.parametrize("n", [1, 2])
def test_fewer_than_three_actors(n):
    state = SMPState(np.ones(n), np.linspace(0, 1, n)[:, None], np.full((n, 1), 0.5))
    result = smp_turn(state)
    assert np.isfinite(result.win_probability).all()


def test_invalid_states_are_rejected():
    with pytest.raises(InvalidStateError):
        SMPState(np.ones(3), np.full((3, 1), 1.5), np.full((3, 1), 0.5))
    with pytest.raises(InvalidStateError):
        SMPState(np.ones(3), np.full((3, 2), 0.5), np.full((3, 2), 0.6))  # total 1.2
    with pytest.raises(InvalidStateError):
        SMPState(np.ones(4), np.full((3, 1), 0.5), np.full((3, 1), 0.5))
    with pytest.raises(InvalidStateError):
        SMPState(np.array([1.0, -1.0, 1.0]), np.full((3, 1), 0.5), np.full((3, 1), 0.5))
    with pytest.raises(InvalidStateError):
        SMPState(np.ones(3), np.full((3, 1), np.nan), np.full((3, 1), 0.5))


def test_run_to_convergence_takes_one_state():
    rng = np.random.default_rng(1)
    with pytest.raises(InvalidStateError):
        run_to_convergence(random_state(rng, 4, 1, batch=(2,)))


# -- options -------------------------------------------------------------------------------


def test_only_default_options_exist():
    with pytest.raises(OptionNotImplementedError, match="not implemented"):
        SMPOptions(voting_rule=VotingRule.BINARY)
    with pytest.raises(OptionNotImplementedError):
        SMPOptions(big_r_adjust=BigRAdjust.FULL)
    with pytest.raises(InvalidOptionsError):
        SMPOptions(min_turns=5, max_turns=3)
    assert issubclass(OptionNotImplementedError, BargainsimError)


def test_max_turns_caps_the_run():
    rng = np.random.default_rng(11)
    run = run_to_convergence(random_state(rng, 8, 2), SMPOptions(max_turns=3))
    assert run.turns <= 3 and run.positions.shape[0] == run.turns + 1


# -- invariants ----------------------------------------------------------------------------


@st.composite
def states(draw):
    n = draw(st.integers(1, 7))
    d = draw(st.integers(1, 3))
    grid = draw(st.sampled_from([2, 3, 11, 101]))  # coarse grids make actors co-locate
    position = np.array(draw(st.lists(st.integers(0, grid - 1), min_size=n * d, max_size=n * d)))
    salience = np.array(draw(st.lists(st.integers(0, 4), min_size=n * d, max_size=n * d)))
    capability = np.array(draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)), float)
    if capability.sum() == 0:
        capability[draw(st.integers(0, n - 1))] = 1.0
    scale = draw(st.sampled_from([1.0, 1e-6, 1e6]))
    salience = salience.reshape(n, d) / 4.0
    salience = salience / np.maximum(salience.sum(-1, keepdims=True), 1.0)
    return SMPState(capability * scale, position.reshape(n, d) / (grid - 1), salience)


@settings(max_examples=150, deadline=None)
@given(states())
def test_a_turn_is_finite_and_in_range(state):
    result = smp_turn(state)
    n = state.n_actors
    assert np.isfinite(result.next_position).all()
    assert ((result.next_position >= 0) & (result.next_position <= 1)).all()
    for values in (result.win_probability, result.challenge_probability):
        assert np.isfinite(values).all() and ((values >= 0) & (values <= 1)).all()
    assert np.isfinite(result.expected_gain).all()
    # r lies in [−0.5, 1] up to rounding, which dominates (as in KTAB) when every position
    # is almost equally likely; it is always finite.
    assert np.isfinite(result.risk_attitude).all()
    assert ((result.target >= -1) & (result.target < n)).all()
    assert (result.target != np.arange(n)).all()
    assert ((result.chosen_option >= -1) & (result.chosen_option < n)).all()
    unchanged = result.chosen_option == STATUS_QUO
    assert np.array_equal(result.next_position[unchanged], state.position[unchanged])


@settings(max_examples=25, deadline=None)
@given(states())
def test_a_run_is_finite(state):
    run = run_to_convergence(state, SMPOptions(max_turns=12))
    assert np.isfinite(run.positions).all() and np.isfinite(run.probabilities).all()
    assert np.isfinite(run.fractional_change).all()


@pytest.mark.parametrize(("n", "d", "seed"), [(13, 2, 1), (40, 1, 2), (27, 6, 3), (9, 8, 4)])
def test_generated_scenarios_converge_with_ktab_invariants(n, d, seed):
    rng = np.random.default_rng(seed)
    state = random_state(rng, n, d)
    run = run_to_convergence(state)
    assert 2 <= run.turns <= 100
    assert np.isfinite(run.positions).all()
    assert ((run.positions >= 0) & (run.positions <= 1)).all()
    assert run.fractional_change[0] == pytest.approx(1.0, abs=1e-3)
    assert ((run.risk_attitudes >= -0.5 - 1e-9) & (run.risk_attitudes <= 1 + 1e-9)).all()
    # A moved coordinate is a bargain point: a multiple of 1e-4 on the [0, 1] scale.
    moved = run.positions[-1] != state.position
    scaled = run.positions[-1][moved] * 1e4
    np.testing.assert_allclose(scaled, np.round(scaled), atol=1e-6)
    # Reported probabilities lie in [0, 1]; co-located actors report the same number.
    assert ((run.probabilities >= 0) & (run.probabilities <= 1)).all()
    final = run.positions[-1]
    distance = np.linalg.norm(final[:, None] - final[None], axis=-1)
    same = distance < 1e-9
    probability = run.probabilities[-1]
    assert np.array_equal(
        np.where(same, probability[None, :], 0), np.where(same, probability[:, None], 0)
    )
    steps = [
        state_distance(a, b) for a, b in zip(run.positions[:-1], run.positions[1:], strict=True)
    ]
    np.testing.assert_allclose(
        run.fractional_change, np.array(steps) / (steps[0] + 1e-4), rtol=1e-12
    )


def test_contest_survives_underflowing_products():
    """With 400 lopsided options every product Π P underflows; the log-space fallback
    gives the same normalised probabilities as exact logarithms."""
    from bargainsim.bargaining.utility import conditional_pce

    m = 400
    rng = np.random.default_rng(5)
    victory = rng.uniform(1e-3, 2e-3, (m, m))
    np.fill_diagonal(victory, 0.5)
    probability = conditional_pce(victory)
    log_product = np.log(victory).sum(axis=1)
    expected = np.exp(log_product - log_product.max())
    np.testing.assert_allclose(probability, expected / expected.sum(), rtol=1e-9)
    member = np.arange(m) % 2 == 0
    masked = conditional_pce(victory, member)
    assert (masked[~member] == 0).all() and masked.sum() == pytest.approx(1.0)
