"""The event types' schemas: one validated model per event type and per condition.

An event changes the model's state at a quarter (``quarter:``) or whenever a condition
on the state holds (``when:``). A schema's docstring is its type's documentation. The
registry in :mod:`bargainsim.model.events` gives every schema listed in
:data:`EVENT_TYPES` and :data:`CONDITION_TYPES` its effect (it refuses to load with one
missing); ``docs/scenarios.md`` documents every type for scenario authors.
"""

from __future__ import annotations

from typing import Annotated, Any, ClassVar, Literal, Union

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    Tag,
    ValidationInfo,
    model_validator,
)

from bargainsim.scenario.fields import (
    ActorRef,
    Dyad,
    Identifier,
    InstitutionRef,
    IssueRef,
    Preferences,
    QuarterInWindow,
    Text,
    Variables,
    number,
    problem,
    scenario_context,
)
from bargainsim.vocabulary import Variable

CooperationVariable = Literal["military", "geopolitics", "economics", "domestic", "composite"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# Conditions ---------------------------------------------------------------------------


class ConditionBase(_Frozen):
    """Common to conditions: the optional span of quarters in which it is checked."""

    kind: ClassVar[str]
    from_: QuarterInWindow | None = Field(default=None, alias="from")
    until: QuarterInWindow | None = None

    @model_validator(mode="after")
    def _span_in_order(self) -> ConditionBase:
        if self.from_ is not None and self.until is not None and self.from_ > self.until:
            raise problem(f"'from' no later than 'until' ({self.until})")
        return self


class IssueStatusCondition(ConditionBase):
    """True while ``issue`` has the bargaining status ``issue_status`` (open, deadlock or
    compromise) at the start of the quarter."""

    kind: ClassVar[str] = "issue_status"
    issue_status: Literal["open", "deadlock", "compromise"]
    issue: IssueRef


class CooperationBelowCondition(ConditionBase):
    """True while cooperation of ``dyad`` on ``variable`` is below the threshold
    ``cooperation_below``; ``composite`` is the mean of both sides' preference-weighted
    views of the dyad."""

    kind: ClassVar[str] = "cooperation_below"
    cooperation_below: number(ge=-1.0, le=1.0)
    dyad: Dyad
    variable: CooperationVariable


class CooperationAboveCondition(ConditionBase):
    """True while cooperation of ``dyad`` on ``variable`` (or ``composite``) is above the
    threshold ``cooperation_above``."""

    kind: ClassVar[str] = "cooperation_above"
    cooperation_above: number(ge=-1.0, le=1.0)
    dyad: Dyad
    variable: CooperationVariable


CONDITION_TYPES: dict[str, type[ConditionBase]] = {
    model.kind: model
    for model in (IssueStatusCondition, CooperationBelowCondition, CooperationAboveCondition)
}


def _condition_kind(value: Any) -> str | None:
    if isinstance(value, ConditionBase):
        return f"when:{value.kind}"
    if isinstance(value, dict):
        kinds = [kind for kind in CONDITION_TYPES if kind in value]
        if len(kinds) == 1:
            return f"when:{kinds[0]}"
    return None


# Tags differ from every field name so that error locations can be told from key paths.
Condition = Annotated[
    Union[tuple(Annotated[m, Tag(f"when:{k}")] for k, m in CONDITION_TYPES.items())],  # noqa: UP007
    Discriminator(
        _condition_kind,
        custom_error_type="condition_kind",
        custom_error_message=f"exactly one condition key ({', '.join(CONDITION_TYPES)})",
    ),
]


# Events -------------------------------------------------------------------------------


class EventBase(_Frozen):
    """Fields every event has.

    ``id`` names the event; ``source`` is the paper section it comes from. Exactly one of
    ``quarter`` (scheduled: fires at the start of that quarter) and ``when`` (conditional:
    checked at the start of each quarter in its ``from``..``until`` span). ``probability``
    is the chance of firing in each quarter it is eligible; ``once`` (conditional events
    only) stops it after it has fired once.
    """

    type: str
    id: Identifier
    source: Text
    quarter: QuarterInWindow | None = None
    when: Condition | None = None
    probability: number(ge=0.0, le=1.0) = 1.0
    once: StrictBool = True

    @model_validator(mode="after")
    def _one_timing(self) -> EventBase:
        if (self.quarter is None) == (self.when is None):
            raise problem("exactly one of 'quarter' (scheduled) and 'when' (conditional)")
        if self.quarter is not None and not self.once:
            raise problem("'once' only on conditional ('when') events")
        return self


class _DeltaOrTo(_Frozen):
    @model_validator(mode="after")
    def _delta_xor_to(self) -> Any:
        if (getattr(self, "delta", None) is None) == (getattr(self, "to", None) is None):
            raise problem("exactly one of 'delta' (a change) and 'to' (a new value)")
        return self


class _Stake(_Frozen):
    @model_validator(mode="after")
    def _actor_has_stake(self, info: ValidationInfo) -> Any:
        context = scenario_context(info)
        stake = (getattr(self, "issue", None), getattr(self, "actor", None))
        if context is not None and context.stakes and stake not in context.stakes:
            raise problem(f"an actor with a position on the issue ({stake[1]} has none)")
        return self


class ShockEvent(EventBase):
    """A discrete sudden event: adds ``delta`` (-2..2) to the cooperation of ``dyad`` on
    ``variables`` (a list, or ``all``), clipped to [-1, 1]. ``justification`` says why a
    shock, rather than a change of interests, represents it."""

    type: Literal["shock"]
    dyad: Dyad
    variables: Variables
    delta: number(ge=-2.0, le=2.0)
    justification: Text


class PositionShiftEvent(_Stake, _DeltaOrTo, EventBase):
    """Moves ``actor``'s position on ``issue`` by ``delta`` or ``to`` a value (0..100)."""

    type: Literal["position_shift"]
    actor: ActorRef
    issue: IssueRef
    delta: number(ge=-100.0, le=100.0) | None = None
    to: number(ge=0.0, le=100.0) | None = None


class SalienceChangeEvent(_Stake, _DeltaOrTo, EventBase):
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
    ``military_usd_bn``) by ``factor`` (> 0)."""

    type: Literal["capability_change"]
    actor: ActorRef
    component: Literal["gdp_usd_bn", "military_usd_bn"]
    factor: number(gt=0.0)


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


class InterdependenceChangeEvent(_DeltaOrTo, EventBase):
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

__all__ = ["CONDITION_TYPES", "EVENT_TYPES", "Condition", "Event", "EventBase"]
