"""``bargainsim validate`` and ``bargainsim show``."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from scenario_helpers import edit

from bargainsim.cli import main


def test_validate_prints_a_summary(library: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", "scenarios/base.yaml"]) == 0
    out = capsys.readouterr().out
    assert out == "OK: base, 3 actors, 2 issues, 3 events, 2008Q2..2009Q4 (7 quarters)\n"


def test_validate_reports_errors_exits_2_and_writes_nothing(
    library: Path, capsys: pytest.CaptureFixture
) -> None:
    edit(library / "base.yaml", "quarter: 2009Q3", "quarter: 2013Q1")
    before = sorted(Path.cwd().rglob("*"))
    code = main(["validate", "scenarios/base.yaml", "--set", "parameters.noise_sd=7"])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert "invalid scenario: 2 problems" in captured.err
    assert "scenarios/base.yaml:33: events[1].quarter: got '2013Q1'" in captured.err
    assert "--set parameters.noise_sd=7: parameters.noise_sd: got 7" in captured.err
    assert sorted(Path.cwd().rglob("*")) == before


def test_show_prints_the_resolved_tree(library: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["show", "scenarios/child.yaml", "--set", "parameters.noise_sd=0.05"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# child: resolved scenario, digest ")
    tree = yaml.safe_load(out)
    assert list(tree["actors"]) == ["RUS", "USA"]
    assert tree["actors"]["RUS"]["capabilities"]["year"] == 2008
    assert "by_year" not in tree["actors"]["RUS"]["capabilities"]
    assert tree["parameters"] == {"noise_sd": 0.05}
    assert "extends" not in tree and "overrides" not in tree


def test_show_reports_errors(library: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["show", "scenarios/base.yaml", "--set", "window.end=2009Q9"]) == 2
    assert "window.end" in capsys.readouterr().err
