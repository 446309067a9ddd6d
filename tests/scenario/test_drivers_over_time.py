"""Drivers that change over time, as scenario files give them: capability series, issues
closed at the start, and the deployment, bloc_enlargement and treaty events. Valid forms
load; every problem names its file, line, key path and what was expected."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from scenario_helpers import assert_located, edit, problems_of

from bargainsim.scenario import Quarter, load_scenario
from bargainsim.scenario.structural_events import DeploymentEvent, TreatyEvent

BASE = "scenarios/base.yaml"
RUS = "scenarios/actors/RUS.yaml"
BY_YEAR = """  by_year:
    2008: {gdp_usd_bn: 1661, military_usd_bn: 56.2, nuclear: true}
    2012: {gdp_usd_bn: 2208, military_usd_bn: 81.5, nuclear: true}
"""
SERIES = """  gdp_usd_bn:
    2007: 1300
    2008: 1661
    2009: 1223
  military_usd_bn: {2008: 56.2, 2009: 51.5}
  nuclear: true
"""


def _series(library: Path, text: str = SERIES) -> None:
    edit(library / "actors" / "RUS.yaml", BY_YEAR, text)


def test_capability_series_load_by_year(library: Path) -> None:
    _series(library)
    capabilities = load_scenario(library / "base.yaml").actors["RUS"].capabilities
    assert capabilities.gdp_usd_bn == {2007: 1300.0, 2008: 1661.0, 2009: 1223.0}
    assert capabilities.military_usd_bn == {2008: 56.2, 2009: 51.5}
    assert capabilities.year is None


def test_a_bad_figure_in_a_series_is_located_at_its_year(library: Path) -> None:
    _series(library, SERIES.replace("2009: 1223", "2009: -5"))
    problems = problems_of(library / "base.yaml")
    path = "actors.RUS.capabilities.gdp_usd_bn.2009"
    assert_located(problems, path, RUS, 11, "a number in [1e-06, 1e+07]")


def test_a_year_must_be_a_whole_number(library: Path) -> None:
    _series(library, SERIES.replace("    2007: 1300", "    2007.5: 1300"))
    problems = problems_of(library / "base.yaml")
    assert_located(problems, "actors.RUS.capabilities.gdp_usd_bn.2007.5", RUS, 9, "whole number")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("'big'", "a number (US$ bn) or a mapping year: number"), ("{}", "at least one entry")],
)
def test_a_component_is_a_figure_or_a_series(library: Path, value: str, expected: str) -> None:
    _series(library, SERIES.replace("{2008: 56.2, 2009: 51.5}", value))
    problems = problems_of(library / "base.yaml")
    assert_located(problems, "actors.RUS.capabilities.military_usd_bn", RUS, 12, expected)


def test_figures_beside_by_year_are_refused(library: Path) -> None:
    edit(library / "actors" / "RUS.yaml", "  by_year:", "  gdp_usd_bn: 1700\n  by_year:")
    problems = problems_of(library / "base.yaml")
    assert_located(problems, "capabilities.by_year", RUS, 9, "not both")


def test_some_actor_must_spend_in_every_year(library: Path) -> None:
    for actor in ("USA", "CHN"):
        path = library / "actors" / f"{actor}.yaml"
        path.write_text(re.sub(r"military_usd_bn: [0-9.]+", "military_usd_bn: 0", path.read_text()))
    _series(library, SERIES.replace("{2008: 56.2, 2009: 51.5}", "{2008: 56.2, 2009: 0}"))
    problems = problems_of(library / "base.yaml")
    path = "actors.RUS.capabilities.military_usd_bn"
    assert_located(problems, path, RUS, 12, "total military spending above 0 in every quarter")


def test_closed_issues_load_and_are_checked(library: Path) -> None:
    edit(library / "base.yaml", "parameters:", "closed_issues: [trade]\nparameters:")
    assert load_scenario(library / "base.yaml").closed_issues == ["trade"]
    edit(library / "base.yaml", "closed_issues: [trade]", "closed_issues: [trade, arctic]")
    problems = problems_of(library / "base.yaml")
    assert_located(problems, "closed_issues[1]", BASE, 18, "one of the scenario's issues")
    edit(library / "base.yaml", "[trade, arctic]", "[trade, trade]")
    problems = problems_of(library / "base.yaml")
    assert_located(problems, "closed_issues", BASE, 18, "each issue at most once")


NEW_EVENTS = """  - {id: trade_opens, type: issue_open, issue: trade, quarter: 2008Q4, source: "t"}
  - {id: shield_closes, type: issue_close, issue: missile_defence, quarter: 2009Q2, source: t}
  - id: radar
    type: deployment
    source: "t"
    quarter: 2008Q3
    by: USA
    near: RUS
    level: 0.3
    until: 2009Q1
  - id: bloc
    type: bloc_enlargement
    source: "t"
    quarter: 2008Q3
    institution: SCO
    toward: USA
    proximity: 0.5
  - id: pact
    type: treaty
    source: "t"
    parties: [RUS, USA]
    variables: [military]
    signed: 2008Q4
    in_force: 2009Q2
    until: 2009Q3
