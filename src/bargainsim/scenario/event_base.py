"""What every event shares: its timing, the ``when:`` conditions, and the field checks
several event types reuse (:mod:`bargainsim.scenario.events` lists the types)."""

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
    Dyad,
    Identifier,
    IssueRef,
    QuarterInWindow,
    Text,
    number,
    problem,
    scenario_context,
)
from bargainsim.scenario.quarters import Quarter

CooperationVariable = Literal["military", "geopolitics", "economics", "domestic", "composite"]


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# Conditions ---------------------------------------------------------------------------


class ConditionBase(Frozen):
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


class EventBase(Frozen):
    """Fields every event has.

    ``id`` names the event; ``source`` is the paper section it comes from. Exactly one of
    ``quarter`` (scheduled: fires at the start of that quarter) and ``when`` (conditional:
    checked at the start of each quarter in its ``from``..``until`` span). ``probability``
    is the chance of firing in each quarter it is eligible; ``once`` (conditional events
    only) stops it after it has fired once. ``factor`` names the paper's factor the event
    belongs to (``missile_defence``, ``nato``, ``wto`` …): ``compare --factors`` removes
    one factor's events at a time to measure what each factor carries (docs/claims.md).
    """

    type: str
    id: Identifier
    source: Text
    factor: Identifier | None = None
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

    @property
    def scheduled(self) -> Quarter | None:
        """The quarter a scheduled event fires in; ``None`` for a conditional one."""
        return self.quarter


class DeltaOrTo(Frozen):
    """Checks that exactly one of ``delta`` and ``to`` is given."""

    @model_validator(mode="after")
    def _delta_xor_to(self) -> Any:
        if (getattr(self, "delta", None) is None) == (getattr(self, "to", None) is None):
            raise problem("exactly one of 'delta' (a change) and 'to' (a new value)")
        return self


class HasStake(Frozen):
    """Checks that ``actor`` has a position on ``issue``."""

    @model_validator(mode="after")
    def _actor_has_stake(self, info: ValidationInfo) -> Any:
        context = scenario_context(info)
        stake = (getattr(self, "issue", None), getattr(self, "actor", None))
        if context is not None and context.stakes and stake not in context.stakes:
            raise problem(f"an actor with a position on the issue ({stake[1]} has none)")
        return self
