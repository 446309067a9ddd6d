"""Every kind of scenario error is reported with its file, line and key path."""

from __future__ import annotations

from pathlib import Path

import pytest
from scenario_helpers import assert_located, edit, find, problems_of

from bargainsim.errors import ScenarioError
from bargainsim.scenario import load_scenario

BASE = "scenarios/base.yaml"
RUS = "scenarios/actors/RUS.yaml"


def test_yaml_syntax_error(library: Path) -> None:
    edit(library / "actors" / "RUS.yaml", "  inertia: 0.8", "  inertia: [0.8")
    problems = problems_of(library / "base.yaml")
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == RUS
    assert problem.line in (20, 21)  # the parser notices at the next line
    assert problem.expected == "valid YAML"


def test_yaml_syntax_error_in_the_scenario_file(library: Path) -> None:
    edit(library / "base.yaml", "title: ", "title: : :\n  - x")
    problem = problems_of(library / "base.yaml")[0]
    assert problem.file == BASE
    assert problem.line == 2


def test_duplicate_key(library: Path) -> None:
    edit(library / "base.yaml", 'source: "Test fixture"', "source: a\nsource: b")
    assert_located(problems_of(library / "base.yaml"), "source", BASE, 4, "at most once")


def test_unknown_key_suggests_the_right_one(library: Path) -> None:
    edit(
        library / "issues" / "trade.yaml",
        "RUS: {position: 40, salience: 20}",
        "RUS: {position: 40, salince: 20}",
    )
    problems = problems_of(library / "base.yaml")
    typo = assert_located(
        problems, "issues.trade.positions.RUS.salince", "scenarios/issues/trade.yaml", 7
    )
    assert "did you mean 'salience'" in typo.expected
    missing = find(problems, "issues.trade.positions.RUS.salience")
    assert missing.line == 7 and "required" in missing.expected


def test_unknown_top_level_key(library: Path) -> None:
    edit(library / "base.yaml", "parameters:", "paramters: {}\nparameters:")
    assert_located(problems_of(library / "base.yaml"), "paramters", BASE, 18, "parameters")


def test_preference_weights_must_sum_to_one(library: Path) -> None:
    edit(library / "actors" / "RUS.yaml", "military: 0.35", "military: 0.45")
    problem = assert_located(
        problems_of(library / "base.yaml"), "actors.RUS.preferences", RUS, 12, "sum to 1"
    )
    assert "1.1" in problem.expected
    assert problem.value["military"] == 0.45


def test_salience_out_of_range(library: Path) -> None:
    edit(library / "issues" / "trade.yaml", "salience: 40", "salience: 140")
    assert_located(
        problems_of(library / "base.yaml"),
        "issues.trade.positions.CHN.salience",
        "scenarios/issues/trade.yaml",
        9,
        "<= 100",
    )


def test_actor_total_salience_above_100(library: Path) -> None:
    edit(library / "issues" / "trade.yaml", "salience: 20", "salience: 80")
    problem = assert_located(
        problems_of(library / "base.yaml"),
        "issues.trade.positions.RUS",
        "scenarios/issues/trade.yaml",
        7,
        "at most 100",
    )
    assert problem.value == {"missile_defence": 30, "trade": 80}
    assert "110" in problem.expected


def test_unknown_actor_in_an_institution(library: Path) -> None:
    edit(library / "base.yaml", "members: [RUS, CHN]", "members: [RUS, CHA]")
    assert_located(
        problems_of(library / "base.yaml"),
        "institutions.SCO.members[1]",
        BASE,
        11,
        "one of the scenario's actors",
    )


def test_unknown_actor_in_an_event(library: Path) -> None:
    edit(library / "base.yaml", "actor: USA", "actor: UAS")
    assert_located(problems_of(library / "base.yaml"), "events[1].actor", BASE, 30, "RUS, USA")


