"""What the Mesa model's ``DataCollector`` records, declared as data: each reporter's name,
what it means and how it is read from the model (a function of the model, or an attribute
of :class:`~bargainsim.model.agents.StateAgent`). ``tests/model/test_reporters.py`` checks
every one against values computed by hand and against the output tables.

The collector records at construction (step 0, the start of the window) and after every
quarter, so a frame has ``n_quarters + 1`` rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from bargainsim.model.threat import composite_view
from bargainsim.vocabulary import IssueStatus, Posture


@dataclass(frozen=True)
class Reporter:
    name: str
    meaning: str
    read: Callable | str  # function of the model, or the name of an agent attribute


def _off_diagonal(matrix: np.ndarray) -> np.ndarray:
    return matrix[~np.eye(matrix.shape[0], dtype=bool)]


def _mean_composite_cooperation(model) -> float:
    # Over ordered pairs i != j this is also the mean over dyads of the dyad composite
    # (both sides' views averaged, as in the dyads table); the diagonal is no relation.
    view = composite_view(model.state.cooperation, model.state.preferences)[0]
    return float(_off_diagonal(view).mean())


def _deadlocked_issues(model) -> int:
    return int((model.state.status[0] == IssueStatus.DEADLOCK).sum())


def _share_balancing(model) -> float:
    return float((_off_diagonal(model.state.postures[0]) == Posture.BALANCE).mean())


MODEL_REPORTERS: tuple[Reporter, ...] = (
    Reporter(
        "quarter",
        "the quarter at whose end the state is observed (the one before the window at "
        "the start), as in the output tables",
        lambda model: model.quarter,
    ),
    Reporter(
        "mean_composite_cooperation",
        "mean, over every ordered pair i != j, of i's composite view of its relation with "
        "j: its preference-weighted mean of the four variables' cooperation",
        _mean_composite_cooperation,
    ),
    Reporter(
        "deadlocked_issues", "how many issues are classed deadlock this quarter", _deadlocked_issues
    ),
    Reporter(
        "share_balancing",
        "share of ordered pairs i != j in which i balances j this quarter",
        _share_balancing,
    ),
)
AGENT_REPORTERS: tuple[Reporter, ...] = (
    Reporter("power", "the state's aggregate power share (mean of GDP and military)", "power"),
    Reporter("preferences", "its preference weights by variable (sum 1)", "preferences"),
    Reporter("stances", "its bargaining stance (0-100) by issue", "stances"),
    Reporter("postures", "its posture toward each other state", "postures"),
    Reporter("views", "its composite view of its relation with each other state", "views"),
)


def collector_arguments() -> dict[str, dict[str, Callable | str]]:
    """The keyword arguments of ``mesa.DataCollector`` for these reporters."""
    return {
        "model_reporters": {r.name: r.read for r in MODEL_REPORTERS},
        "agent_reporters": {r.name: r.read for r in AGENT_REPORTERS},
    }
