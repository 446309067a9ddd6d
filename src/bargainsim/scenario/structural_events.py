"""Events that change the agenda and the structure relations grow from: issues that open
and close, deployments of offensive capability, a bloc's enlargement and treaties.

Each schema's docstring is its type's documentation, as in :mod:`bargainsim.scenario.events`
(which lists them in ``EVENT_TYPES``); their effects are in :mod:`bargainsim.model.structure`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from bargainsim.scenario.event_base import EventBase
from bargainsim.scenario.fields import (
    ActorRef,
    InstitutionRef,
    IssueRef,
    QuarterInWindow,
    Variables,
    number,
    problem,
)
from bargainsim.scenario.quarters import Quarter


def _not_before(value: Any, info: ValidationInfo, *earlier: str) -> Any:
    """``value`` no earlier than the quarters of the fields named (those given and valid)."""
    for name in earlier:
        other = info.data.get(name)
        if value is not None and other is not None and value < other:
            raise problem(f"a quarter no earlier than '{name}' ({other})")
    return value


class IssueOpenEvent(EventBase):
    """Puts ``issue`` on the agenda: its parties take up the saliences the issue file
    declares for them, or those they held when it last closed (each actor's other saliences
    scaled down so that its total stays at most 100). An issue the scenario lists under
    ``closed_issues`` is off the agenda until such an event; opening an issue already open
    changes nothing."""

    type: Literal["issue_open"]
    issue: IssueRef


class IssueCloseEvent(EventBase):
    """Takes ``issue`` off the agenda: every actor's salience of it is 0, so it has no
    parties, until an ``issue_open`` event; positions are kept. A ``salience_change`` of a
    closed issue changes the salience its actor brings when the issue reopens."""

    type: Literal["issue_close"]
    issue: IssueRef


class DeploymentEvent(EventBase):
    """``by`` deploys offensive capability near ``near``. While in place, from the event's
    quarter through ``until`` (inclusive; the end of the window if left out), ``near`` sees
    ``by``'s offensive capability toward it raised by ``level`` (0..1], capped at 1, and
    each quarter counts the deployment, by its level, as hostile evidence in its belief
    about ``by``'s intent (docs/model.md §5). A later deployment by the same actor near the
    same state replaces the level and the end."""

    type: Literal["deployment"]
    by: ActorRef
    near: ActorRef
    level: number(gt=0.0, le=1.0)
    until: QuarterInWindow | None = None

    @field_validator("near")
    @classmethod
    def _near_another(cls, value: str, info: ValidationInfo) -> str:
        if value == info.data.get("by"):
            raise problem(f"a state other than the deployer 'by' ({value})")
        return value

    @field_validator("until")
    @classmethod
    def _until_in_order(cls, value: Any, info: ValidationInfo) -> Any:
        return _not_before(value, info, "quarter")


class BlocEnlargementEvent(EventBase):
    """``institution`` extends toward ``toward``, a state outside it: each member's
    proximity to that state is raised to at least ``proximity`` (0..1], for good, and the
    step counts once, by ``evidence`` (0..5, default 1: as much as one quarter of
    balancing), as hostile evidence of each member in the state's belief about its intent
    (docs/model.md §5). The members are those of the moment; in a run where ``toward`` is
    itself a member, nothing happens."""

    type: Literal["bloc_enlargement"]
    institution: InstitutionRef
    toward: ActorRef
    proximity: number(gt=0.0, le=1.0)
    evidence: number(ge=0.0, le=5.0) = 1.0


class TreatyEvent(EventBase):
    """A treaty among ``parties`` (two or more) covering ``variables``, dated by ``signed``
    rather than ``quarter``. From its signature it counts as half a shared institution of
    every two parties on those variables; from ``in_force`` (if left out, it does not enter
    into force within the window) as a whole one; through ``until`` (inclusive; the end of
    the window if left out). ``probability`` is the chance that it is signed at all
    (docs/model.md §8)."""

    type: Literal["treaty"]
    parties: list[ActorRef] = Field(min_length=2)
    variables: Variables
    signed: QuarterInWindow
    in_force: QuarterInWindow | None = None
    until: QuarterInWindow | None = None

    @field_validator("quarter", "when", mode="before")
    @classmethod
    def _dated_by_signature(cls, value: Any) -> Any:
        if value is not None:
            raise problem("no 'quarter' or 'when' on a treaty: 'signed' dates it")
        return value

    @field_validator("parties")
    @classmethod
    def _parties_once(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise problem("parties listed once each")
        return value

    @field_validator("in_force")
    @classmethod
    def _in_force_in_order(cls, value: Any, info: ValidationInfo) -> Any:
        return _not_before(value, info, "signed")

    @field_validator("until")
    @classmethod
    def _until_in_order(cls, value: Any, info: ValidationInfo) -> Any:
        return _not_before(value, info, "signed", "in_force")

    @model_validator(mode="after")
    def _one_timing(self) -> TreatyEvent:
        # Replaces the base check: a treaty has neither 'quarter' nor 'when', so it is
        # scheduled by its signature.
        if not self.once:
            raise problem("'once' only on conditional ('when') events")
        return self

    @property
    def scheduled(self) -> Quarter:
        return self.signed