overrides:"""


def _events(library: Path, text: str = NEW_EVENTS) -> None:
    edit(library / "base.yaml", "overrides:", text)


def test_the_new_event_types_load(library: Path) -> None:
    _events(library)
    events = load_scenario(library / "base.yaml").events[3:]
    assert [event.type for event in events] == [
        "issue_open",
        "issue_close",
        "deployment",
        "bloc_enlargement",
        "treaty",
    ]
    radar, treaty = events[2], events[4]
    assert isinstance(radar, DeploymentEvent) and radar.until == Quarter.parse("2009Q1")
    assert isinstance(treaty, TreatyEvent) and treaty.quarter is None
    assert treaty.scheduled == Quarter.parse("2008Q4")
    assert events[3].evidence == 1.0  # the default


@pytest.mark.parametrize(
    ("old", "new", "path", "line", "expected"),
    [
        ("near: RUS", "near: USA", "events[5].near", 51, "a state other than the deployer"),
        ("level: 0.3", "level: 1.5", "events[5].level", 52, "<= 1.0"),
        ("until: 2009Q1", "until: 2008Q2", "events[5].until", 53, "no earlier than 'quarter'"),
        ("proximity: 0.5", "proximity: 0", "events[6].proximity", 60, "> 0.0"),
        ("toward: USA", "toward: KAZ", "events[6].toward", 59, "one of the scenario's actors"),
        ("institution: SCO", "institution: NATO", "events[6].institution", 58, "institutions"),
        ("[RUS, USA]", "[RUS, RUS]", "events[7].parties", 64, "parties listed once each"),
        ("[RUS, USA]", "[RUS]", "events[7].parties", 64, "at least"),
        ("in_force: 2009Q2", "in_force: 2008Q3", "events[7].in_force", 67, "'signed' (2008Q4)"),
        ("until: 2009Q3", "until: 2009Q1", "events[7].until", 68, "'in_force' (2009Q2)"),
        ("signed: 2008Q4", "signed: 2012Q4", "events[7].signed", 66, "inside the window"),
        ("issue: trade,", "issue: arctic,", "events[3].issue", 44, "one of the scenario's issues"),
    ],
)
def test_new_event_problems_are_located(
    library: Path, old: str, new: str, path: str, line: int, expected: str
) -> None:
    _events(library, NEW_EVENTS.replace(old, new, 1))
    assert_located(problems_of(library / "base.yaml"), path, BASE, line, expected)


def test_a_treaty_is_dated_by_its_signature_alone(library: Path) -> None:
    dated = NEW_EVENTS.replace("    signed: 2008Q4", "    quarter: 2008Q4\n    signed: 2008Q4")
    _events(library, dated)
    assert_located(problems_of(library / "base.yaml"), "events[7].quarter", BASE, 66, "'signed'")


def test_a_treaty_needs_its_signature(library: Path) -> None:
    _events(library, NEW_EVENTS.replace("    signed: 2008Q4\n", ""))
    assert_located(problems_of(library / "base.yaml"), "events[7].signed", BASE, 61, "required")


def test_a_resolved_scenario_with_series_and_new_events_loads_back(library: Path) -> None:
    _series(library)
    _events(library)
    edit(library / "base.yaml", "parameters:", "closed_issues: [trade]\nparameters:")
    scenario = load_scenario(library / "base.yaml")
    written = library / "resolved.yaml"
    written.write_text(yaml.safe_dump(scenario.resolved, sort_keys=False))
    again = load_scenario(written)
    assert again.digest == scenario.digest
    assert again.actors == scenario.actors and again.events == scenario.events
    assert again.closed_issues == ["trade"]


def test_capability_data_until_leaves_later_figures_out(library: Path) -> None:
    _series(library)
    edit(library / "base.yaml", "parameters:", "capability_data_until: 2008\nparameters:")
    scenario = load_scenario(library / "base.yaml")
    assert scenario.capability_data_until == 2008
    assert scenario.actors["RUS"].capabilities.gdp_usd_bn[2009] == 1223.0  # kept, unused
    edit(library / "base.yaml", "capability_data_until: 2008", "capability_data_until: 2006")
    problems = problems_of(library / "base.yaml")
    path = "actors.RUS.capabilities.gdp_usd_bn"
    assert_located(problems, path, RUS, 8, "no later than capability_data_until (2006)")
    edit(library / "base.yaml", "capability_data_until: 2006", "capability_data_until: '2008'")
    assert_located(problems_of(library / "base.yaml"), "capability_data_until", BASE, 18)


SHIPPED = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.mark.parametrize("actor", ["RUS", "USA", "CHN", "IND", "KAZ", "BLR"])
def test_shipped_actors_give_rounded_sourced_series(actor: str) -> None:
    capabilities = load_scenario(SHIPPED / "xu2008_medvedev.yaml").actors[actor].capabilities
    assert sorted(capabilities.gdp_usd_bn) == list(range(2007, 2020))
    assert {2008, 2012} <= set(capabilities.military_usd_bn)
    for component in ("gdp_usd_bn", "military_usd_bn"):
        assert "rounded" in capabilities.sources[component]
    feng = load_scenario(SHIPPED / "feng2012_putin_return.yaml")
    assert feng.capability_data_until == 2012
