"""The SMP bargaining engine: KTAB's Spatial Model of Politics with its default options.

Pure numpy, no mesa and no pandas, so that ``bargainsim smp`` starts fast. See
docs/bargaining.md for the equations and the choices made for degenerate inputs.
"""

from bargainsim.bargaining.convergence import SMPRun, run_to_convergence
from bargainsim.bargaining.options import (
    DEFAULT_OPTIONS,
    BargnModel,
    BigRAdjust,
    BigRRange,
    InterVecBrgn,
    InvalidOptionsError,
    OptionNotImplementedError,
    PCEModel,
    SMPOptions,
    StateTransitions,
    ThirdPartyCommit,
    VictoryProbModel,
    VotingRule,
)
from bargainsim.bargaining.state import InvalidStateError, SMPState
from bargainsim.bargaining.turn import STATUS_QUO, TurnResult, smp_turn

__all__ = [
    "DEFAULT_OPTIONS",
    "STATUS_QUO",
    "BargnModel",
    "BigRAdjust",
    "BigRRange",
    "InterVecBrgn",
    "InvalidOptionsError",
    "InvalidStateError",
    "OptionNotImplementedError",
    "PCEModel",
    "SMPOptions",
    "SMPRun",
    "SMPState",
    "StateTransitions",
    "ThirdPartyCommit",
    "TurnResult",
    "VictoryProbModel",
    "VotingRule",
    "run_to_convergence",
    "smp_turn",
]
