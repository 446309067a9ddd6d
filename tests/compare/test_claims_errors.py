"""Invalid claims files: every problem reported with file, line and key path (exit 2)."""

import textwrap
from pathlib import Path

import pytest

from bargainsim.cli import main
from bargainsim.compare.claims import load_claims
from bargainsim.errors import ClaimError

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = sorted((ROOT / "scenarios" / "claims").glob("*.yaml"))

GOOD_CLAIM = """\
  - id: ok_claim
    section: "V"
    quote: "bilateral ties are expected to maintain the tendency of heating up"
    observable: {kind: cooperation, dyad: RUS-USA, variable: composite}
    window: {start: 2012Q2, end: 2017Q2}
    test: {type: increasing}
    reading: {form: trend, at: end}
"""


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "claims.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_claims_load(path):
    claims = load_claims(path)
    assert claims.claims and claims.scenario is not None and claims.scenario.is_file()
    assert any(c.headline for c in claims.claims)


def test_valid_minimal_file(tmp_path):
    claims = load_claims(write(tmp_path, "paper: P\nclaims:\n" + GOOD_CLAIM))
    (claim,) = claims.claims
    assert claim.id == "ok_claim" and claim.expectation(0.05) == "change > +0.05"


@pytest.mark.parametrize(
    ("replace", "by", "line", "key"),
    [
        ("type: increasing", "type: rising", 7, "claims[0].test.type"),
        ("kind: cooperation", "kind: friendship", 5, "claims[0].observable.kind"),
        ("variable: composite", "variable: trade", 5, "claims[0].observable.variable"),
        ("dyad: RUS-USA", "dyad: RUSUSA", 5, "claims[0].observable.dyad"),
        ("end: 2017Q2", "end: 2017Q7", 6, "claims[0].window.end"),
        ("end: 2017Q2", "end: 2011Q1", 6, "claims[0].window.end"),
        ("id: ok_claim", "id: 9lives", 2, "claims[0].id"),
        ("type: increasing", "type: increasing, tolerance: -1", 7, "claims[0].test.tolerance"),
        ("type: increasing", "type: no_alliance", 7, "claims[0].test.type"),
        ("type: increasing", "type: above", 7, "claims[0].test.threshold"),
        ("type: increasing", "type: mostly", 7, "claims[0].test"),
        ("form: trend, at: end", "form: level, at: end", 8, "claims[0].reading.form"),
        ("form: trend, at: end", "form: trend, at: mean", 8, "claims[0].reading.at"),
        ("form: trend, at: end", "form: trend", 8, "claims[0].reading.at"),
        ("form: trend, at: end", "form: trend, at: soon", 8, "claims[0].reading.at"),
        ("at: end}", "at: end, possibility: 1.5}", 8, "claims[0].reading.possibility"),
        ("    reading: {form: trend, at: end}\n", "", 2, "claims[0].reading"),
    ],
)
def test_each_problem_is_located(tmp_path, replace, by, line, key):
    body = "paper: P\nclaims:\n" + GOOD_CLAIM.replace(replace, by)
    with pytest.raises(ClaimError) as caught:
        load_claims(write(tmp_path, body))
    problems = caught.value.problems
    assert [(p.line, p.key_path) for p in problems] == [(line + 1, key)], problems
    assert problems[0].file.endswith("claims.yaml")


def test_several_problems_reported_together(tmp_path):
    bad_section = GOOD_CLAIM.replace('section: "V"', 'section: ""').replace("ok_", "other_")
    body = "paper: P\nextra: 1\nclaims:\n" + GOOD_CLAIM + GOOD_CLAIM + bad_section
    with pytest.raises(ClaimError) as caught:
        load_claims(write(tmp_path, body))
    keys = {p.key_path for p in caught.value.problems}
    assert keys == {"extra", "claims[1].id", "claims[2].section"}


def test_yaml_syntax_error_is_a_claim_error(tmp_path):
    with pytest.raises(ClaimError) as caught:
        load_claims(write(tmp_path, "paper: P\nclaims: [\n"))
    assert caught.value.problems[0].line is not None


def test_unknown_actor_is_reported_at_scoring_time(tmp_path, capsys):
    body = "paper: P\nclaims:\n" + GOOD_CLAIM.replace("RUS-USA", "RUS-TUR")
    path = write(tmp_path, body)
    code = main(
        [
            "compare",
            str(ROOT / "scenarios" / "feng2012_putin_return.yaml"),
            "--claims",
            str(path),
            "--runs",
            "2",
            "--out",
            str(tmp_path / "out"),
            "--no-figures",
        ]
    )
    assert code == 2
    message = capsys.readouterr().err
    assert "claims.yaml:6: claims[0].observable.dyad: got 'RUS-TUR'" in message
    assert not (tmp_path / "out").exists()
