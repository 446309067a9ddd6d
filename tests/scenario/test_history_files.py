"""The 2008-2019 history scenario and record (docs/history.md): the scenario validates,
holds drivers only on Russia's partner dyads and sources every event; the record covers
the fifteen dyads over the window, period by period, each period with a source."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
import yaml

from bargainsim.scenario import Quarter, Scenario, load_scenario

ROOT = Path(__file__).resolve().parents[2]
HISTORY = ROOT / "scenarios" / "history"
ACTORS = ("RUS", "USA", "CHN", "IND", "KAZ", "BLR")
PARTNER_DYADS = {frozenset(("RUS", other)) for other in ("CHN", "IND", "KAZ", "BLR")}
INSTITUTIONAL = {"institution_join", "institution_leave"}


@pytest.fixture(scope="module")
def scenario() -> Scenario:
    return load_scenario(HISTORY / "history_2008_2019.yaml")


@pytest.fixture(scope="module")
def record() -> dict:
    return yaml.safe_load((HISTORY / "record_2008_2019.yaml").read_text(encoding="utf-8"))


def _dyads_touched(event) -> set[frozenset[str]]:
    """The dyads an event names: its ``dyad``, or each sender-target pair of sanctions."""
    if getattr(event, "dyad", None) is not None:
        return {frozenset(event.dyad)}
    if event.type == "sanctions":
        return {frozenset((sender, event.target)) for sender in event.by}
    return set()


def test_scenario_validates(scenario: Scenario) -> None:
    assert scenario.id == "history_2008_2019"
    assert tuple(scenario.actors) == ACTORS
    assert (str(scenario.window.start), str(scenario.window.end)) == ("2008Q1", "2019Q4")
    assert scenario.events


def test_only_institutional_facts_on_russias_partner_dyads(scenario: Scenario) -> None:
    touching = [
        event.id
        for event in scenario.events
        if event.type not in INSTITUTIONAL and _dyads_touched(event) & PARTNER_DYADS
    ]
    assert touching == []


def test_every_event_has_a_source(scenario: Scenario) -> None:
    assert [event.id for event in scenario.events if not event.source.strip()] == []


def test_record_covers_the_fifteen_dyads(record: dict) -> None:
    assert record["id"] == "record_2008_2019"
    assert record["window"] == {"start": "2008Q1", "end": "2019Q4"}
    written = [frozenset(dyad.split("-")) for dyad in record["dyads"]]
    assert len(written) == len(set(written))
    assert set(written) == {frozenset(pair) for pair in itertools.combinations(ACTORS, 2)}


def test_record_periods_tile_the_window(record: dict) -> None:
    start, end = (Quarter.parse(record["window"][key]) for key in ("start", "end"))
    for dyad, periods in record["dyads"].items():
        assert 1 <= len(periods) <= 5, dyad
        assert Quarter.parse(periods[0]["from"]) == start, dyad
        assert Quarter.parse(periods[-1]["to"]) == end, dyad
        for before, after in itertools.pairwise(periods):
            follows = Quarter.parse(before["to"]) + 1 == Quarter.parse(after["from"])
            assert follows, f"{dyad}: {before['to']} then {after['from']}"
        for period in periods:
            assert Quarter.parse(period["from"]) <= Quarter.parse(period["to"]), dyad


def test_record_periods_are_coded_and_sourced(record: dict) -> None:
    for dyad, periods in record["dyads"].items():
        start = re.match(r"from (-?\d):", periods[0]["note"])
        assert start, f"{dyad}: the first note gives the start level"
        level = int(start.group(1))
        for period in periods:
            where = f"{dyad} {period['from']}"
            assert period["direction"] in {"up", "down", "flat"}, where
            assert type(period["level"]) is int and -3 <= period["level"] <= 3, where
            assert period["sources"], where
            assert all(isinstance(s, str) and s.strip() for s in period["sources"]), where
            change = {"up": period["level"] > level, "down": period["level"] < level}
            assert change.get(period["direction"], period["level"] == level), where
            level = period["level"]
