"""The event types' schemas: one validated model per event type and per condition.

An event changes the model's state at a quarter (``quarter:``) or whenever a condition
on the state holds (``when:``). A schema's docstring is its type's documentation. The
registry in :mod:`bargainsim.model.events` gives every schema listed in
:data:`EVENT_TYPES` and :data:`CONDITION_TYPES` its effect (it refuses to load with one
missing); ``docs/scenarios.md`` documents every type for scenario authors. What every
event shares (timing, conditions) is in :mod:`bargainsim.scenario.event_base`; the types
that change the agenda and the structure relations grow from (deployments, blocs,
treaties) are in :mod:`bargainsim.scenario.structural_events`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import Discriminator, Field, Tag, model_validator

from bargainsim.scenario.event_base import (
    CONDITION_TYPES,
    Condition,
    ConditionBase,
    CooperationAboveCondition,
    CooperationBelowCondition,
    DeltaOrTo,
    EventBase,
    HasStake,
    IssueStatusCondition,
)
from bargainsim.scenario.fields import (
    ActorRef,
    Dyad,
    InstitutionRef,
    IssueRef,
    Preferences,
    QuarterInWindow,
    Text,
    Variables,
    number,
    problem,
)
from bargainsim.scenario.structural_events import (
    BlocEnlargementEvent,
    DeploymentEvent,
    IssueCloseEvent,
    IssueOpenEvent,
    TreatyEvent,
)
from bargainsim.vocabulary import Variable

# Events -------------------------------------------------------------------------------


class ShockEvent(EventBase):
    """A discrete sudden event: adds ``delta`` (-2..2) to the cooperation of ``dyad`` on
    ``variables`` (a list, or ``all``), clipped to [-1, 1]. ``justification`` says why a
    shock, rather than a change of interests, represents it."""

    type: Literal["shock"]
    dyad: Dyad
    variables: Variables
    delta: number(ge=-2.0, le=2.0)
    justification: Text


class PositionShiftEvent(HasStake, DeltaOrTo, EventBase):
    """Moves ``actor``'s position on ``issue`` by ``delta`` or ``to`` a value (0..100)."""

    type: Literal["position_shift"]
    actor: ActorRef
    issue: IssueRef
    delta: number(ge=-100.0, le=100.0) | None = None
    to: number(ge=0.0, le=100.0) | None = None


class SalienceChangeEvent(HasStake, DeltaOrTo, EventBase):
    """Changes ``actor``'s salience of ``issue`` by ``delta`` or ``to`` a value (0..100);
    the actor's other saliences are scaled so its total stays at most 100."""

    type: Literal["salience_change"]
    actor: ActorRef
    issue: IssueRef
    delta: number(ge=-100.0, le=100.0) | None = None
    to: number(ge=0.0, le=100.0) | None = None


class PreferenceChangeEvent(EventBase):
    """Replaces ``actor``'s preference ``weights`` (all four variables, summing to 1)."""

    type: Literal["preference_change"]
    actor: ActorRef
    weights: Preferences


class CapabilityChangeEvent(EventBase):
    """Multiplies one capability ``component`` of ``actor`` (``gdp_usd_bn`` or
    ``military_usd_bn``) by ``multiply_by`` (> 0) from the quarter it fires in to the end
    of the window: the actor's series is scaled from then on."""

    type: Literal["capability_change"]
    actor: ActorRef
    component: Literal["gdp_usd_bn", "military_usd_bn"]
    multiply_by: number(gt=0.0)

    @model_validator(mode="before")
    @classmethod
    def _multiplier_renamed(cls, data: Any) -> Any:
        factor = data.get("factor") if isinstance(data, dict) else None
        if isinstance(factor, int | float) and not isinstance(factor, bool):
            raise problem(
                "the multiplier as 'multiply_by' ('factor' names the paper's factor an "
                "event belongs to, an identifier)"
            )
        return data


class InstitutionJoinEvent(EventBase):
    """Makes ``actor`` a member of ``institution``."""

    type: Literal["institution_join"]
    actor: ActorRef
    institution: InstitutionRef


class InstitutionLeaveEvent(EventBase):
    """Ends ``actor``'s membership of ``institution``."""

    type: Literal["institution_leave"]
    actor: ActorRef
    institution: InstitutionRef


class InterdependenceChangeEvent(DeltaOrTo, EventBase):
    """Changes the economic and energy interdependence of ``dyad`` by ``delta`` (-1..1)
    or ``to`` a value (0..1), kept within [0, 1]."""

    type: Literal["interdependence_change"]
    dyad: Dyad
    delta: number(ge=-1.0, le=1.0) | None = None
    to: number(ge=0.0, le=1.0) | None = None


class SanctionsEvent(EventBase):
    """Economic coercion: the actors ``by`` impose measures of ``severity`` (0..1] on
    ``target`` covering ``variables`` (default economics), in force from the event's
    quarter through ``until`` (inclusive; the end of the window if left out). While in
    force they are a hostile signal on those variables in both directions (the target
    answers in kind) and hostile evidence for the target's belief in each sender's intent
    (Drezner 1999; docs/model.md §8)."""

    type: Literal["sanctions"]
    by: list[ActorRef] = Field(min_length=1)
    target: ActorRef
    severity: number(gt=0.0, le=1.0) = 0.5
    variables: Variables = Field(default_factory=lambda: [Variable("economics")])
    until: QuarterInWindow | None = None

    @model_validator(mode="after")
    def _senders_and_span(self) -> SanctionsEvent:
        if self.target in self.by:
            raise problem(f"a target ({self.target}) that is not among the senders 'by'")
        if len(set(self.by)) != len(self.by):
            raise problem("senders 'by' listed once each")
        if self.until is not None and self.quarter is not None and self.until < self.quarter:
            raise problem(f"'until' no earlier than the event's quarter ({self.quarter})")
        return self


EVENT_TYPES: dict[str, type[EventBase]] = {
    "sanctions": SanctionsEvent,
    "shock": ShockEvent,
    "position_shift": PositionShiftEvent,
    "salience_change": SalienceChangeEvent,
    "preference_change": PreferenceChangeEvent,
    "capability_change": CapabilityChangeEvent,
    "institution_join": InstitutionJoinEvent,
    "institution_leave": InstitutionLeaveEvent,
    "interdependence_change": InterdependenceChangeEvent,
    "issue_open": IssueOpenEvent,
    "issue_close": IssueCloseEvent,
    "deployment": DeploymentEvent,
    "bloc_enlargement": BlocEnlargementEvent,
    "treaty": TreatyEvent,
}
"""Every event type by its YAML name; the model's registry has one entry per key."""


def _event_type(value: Any) -> str | None:
    kind = value.get("type") if isinstance(value, dict) else getattr(value, "type", None)
    return kind if isinstance(kind, str) and kind in EVENT_TYPES else None


Event = Annotated[
    Union[tuple(Annotated[model, Tag(name)] for name, model in EVENT_TYPES.items())],  # noqa: UP007
    Discriminator(
        _event_type,
        custom_error_type="event_type",
        custom_error_message=f"an event 'type' among {', '.join(EVENT_TYPES)}",
    ),
]
"""Any registered event, chosen by its ``type``."""

__all__ = [
    "CONDITION_TYPES",
    "EVENT_TYPES",
    "BlocEnlargementEvent",
    "Condition",
    "ConditionBase",
    "CooperationAboveCondition",
    "CooperationBelowCondition",
    "DeploymentEvent",
    "Event",
    "EventBase",
    "IssueCloseEvent",
    "IssueOpenEvent",
    "IssueStatusCondition",
    "TreatyEvent",
]
