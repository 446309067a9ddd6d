"""Model options of the SMP engine, named as KTAB names them (ALGORITHM.md, header and §2).

Only KTAB's default choice of each option is implemented. Every option is an Enum so the
vocabulary is explicit; choosing anything else raises :class:`OptionNotImplementedError`
when the options object is built, not halfway through a run.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from enum import Enum

from bargainsim.errors import BargainsimError


class InvalidOptionsError(BargainsimError):
    """SMP options that cannot be used (e.g. inconsistent turn bounds)."""


class OptionNotImplementedError(InvalidOptionsError):
    """A model option other than KTAB's default was requested; only the defaults exist."""


class VictoryProbModel(Enum):
    """How coalition strengths become a pairwise victory probability (§3.3.2)."""

    LINEAR = "Linear"
    SQUARE = "Square"
    QUARTIC = "Quartic"
    OCTIC = "Octic"
    BINARY = "Binary"


class VotingRule(Enum):
    """How a utility difference becomes a vote (§3.3.1)."""

    PROPORTIONAL = "Prop"
    BINARY = "Binary"
    PROP_BIN = "PropBin"
    PROP_CUBIC = "PropCbc"
    CUBIC = "Cubic"
    ASYMMETRIC_PROSPECT = "ASymProsp"


class PCEModel(Enum):
    """Probabilistic Condorcet election over the pairwise probabilities (§3.3.3)."""

    CONDITIONAL = "Conditional"
    MARKOV_INCENTIVE = "MarkovIncentive"
    MARKOV_UNIFORM = "MarkovUniform"


class StateTransitions(Enum):
    """How an actor picks among the options in its queue (§4.5)."""

    DETERMINISTIC = "Deterministic"
    STOCHASTIC = "Stochastic"


class BigRRange(Enum):
    """Range onto which position probabilities are mapped as risk attitudes (§3.4)."""

    MID = "Mid"
    MIN = "Min"
    MAX = "Max"


class BigRAdjust(Enum):
    """How actor h estimates actor i's risk attitude (§3.5)."""

    ONE_THIRD = "OneThird"
    FULL = "FullRA"
    TWO_THIRDS = "TwoThirds"
    HALF = "Half"
    NONE = "NoRA"


class ThirdPartyCommit(Enum):
    """How committed a third party is to the side it joins in a challenge (§4.1.2)."""

    SEMI_COMMIT = "SemiCommit"
    FULL_COMMIT = "FullCommit"
    NO_COMMIT = "NoCommit"


class InterVecBrgn(Enum):
    """How a bargain's compromise point is interpolated (§4.3)."""

    S2P2 = "S2P2"
    S1P1 = "S1P1"
    S2P_MAX = "S2PMax"


class BargnModel(Enum):
    """Whose probability estimate shapes the bargain (§4.3)."""

    INIT_ONLY_INTERP = "InitOnlyInterp"
    INIT_RCVR_INTERP = "InitRcvrInterp"
    PWGT_INTERP = "PWCompInterp"


_DEFAULT_CHOICES: dict[str, Enum] = {
    "victory_prob_model": VictoryProbModel.LINEAR,
    "voting_rule": VotingRule.PROPORTIONAL,
    "pce_model": PCEModel.CONDITIONAL,
    "state_transitions": StateTransitions.DETERMINISTIC,
    "big_r_range": BigRRange.MID,
    "big_r_adjust": BigRAdjust.ONE_THIRD,
    "third_party_commit": ThirdPartyCommit.SEMI_COMMIT,
    "inter_vec_brgn": InterVecBrgn.S2P2,
    "bargn_model": BargnModel.INIT_ONLY_INTERP,
}


@dataclass(frozen=True)
class SMPOptions:
    """Options and constants of one SMP run; the defaults are KTAB's (§2).

    ``position_contest_floor`` ε_P, ``challenge_floor`` ε_C, ``min_expected_gain`` θ,
    ``interpolation_floor`` ε_W, ``same_position_tolerance`` τ, ``min_turns`` /
    ``max_turns`` (minIter, maxIter), ``stop_ratio`` ρ, ``first_change_guard`` δ.
    """

    victory_prob_model: VictoryProbModel = VictoryProbModel.LINEAR
    voting_rule: VotingRule = VotingRule.PROPORTIONAL
    pce_model: PCEModel = PCEModel.CONDITIONAL
    state_transitions: StateTransitions = StateTransitions.DETERMINISTIC
    big_r_range: BigRRange = BigRRange.MID
    big_r_adjust: BigRAdjust = BigRAdjust.ONE_THIRD
    third_party_commit: ThirdPartyCommit = ThirdPartyCommit.SEMI_COMMIT
    inter_vec_brgn: InterVecBrgn = InterVecBrgn.S2P2
    bargn_model: BargnModel = BargnModel.INIT_ONLY_INTERP

    position_contest_floor: float = 1e-8
    challenge_floor: float = 1e-10
    min_expected_gain: float = 1e-5
    interpolation_floor: float = 1e-6
    same_position_tolerance: float = 1e-3
    min_turns: int = 2
    max_turns: int = 100
    stop_ratio: float = 0.02
    first_change_guard: float = 1e-4

    def __post_init__(self) -> None:
        for field in fields(self):
            default = _DEFAULT_CHOICES.get(field.name)
            if default is None:
                continue
            chosen = getattr(self, field.name)
            if chosen is not default:
                raise OptionNotImplementedError(
                    f"SMP option {field.name}={getattr(chosen, 'value', chosen)!r} is not "
                    f"implemented; only KTAB's default {default.value!r} is"
                )
        if self.min_turns < 1 or self.max_turns < self.min_turns:
            raise InvalidOptionsError(
                f"SMP turn bounds must satisfy 1 <= min_turns <= max_turns; got "
                f"min_turns={self.min_turns}, max_turns={self.max_turns}"
            )


DEFAULT_OPTIONS = SMPOptions()
"""KTAB's default options; used as the default argument everywhere."""