def test_unknown_actor_in_a_dyad(library: Path) -> None:
    edit(library / "base.yaml", "dyad: USA-RUS", "dyad: USA-RUZ")
    assert_located(problems_of(library / "base.yaml"), "events[0].dyad", BASE, 23, "dyad")


def test_unknown_actor_in_issue_positions_via_set(library: Path) -> None:
    problems = problems_of(
        library / "base.yaml", ["issues.trade.positions.XYZ={position: 1, salience: 1}"]
    )
    assert_located(
        problems,
        "issues.trade.positions.XYZ",
        "--set issues.trade.positions.XYZ={position: 1, salience: 1}",
        None,
        "one of the scenario's actors",
    )


def test_unknown_issue_in_an_event(library: Path) -> None:
    edit(library / "base.yaml", "issue: missile_defence\n    to: 60", "issue: missile\n    to: 60")
    assert_located(problems_of(library / "base.yaml"), "events[1].issue", BASE, 31, "issues")


def test_quarter_outside_the_window(library: Path) -> None:
    edit(library / "base.yaml", "quarter: 2009Q3", "quarter: 2013Q1")
    assert_located(
        problems_of(library / "base.yaml"), "events[1].quarter", BASE, 33, "2008Q2..2009Q4"
    )


def test_malformed_quarter(library: Path) -> None:
    edit(library / "base.yaml", "quarter: 2009Q3", "quarter: 2009-Q3")
    assert_located(problems_of(library / "base.yaml"), "events[1].quarter", BASE, 33, "YYYYQn")


def test_window_start_after_end(library: Path) -> None:
    edit(library / "base.yaml", "end: 2009Q4", "end: 2007Q4")
    assert_located(problems_of(library / "base.yaml"), "window", BASE, 4, "no later than")


def test_unknown_event_type(library: Path) -> None:
    edit(library / "base.yaml", "type: position_shift", "type: position_shfit")
    assert_located(problems_of(library / "base.yaml"), "events[1]", BASE, 28, "position_shift")


def test_missing_event_field(library: Path) -> None:
    edit(library / "base.yaml", "    delta: -0.4\n", "")
    problem = assert_located(problems_of(library / "base.yaml"), "events[0].delta", BASE, 20)
    assert "required" in problem.expected


def test_shock_requires_justification(library: Path) -> None:
    edit(library / "base.yaml", '    justification: "A sudden war, not a shift of interests"\n', "")
    assert_located(
        problems_of(library / "base.yaml"), "events[0].justification", BASE, 20, "required"
    )


def test_event_needs_quarter_or_when(library: Path) -> None:
    edit(library / "base.yaml", "    quarter: 2009Q3\n", "")
    assert_located(problems_of(library / "base.yaml"), "events[1]", BASE, 28, "'quarter'")


def test_unknown_parameter(library: Path) -> None:
    edit(library / "base.yaml", "{noise_sd: 0.03}", "{noise: 0.03}")
    problem = assert_located(problems_of(library / "base.yaml"), "parameters.noise", BASE, 18)
    assert "did you mean 'noise_sd'" in problem.expected


def test_parameter_out_of_range(library: Path) -> None:
    edit(library / "base.yaml", "{noise_sd: 0.03}", "{noise_sd: 3}")
    assert_located(problems_of(library / "base.yaml"), "parameters.noise_sd", BASE, 18, "<= 0.5")


