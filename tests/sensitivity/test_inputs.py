"""The inputs file: ranges, sets of values, preference renormalisation, located errors."""

from __future__ import annotations

import pytest

from bargainsim.cli import main
from bargainsim.sensitivity.inputs import InputsError, load_inputs, renormalised


def test_ranges_and_sets_of_values(tmp_path):
    path = tmp_path / "inputs.yaml"
    path.write_text("inputs:\n  parameters.noise_sd: [0.01, 0.05]\n  a.b: {values: [1, 2, 3]}\n")
    inputs = load_inputs(path)
    noise, choice = inputs.inputs
    assert noise.value(0.0) == 0.01 and noise.value(1.0) == 0.05
    assert [choice.value(u) for u in (0.0, 0.34, 0.67, 1.0)] == [1.0, 2.0, 3.0, 3.0]


def test_other_weights_are_renormalised():
    base = {"military": 0.3, "geopolitics": 0.3, "economics": 0.2, "domestic": 0.2}
    weights = renormalised(base, {"military": 0.6})
    assert weights["military"] == 0.6
    assert sum(weights.values()) == pytest.approx(1.0)
    assert weights["geopolitics"] / weights["economics"] == pytest.approx(1.5)


@pytest.mark.parametrize(
    ("text", "line", "key", "expected"),
    [
        (
            "inputs:\n  parameters.noise_sd: [0.05, 0.01]\n",
            2,
            "inputs.parameters.noise_sd",
            "low < high",
        ),
        ("inputs:\n  x.y: {values: [1]}\n", 2, "inputs.x.y", "values"),
        ("inputs:\n  'a..b': [0, 1]\n", 2, "inputs.a..b", "dotted key path"),
        ("inputs:\n  actors.RUS.preferences.power: [0, 1]\n", 2, "inputs.actors", "preference"),
        ("inputs: []\n", 1, "inputs", "a mapping"),
        ("input:\n  x: [0, 1]\n", 1, "input", "one of scenario, inputs"),
    ],
)
def test_shape_errors_are_located(tmp_path, text, line, key, expected):
    path = tmp_path / "inputs.yaml"
    path.write_text(text)
    with pytest.raises(InputsError) as caught:
        load_inputs(path)
    problem = caught.value.problems[0]
    assert problem.line == line and problem.key_path.startswith(key)
    assert expected in problem.expected


def test_a_value_the_scenario_refuses_is_located_and_nothing_is_written(study, capsys):
    (study / "inputs.yaml").write_text(
        "inputs:\n  parameters.noise_sd: [0.01, 0.02]\n"
        "  issues.trade.positions.RUS.salience: [10, 90]\n"
    )
    code = main(
        [
            "sensitivity",
            "scenarios/base.yaml",
            "--inputs",
            "inputs.yaml",
            "--claims",
            "claims.yaml",
            "--out",
            "out",
        ]
    )
    assert code == 2
    message = capsys.readouterr().err
    assert "inputs.yaml:3: inputs.issues.trade.positions.RUS.salience: got 90.0" in message
    assert "at most 100" in message
    assert not (study / "out").exists()


def test_the_shipped_inputs_fit_their_scenarios():
    from pathlib import Path

    from bargainsim.sensitivity.inputs import check_against

    root = Path(__file__).resolve().parents[2] / "scenarios"
    for paper, scenario in (("xu2008", "xu2008_medvedev"), ("feng2012", "feng2012_putin_return")):
        inputs = load_inputs(root / "sensitivity" / f"{paper}.yaml")
        assert len(inputs.inputs) == 10
        assert check_against(inputs, root / f"{scenario}.yaml")["id"] == scenario
