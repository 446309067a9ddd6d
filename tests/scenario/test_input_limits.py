"""Inputs that used to be accepted silently, crash with a traceback, or validate and then
fail every run: each is now a located ScenarioError (exit 2 from the CLI)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from scenario_helpers import assert_located, edit, find, problems_of

from bargainsim.cli import main
from bargainsim.scenario import load_scenario

BASE = "scenarios/base.yaml"
RUS = "scenarios/actors/RUS.yaml"
TRADE = "scenarios/issues/trade.yaml"


def _add_norway(library: Path) -> None:
    chn = (library / "actors" / "CHN.yaml").read_text()
    (library / "actors" / "NO.yaml").write_text(
        chn.replace("id: CHN", 'id: "NO"').replace("People's Republic of China", "Norway")
    )
    edit(library / "base.yaml", "actors: [RUS, USA, CHN]", 'actors: [RUS, USA, CHN, "NO"]')


# ---------------------------------------------------------------- YAML 1.2 core schema


def test_norway_as_an_unquoted_key_stays_a_string(library: Path) -> None:
    _add_norway(library)
    edit(
        library / "issues" / "trade.yaml",
        "  CHN: {",
        "  NO: {position: 50, salience: 10}\n  CHN: {",
    )
    scenario = load_scenario(library / "base.yaml")
    assert scenario.issues["trade"].positions["NO"].position == 50


def test_norway_unquoted_everywhere(library: Path) -> None:
    _add_norway(library)
    edit(library / "base.yaml", 'CHN, "NO"]', "CHN, NO]")
    edit(library / "actors" / "NO.yaml", 'id: "NO"', "id: NO")
    edit(
        library / "base.yaml",
        "CHN-USA: {value",
        "NO-USA: {value: 0.1, source: x}\n  CHN-USA: {value",
    )
    scenario = load_scenario(library / "base.yaml")
    assert "NO" in scenario.actors and ("NO", "USA") in scenario.interdependence


@pytest.mark.parametrize("word", ["yes", "no", "on", "off", "y", "n"])
def test_yaml_11_boolean_words_are_text(library: Path, word: str) -> None:
    edit(library / "actors" / "RUS.yaml", "nuclear: true}", f"nuclear: {word}}}")
    problem = find(problems_of(library / "base.yaml"), "actors.RUS.capabilities.nuclear")
    assert problem.value == word and problem.expected == "true or false"


@pytest.mark.parametrize("value", ['!!float ""', "!!float ''", "!!int 1x", "!!bool maybe"])
def test_a_tagged_value_its_tag_cannot_read_is_located(library: Path, value: str) -> None:
    edit(library / "actors" / "RUS.yaml", "nuclear: true}", f"nuclear: {value}}}")
    problem = find(problems_of(library / "base.yaml"), "(file)")
    assert problem.file.endswith("RUS.yaml") and problem.line is not None
    assert problem.expected == "a value its tag can read"


def test_a_boolean_key_is_reported_not_dropped(library: Path) -> None:
    edit(
        library / "issues" / "trade.yaml",
        "  CHN: {",
        "  true: {position: 50, salience: 10}\n  CHN: {",
    )
    problem = problems_of(library / "base.yaml")[0]
    assert (problem.file, problem.line) == (TRADE, 9)
    assert problem.key_path.startswith("issues.trade.positions")


def test_set_values_are_read_with_the_same_schema(library: Path) -> None:
    problems = problems_of(library / "base.yaml", ["actors.RUS.capabilities.nuclear=yes"])
    assert_located(
        problems,
        "actors.RUS.capabilities.nuclear",
        "--set actors.RUS.capabilities.nuclear=yes",
        None,
        "true or false",
    )


def test_leading_zero_integers_are_decimal(library: Path) -> None:
    edit(library / "issues" / "trade.yaml", "salience: 20}", "salience: 020}")
    assert load_scenario(library / "base.yaml").issues["trade"].positions["RUS"].salience == 20
    edit(library / "issues" / "trade.yaml", "salience: 020}", "salience: 09}")
    assert load_scenario(library / "base.yaml").issues["trade"].positions["RUS"].salience == 9


# ---------------------------------------------------------------- what the model can run


def test_zero_military_spending_everywhere(library: Path) -> None:
    for actor in ("RUS", "USA", "CHN"):
        path = library / "actors" / f"{actor}.yaml"
        path.write_text(re.sub(r"military_usd_bn: [0-9.]+", "military_usd_bn: 0", path.read_text()))
    problem = find(problems_of(library / "base.yaml"), "actors.RUS.capabilities.military_usd_bn")
    assert problem.file == RUS and problem.line == 9
    assert "total military spending above 0" in problem.expected


def test_zero_issues(library: Path) -> None:
    edit(library / "base.yaml", "issues: [missile_defence, trade]", "issues: []")
    edit(library / "base.yaml", "  issues.missile_defence.positions.RUS.position: 10", "  {}")
    assert_located(problems_of(library / "base.yaml"), "issues", BASE, 6, "at least one issue")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.0e308", "a number in [1e-06, 1e+07]"),
        ("1e308", "[1e-06, 1e+07]"),
        ("5.0e-324", "[1e-06"),
        ("0", "[1e-06"),
    ],
)
def test_capabilities_in_a_range_the_model_can_run(library: Path, text: str, expected: str) -> None:
    edit(library / "actors" / "RUS.yaml", "gdp_usd_bn: 1661", f"gdp_usd_bn: {text}")
    assert_located(
        problems_of(library / "base.yaml"), "actors.RUS.capabilities.gdp_usd_bn", RUS, 9, expected
    )


def test_a_tiny_positive_military_spending_is_refused(library: Path) -> None:
    edit(library / "actors" / "RUS.yaml", "military_usd_bn: 56.2", "military_usd_bn: 1.0e-300")
    assert_located(
        problems_of(library / "base.yaml"),
        "actors.RUS.capabilities.military_usd_bn",
        RUS,
        9,
        "0 or a number in [1e-06, 1e+07]",
    )


def test_window_of_at_most_400_quarters(library: Path) -> None:
    edit(library / "base.yaml", "end: 2009Q4", "end: 9999Q4")
    assert_located(problems_of(library / "base.yaml"), "window", BASE, 4, "at most 400 quarters")
    edit(library / "base.yaml", "end: 9999Q4", "end: 2108Q1")  # exactly 400
    assert load_scenario(library / "base.yaml").window.n_quarters == 400


# ---------------------------------------------------------------- parsing without tracebacks


@pytest.mark.parametrize("character", ["\x00", "\x01", "\x1b", "\x7f", "\ufffe"])
def test_control_characters(library: Path, character: str) -> None:
    edit(library / "actors" / "RUS.yaml", "name: Russian", f"name: Rus{character}sian")
    (problem,) = problems_of(library / "base.yaml")
    assert (problem.file, problem.line) == (RUS, 2)
    assert "control character" in problem.expected or "printable" in problem.expected


def test_control_character_via_the_cli_exits_2(library: Path, capsys) -> None:
    edit(library / "base.yaml", "title: ", "title: \x00")
    assert main(["validate", "scenarios/base.yaml"]) == 2
    assert "scenarios/base.yaml:2:" in capsys.readouterr().err


@pytest.mark.parametrize("opening", ["[", "{a: ", "- "])
def test_deep_nesting(library: Path, opening: str) -> None:
    closing = {"[": "]", "{a: ": "}", "- ": ""}[opening]
    deep = opening * 3000 + "1" + closing * 3000
    if opening == "- ":
        deep = "".join(f"\n{'  ' * (i + 1)}- " for i in range(500)) + "1"
    edit(library / "base.yaml", "parameters: {noise_sd: 0.03}", f"parameters: {deep}")
    (problem,) = problems_of(library / "base.yaml")
    assert problem.file == BASE and problem.line is not None
    assert "nesting" in problem.expected


def test_deep_nesting_in_a_set_value(library: Path) -> None:
    problems = problems_of(library / "base.yaml", ["parameters.noise_sd=" + "[" * 5000])
    assert problems[0].file.startswith("--set parameters.noise_sd=")


def test_a_long_chain_of_extends(library: Path) -> None:
    (library / "c0.yaml").write_text("extends: c1.yaml\n")
    for i in range(1, 1200):
        (library / f"c{i}.yaml").write_text(f"extends: c{i + 1}.yaml\n")
    (library / "c1200.yaml").write_text("extends: base.yaml\n")
    problems = problems_of(library / "c0.yaml")
    assert len(problems) == 1 and problems[0].key_path == "extends"
    assert "at most 32" in problems[0].expected
    assert problems[0].file.startswith("scenarios/c") and problems[0].line == 1


def test_a_huge_integer(library: Path) -> None:
    edit(library / "issues" / "trade.yaml", "salience: 20}", "salience: 1" + "0" * 400 + "}")
    (problem,) = problems_of(library / "base.yaml")
    assert (problem.file, problem.line) == (TRADE, 7)
    assert "whole number" in problem.expected


def test_an_integer_too_long_for_python_to_read(library: Path) -> None:
    edit(library / "issues" / "trade.yaml", "salience: 20}", "salience: " + "9" * 5000 + "}")
    (problem,) = problems_of(library / "base.yaml")
    assert (problem.file, problem.line) == (TRADE, 7)


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ('"a\\0b.yaml"', "printable"),
        ("a" * 300 + ".yaml", "255 characters"),
        ('"\\n"', "file path"),
    ],
)
def test_unusable_extends_names(library: Path, reference: str, expected: str) -> None:
    edit(library / "child.yaml", "extends: base.yaml", f"extends: {reference}")
    problem = find(problems_of(library / "child.yaml"), "extends")
    assert (problem.file, problem.line) == ("scenarios/child.yaml", 2)
    assert expected in problem.expected


# ---------------------------------------------------------------- silent acceptances


def test_an_id_with_a_trailing_newline(library: Path) -> None:
    edit(library / "base.yaml", "id: base", 'id: "base\\n"')
    assert_located(problems_of(library / "base.yaml"), "id", BASE, 1, "letters, digits")


def test_an_actor_id_with_a_trailing_newline(library: Path) -> None:
    edit(library / "base.yaml", "actors: [RUS, USA, CHN]", 'actors: [RUS, USA, "CHN\\n"]')
    assert_located(problems_of(library / "base.yaml"), "actors[2]", BASE, 5, "letters, digits")


def test_an_event_id_with_a_trailing_newline(library: Path) -> None:
    edit(library / "base.yaml", "id: reset", 'id: "reset\\n"')
    assert_located(problems_of(library / "base.yaml"), "events[1].id", BASE, 28)


@pytest.mark.parametrize("quarter", ["２００９Q4", "2009Q4\n", "٢٠٠٩Q4"])
def test_quarters_in_ascii_digits_only(library: Path, quarter: str) -> None:
    edit(library / "base.yaml", "end: 2009Q4", f"end: {quarter!r}".replace("'", '"'))
    assert_located(problems_of(library / "base.yaml"), "window.end", BASE, 4, "YYYYQn")


def test_set_list_index_in_ascii_digits_only(library: Path) -> None:
    problems = problems_of(library / "base.yaml", ["events[１].probability=0.5"])
    assert problems[0].file == "--set events[１].probability=0.5"
    assert "dotted key path" in problems[0].expected


# ---------------------------------------------------------------- --set blamed


def test_a_set_that_breaks_a_sum_names_the_set(library: Path) -> None:
    setting = "actors.RUS.preferences.economics=0.2"
    problem = find(problems_of(library / "base.yaml", [setting]), "actors.RUS.preferences")
    assert (problem.file, problem.line) == (f"--set {setting}", None)
    assert "sum to 1 (these sum to 1.05)" in problem.expected
    assert f"{RUS}:12" in problem.expected  # where the other weights come from


def test_an_override_that_breaks_a_sum_names_the_override_line(library: Path) -> None:
    edit(
        library / "base.yaml",
        "overrides:\n",
        "overrides:\n  actors.RUS.preferences.economics: 0.2\n",
    )
    problem = find(problems_of(library / "base.yaml"), "actors.RUS.preferences")
    assert (problem.file, problem.line) == (BASE, 45)


def test_a_childs_override_replaces_the_parents_value_and_is_blamed(library: Path) -> None:
    edit(
        library / "base.yaml",
        "overrides:\n",
        "overrides:\n  actors.RUS.preferences: "
        "{military: 0.4, geopolitics: 0.3, economics: 0.15, domestic: 0.15}\n",
    )
    edit(
        library / "child.yaml",
        "actors: {remove: [CHN]}",
        "actors: {remove: [CHN]}\noverrides:\n"
        "  actors.RUS.preferences: {military: 0.5, geopolitics: 0.5}",
    )
    problem = find(problems_of(library / "child.yaml"), "actors.RUS.preferences")
    assert (problem.file, problem.line) == ("scenarios/child.yaml", 7)
    assert "missing: economics, domestic" in problem.expected
