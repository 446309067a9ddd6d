"""Were the papers right? The headline claims read on the historical record's levels."""

from pathlib import Path

import pandas as pd
import pytest

from bargainsim.compare import load_claims
from bargainsim.compare.papers_right import papers_right, record_levels, record_verdict
from bargainsim.compare.record import load_record

ROOT = Path(__file__).resolve().parents[2]
RECORD = ROOT / "scenarios" / "history" / "record_2008_2019.yaml"


def claim(paper: str, claim_id: str):
    claims = load_claims(ROOT / "scenarios" / "claims" / f"{paper}.yaml").claims
    return next(c for c in claims if c.id == claim_id)


@pytest.fixture(scope="module")
def record():
    return load_record(RECORD)


def test_levels_start_before_the_window_and_end_with_the_period_it_ends_in(record):
    feng = claim("feng2012", "feng_v_heating_up")  # 2012Q2-2017Q2
    # the 2009-2011 reset ends at +1; 2012-13, 2014-16 and 2017-19 end at -1, -2, -3
    assert record_levels(record, "RUS-USA", feng) == [1, -1, -2, -3]
    xu = claim("xu2008", "xu_iii_i_escalation")  # 2008Q2-2012Q1, inside the first period
    assert record_levels(record, "RUS-USA", xu) == [0, -1, 1, -1]


def test_the_papers_headlines_against_what_happened(record):
    assert record_verdict(claim("xu2008", "xu_iii_i_escalation"), record)["paper_right"]
    assert not record_verdict(claim("feng2012", "feng_v_heating_up"), record)["paper_right"]
    closer = record_verdict(claim("xu2008", "xu_iii_ii_partners_closer"), record)
    assert closer["record_measure"] == pytest.approx(0.25)  # Kazakhstan +1, the others 0


def test_a_claim_on_one_variable_is_not_comparable(record):
    military = claim("xu2008", "xu_iii_i_military_rivalry")
    assert record_verdict(military, record)["record"].startswith("not comparable")


def test_the_table_sets_the_models_verdict_beside_the_records(record):
    claims = load_claims(ROOT / "scenarios" / "claims" / "feng2012.yaml").claims
    scorecard = pd.DataFrame(
        [{"claim": "feng_v_heating_up", "role": "base", "share": 0.5, "verdict": "x"}]
    )
    table = papers_right(claims, record, scorecard)
    assert list(table["claim"]) == ["feng_v_heating_up"]
    assert table.iloc[0]["model_share"] == 0.5 and not table.iloc[0]["paper_right"]