def test_extends_cycle_names_every_file(library: Path) -> None:
    (library / "a.yaml").write_text("extends: b.yaml\nid: a\n")
    (library / "b.yaml").write_text("id: b\nextends: a.yaml\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(library / "a.yaml")
    (problem,) = caught.value.problems
    assert problem.key_path == "extends"
    assert (problem.file, problem.line) == ("scenarios/b.yaml", 2)
    assert "scenarios/a.yaml -> scenarios/b.yaml -> scenarios/a.yaml" in problem.expected


def test_missing_actor_file(library: Path) -> None:
    (library / "actors" / "CHN.yaml").unlink()
    problems = problems_of(library / "base.yaml")
    assert_located(problems, "actors[2]", BASE, 5, "actors/CHN.yaml")
    # CHN is still a known id, so its mentions elsewhere are not reported again.
    assert len(problems) == 1


def test_actor_file_id_must_match_its_name(library: Path) -> None:
    edit(library / "actors" / "USA.yaml", "id: USA", "id: US")
    assert_located(
        problems_of(library / "base.yaml"), "actors.USA.id", "scenarios/actors/USA.yaml", 1
    )


def test_no_capabilities_for_the_window(library: Path) -> None:
    edit(library / "base.yaml", "start: 2008Q2", "start: 2006Q2")
    edit(library / "base.yaml", "overrides:", "ignored:")
    problems = problems_of(library / "base.yaml")
    assert_located(problems, "capabilities.by_year", RUS, 8, "2006")


@pytest.mark.parametrize(
    ("setting", "expected"),
    [
        ("actors.XYZ.preferences.economics=0.4", "actors.XYZ to exist"),
        ("parameters.noise_sd.deep=1", "is a single value"),
        ("events[9].probability=0.5", "the list has 3 entries"),
        ("no_equals_sign", "KEY=VALUE"),
        ("events..x=1", "dotted key path"),
        ("parameters.noise_sd=[unclosed", "YAML value"),
    ],
)
def test_bad_set_path(library: Path, setting: str, expected: str) -> None:
    problems = problems_of(library / "base.yaml", [setting])
    assert len(problems) == 1
    problem = problems[0]
    assert problem.file == f"--set {setting}"
    assert problem.line is None
    assert expected in problem.expected, problem.render()


def test_set_that_makes_the_scenario_invalid(library: Path) -> None:
    problems = problems_of(library / "base.yaml", ["actors.RUS.traits.inertia=1.5"])
    assert_located(
        problems, "actors.RUS.traits.inertia", "--set actors.RUS.traits.inertia=1.5", None, "<= 1"
    )


def test_bad_override_in_the_scenario_file(library: Path) -> None:
    edit(library / "base.yaml", "positions.RUS.position: 10", "positions.RUS.position: 110")
    assert_located(
        problems_of(library / "base.yaml"),
        "issues.missile_defence.positions.RUS.position",
        BASE,
        45,
        "<= 100",
    )


def test_several_problems_reported_together(library: Path) -> None:
    edit(library / "actors" / "RUS.yaml", "military: 0.35", "military: 0.45")
    edit(library / "base.yaml", "quarter: 2009Q3", "quarter: 2013Q1")
    edit(library / "issues" / "trade.yaml", "salience: 40", "salience: -1")
    problems = problems_of(library / "base.yaml", ["parameters.noise_sd=2"])
    paths = {problem.key_path for problem in problems}
    assert {
        "actors.RUS.preferences",
        "events[1].quarter",
        "issues.trade.positions.CHN.salience",
        "parameters.noise_sd",
    } <= paths
    message = str(ScenarioError(problems))
    assert message.startswith(f"invalid scenario: {len(problems)} problems")
    assert "scenarios/actors/RUS.yaml:12: actors.RUS.preferences" in message


def test_missing_scenario_file(library: Path) -> None:
    problem = problems_of(library / "nothing.yaml")[0]
    assert problem.file == "scenarios/nothing.yaml"


def test_list_edit_removing_an_unknown_entry(library: Path) -> None:
    (library / "c.yaml").write_text("extends: base.yaml\nid: c\nactors: {remove: [FRA]}\n")
    assert_located(problems_of(library / "c.yaml"), "actors.remove[0]", "scenarios/c.yaml", 3)


def test_path_traversal_in_an_actor_id_is_refused(library: Path) -> None:
    edit(library / "base.yaml", "actors: [RUS, USA, CHN]", "actors: [RUS, USA, ../CHN]")
    assert_located(problems_of(library / "base.yaml"), "actors[2]", BASE, 5, "letters, digits")
