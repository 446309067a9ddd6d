"""The domain vocabulary, defined once.

The four analytic variables are the axes of preferences and relations in both source
papers (Feng 2012, sections I-IV; Xu 2008, part I).
"""

from __future__ import annotations

from enum import IntEnum, StrEnum


class Variable(StrEnum):
    """The four analytic variables; the order is the array axis order everywhere."""

    MILITARY = "military"
    GEOPOLITICS = "geopolitics"
    ECONOMICS = "economics"
    DOMESTIC = "domestic"

    @property
    def index(self) -> int:
        return list(Variable).index(self)


class Posture(IntEnum):
    """An actor's stance toward another actor in one quarter (Walt 1987; hedging per
    Kuik 2008). The integer value is the code stored in arrays and output tables."""

    COOPERATE = 0
    HEDGE = 1
    BALANCE = 2


class IssueStatus(IntEnum):
    """Bargaining outcome class of one issue in one quarter."""

    OPEN = 0
    DEADLOCK = 1
    COMPROMISE = 2


VARIABLES: tuple[Variable, ...] = tuple(Variable)
N_VARIABLES = len(VARIABLES)
