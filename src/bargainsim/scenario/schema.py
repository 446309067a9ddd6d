"""The scenario schema: pydantic models of the resolved tree (docs/scenarios.md).

Every model forbids unknown keys, so a misspelt key is an error rather than a silently
ignored value. Checks that span several parts of the tree and that pydantic cannot
place on one key (total salience per actor, a dyad written twice) are in
:func:`cross_checks`, which works on the raw tree so it runs even when other parts fail.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal, Union

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    Tag,
    create_model,
)

from bargainsim.errors import Problem
from bargainsim.parameters import PARAMETER_NAMES, parameter_range
from bargainsim.scenario.events import Event
from bargainsim.scenario.fields import (
    ActorRef,
    DyadName,
    Identifier,
    IssueRef,
    Preferences,
    Text,
    Variables,
    number,
    problem,
    split_dyad,
)
from bargainsim.scenario.quarters import Window
from bargainsim.scenario.yaml_source import Origins
from bargainsim.vocabulary import Variable

MAX_TOTAL_SALIENCE = 100.0
# Limits of what the model can run (docs/scenarios.md, "Limits"): a century of quarters,
# and capabilities from US$ 1 thousand (1e-6 bn) to about 100 times world GDP (1e7 bn),
# where sums and ratios of shares stay far from float overflow and underflow.
MAX_QUARTERS = 400
MIN_CAPABILITY, MAX_CAPABILITY = 1e-6, 1e7
CapabilityComponent = Literal["gdp_usd_bn", "military_usd_bn"]
SourcedComponent = Literal["gdp_usd_bn", "military_usd_bn", "nuclear"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Regime(StrEnum):
    """Regime type, for the regime-similarity term of domestic-politics cooperation."""

    DEMOCRACY = "democracy"
    HYBRID = "hybrid"
    AUTOCRACY = "autocracy"


def _all_sources(sources: dict[str, str]) -> dict[str, str]:
    missing = [name for name in SourcedComponent.__args__ if name not in sources]
    if missing:
        raise problem(f"a source for every capability component (missing: {', '.join(missing)})")
    return sources


def _growth_defaults(growth: dict[str, float]) -> dict[str, float]:
    return {name: float(growth.get(name, 0.0)) for name in CapabilityComponent.__args__}


def _capability(value: float) -> float:
    if not MIN_CAPABILITY <= value <= MAX_CAPABILITY:
        raise problem(f"a number in [{MIN_CAPABILITY:g}, {MAX_CAPABILITY:g}] (US$ bn)")
    return value


def _spending(value: float) -> float:
    if value != 0 and not MIN_CAPABILITY <= value <= MAX_CAPABILITY:
        raise problem(f"0 or a number in [{MIN_CAPABILITY:g}, {MAX_CAPABILITY:g}] (US$ bn)")
    return value


def _figure_kind(value: Any) -> str | None:
    if isinstance(value, dict):
        return "series"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return "figure"
    return None


Year = Annotated[int, Field(strict=True, ge=1000, le=9999)]
# As a series key a year may also be text: the resolved tree (``bargainsim show``) writes
# mapping keys as text, and it must load back; issue scales' keys are read the same way.
YearKey = Annotated[int, Field(ge=1000, le=9999)]


def _figures(check) -> Any:
    """One figure (US$ bn), or a series year → figure, each value passing ``check``."""
    figure = Annotated[number(), AfterValidator(check)]
    series = Annotated[dict[YearKey, figure], Field(min_length=1)]
    return Annotated[
        Union[Annotated[figure, Tag("figure")], Annotated[series, Tag("series")]],  # noqa: UP007
        Discriminator(
            _figure_kind,
            custom_error_type="capability_figures",
            custom_error_message="a number (US$ bn) or a mapping year: number",
        ),
    ]


class Capabilities(_Frozen):
    """An actor's material capabilities, each component with its source.

    ``gdp_usd_bn`` and ``military_usd_bn`` are each one figure, the value at the window's
    first quarter, growing from there at ``annual_growth``; or a series by year, each
    year's figure its mid-year value, interpolated linearly between years and extrapolated
    at ``annual_growth`` beyond the first and last (docs/scenarios.md, *Actor file*).
    ``year`` is the year single figures were selected for from ``by_year``.
    """

    year: Year | None = None
    gdp_usd_bn: _figures(_capability)
    military_usd_bn: _figures(_spending)
    nuclear: StrictBool
    annual_growth: Annotated[
        dict[CapabilityComponent, number(ge=-0.5, le=0.5)], AfterValidator(_growth_defaults)
    ] = Field(default_factory=lambda: _growth_defaults({}))
    sources: Annotated[dict[SourcedComponent, Text], AfterValidator(_all_sources)]


class Traits(_Frozen):
    """How an actor decides: logit ``rationality`` (> 0), ``inertia`` (weight on last
    quarter's cooperation), ``regime`` and ``proximity`` to other actors (0..1)."""

    rationality: number(gt=0.0)
    inertia: number(ge=0.0, le=1.0)
    regime: Regime
    proximity: dict[ActorRef, number(ge=0.0, le=1.0)] = Field(default_factory=dict)


class Actor(_Frozen):
    """One state."""

    id: Identifier
    name: Text
    capabilities: Capabilities
    preferences: Preferences
    traits: Traits


class Stake(_Frozen):
    """An actor's position (0..100) on an issue and how much it cares (salience 0..100)."""

    position: number(ge=0.0, le=100.0)
    salience: number(ge=0.0, le=100.0)


class Issue(_Frozen):
    """One bargaining dimension, tied to one analytic variable."""

    id: Identifier
    name: Text
    variable: Variable
    scale: dict[Annotated[int, Field(ge=0, le=100)], Text]
    source: Text
    positions: dict[ActorRef, Stake]


def _unique(values: list) -> list:
    if len(set(values)) != len(values):
        raise problem("each member at most once")
    return values


def _listed_once(values: list) -> list:
    if len(set(values)) != len(values):
        raise problem("each issue at most once")
    return values


class Institution(_Frozen):
    """A multilateral body covering some variables."""

    name: Text
    variables: Variables
    members: Annotated[list[ActorRef], AfterValidator(_unique)]
    source: Text


class Tie(_Frozen):
    """Economic and energy interdependence of a dyad (0..1), with its source."""

    value: number(ge=0.0, le=1.0)
    source: Text


Parameters = create_model(
    "Parameters",
    __config__=ConfigDict(frozen=True, extra="forbid"),
    **{
        name: (number(ge=parameter_range(name)[0], le=parameter_range(name)[1]) | None, None)
        for name in PARAMETER_NAMES
    },
)
"""Model parameter overrides by name; each within its admissible range."""


def _ids_match_keys(section: dict[str, Any]) -> dict[str, Any]:
    for key, item in section.items():
        if item.id != key:
            raise problem(f"each definition's id equal to its key ({item.id!r} under {key!r})")
    return section


def _bounded(window: Window) -> Window:
    if window.n_quarters > MAX_QUARTERS:
        expected = f"a window of at most {MAX_QUARTERS} quarters; this one has {window.n_quarters}"
        raise problem(expected)
    return window


def _some_issue(section: dict[str, Any]) -> dict[str, Any]:
    if not section:
        raise problem("at least one issue (actors bargain over issues)")
    return section


class ScenarioSpec(_Frozen):
    """The whole resolved scenario as validated."""

    id: Identifier
    title: Text
    source: Text
    window: Annotated[Window, AfterValidator(_bounded)]
    actors: Annotated[dict[Identifier, Actor], Field(min_length=1), AfterValidator(_ids_match_keys)]
    issues: Annotated[
        dict[Identifier, Issue], AfterValidator(_some_issue), AfterValidator(_ids_match_keys)
    ]
    institutions: dict[Identifier, Institution] = Field(default_factory=dict)
    interdependence: dict[DyadName, Tie] = Field(default_factory=dict)
    closed_issues: Annotated[list[IssueRef], AfterValidator(_listed_once)] = Field(
        default_factory=list
    )
    capability_data_until: Year | None = None
    initial_cooperation: dict[DyadName, dict[Variable, number(ge=-1.0, le=1.0)]] = Field(
        default_factory=dict
    )
    parameters: Parameters = Field(default_factory=Parameters)
    events: list[Event] = Field(default_factory=list)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def cross_checks(tree: dict, origins: Origins) -> list[Problem]:
    """Problems that involve several keys at once, found on the raw resolved tree."""
    problems: list[Problem] = []

    def report(path: tuple, value: Any, expected: str) -> None:
        problems.append(origins.problem(path, value, expected))

    totals: dict[str, dict[str, float]] = {}
    issues = tree.get("issues")
    for issue_id, issue in (issues if isinstance(issues, dict) else {}).items():
        positions = issue.get("positions") if isinstance(issue, dict) else None
        for actor_id, stake in (positions if isinstance(positions, dict) else {}).items():
            salience = stake.get("salience") if isinstance(stake, dict) else None
            if _is_number(salience):
                totals.setdefault(str(actor_id), {})[str(issue_id)] = salience
    for actor_id, saliences in totals.items():
        total = sum(saliences.values())
        if total > MAX_TOTAL_SALIENCE + 1e-9:
            path = ("issues", max(saliences, key=saliences.get), "positions", actor_id)
            expected = (
                f"{actor_id}'s saliences over the scenario's issues to total at most 100 "
                f"(KTAB's rule); they total {total:g}"
            )
            report(path, saliences, expected)

    until = tree.get("capability_data_until")
    until = until if isinstance(until, int) and not isinstance(until, bool) else None
    _capability_years(tree, until, report)
    _military_total(tree, until, report)

    for section in ("interdependence", "initial_cooperation"):
        seen: dict[tuple[str, str], str] = {}
        entries = tree.get(section)
        for key in entries if isinstance(entries, dict) else {}:
            pair = split_dyad(str(key))
            if pair in seen:
                report((section, str(key)), key, f"each dyad once (also written {seen[pair]})")
            seen[pair] = str(key)

    events = tree.get("events")
    seen_ids: set[Any] = set()
    for index, event in enumerate(events if isinstance(events, list) else []):
        event_id = event.get("id") if isinstance(event, dict) else None
        if isinstance(event_id, str):
            if event_id in seen_ids:
                report(("events", index, "id"), event_id, "each event id once")
            seen_ids.add(event_id)
    return problems


def _capabilities(tree: dict):
    """``(actor id, component, value)`` of every GDP and military figure or series."""
    actors = tree.get("actors")
    for actor_id, actor in (actors if isinstance(actors, dict) else {}).items():
        capabilities = actor.get("capabilities") if isinstance(actor, dict) else None
        for component in CapabilityComponent.__args__:
            value = capabilities.get(component) if isinstance(capabilities, dict) else None
            yield str(actor_id), component, value


def _used(value: Any, until: int | None) -> list:
    """The figures of a figure or series that the scenario uses (none past ``until``)."""
    if not isinstance(value, dict):
        return [value]
    return [v for year, v in value.items() if until is None or _year_at_most(year, until)]


def _year_at_most(year: Any, until: int) -> bool:
    try:
        return int(year) <= until
    except (TypeError, ValueError):
        return True  # not a year: reported by the schema


def _capability_years(tree: dict, until: int | None, report) -> None:
    """A series cut at ``capability_data_until`` must keep a figure to grow from."""
    if until is None:
        return
    for actor_id, component, value in _capabilities(tree):
        if isinstance(value, dict) and value and not _used(value, until):
            path = ("actors", actor_id, "capabilities", component)
            expected = f"a figure for a year no later than capability_data_until ({until})"
            report(path, sorted(value, key=str), expected)


def _military_total(tree: dict, until: int | None, report) -> None:
    """Power shares divide by the total military spending, so it must be positive in
    every quarter: some actor must spend throughout (one figure above 0, or a series above
    0 in every year used, which interpolation and growth keep above 0)."""
    spending = []
    for actor_id, component, value in _capabilities(tree):
        if component != "military_usd_bn":
            continue
        figures = _used(value, until)
        if not figures or not all(_is_number(figure) for figure in figures):
            return  # reported by the schema, or above
        spending.append((actor_id, min(figures)))
    if spending and all(value <= 0 for _, value in spending):
        path = ("actors", spending[0][0], "capabilities", "military_usd_bn")
        expected = (
            "total military spending above 0 in every quarter, i.e. some actor spending "
            "above 0 throughout (military power shares divide by the total)"
        )
        report(path, 0, expected)
