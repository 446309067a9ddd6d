"""`bargainsim hindcast`: a record read with located errors, scored beside baselines."""

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from bargainsim.compare.record import load_record
from bargainsim.errors import RecordError

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = ROOT / "scenarios" / "xu2008_medvedev.yaml"
FORECASTS = ROOT / "scenarios" / "history" / "forecasts.yaml"

RECORD = """\
id: small_record
window: {start: 2008Q2, end: 2012Q1}
dyads:
  RUS-USA:
    - {from: 2008Q2, to: 2008Q4, direction: down, level: -1, sources: ["the August war"]}
    - {from: 2009Q1, to: 2011Q4, direction: up, level: 1, sources: ["the reset"]}
  RUS-CHN:
    - {from: 2008Q2, to: 2011Q4, direction: up, level: 2, sources: ["treaty anniversary"]}
  KAZ-BLR:
    - {from: 2008Q2, to: 2011Q4, direction: flat, level: 1, sources: ["customs union"]}
"""


def write(tmp_path, text, name="record.yaml"):
    path = tmp_path / name
    path.write_text(text)
    return path


def test_the_command_scores_the_record_and_writes_its_report(tmp_path):
    out = tmp_path / "hindcast"
    done = subprocess.run(
        [sys.executable, "-m", "bargainsim.cli", "hindcast", str(SCENARIO),
         "--record", str(write(tmp_path, RECORD)), "--runs", "8", "--seed", "3",
         "--calibration-end", "2008Q4", "--forecasts", str(FORECASTS), "--out", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    table = pd.read_csv(out / "hindcast.csv")
    assert len(table) == 4
    assert set(table["sample"]) == {"calibration", "out_of_sample"}
    assert table.loc[table["dyad"] == "KAZ-BLR", "events"].tolist() == [False]
    assert table["persistence"].eq("flat").all()
    assert table.loc[1, "trend"] == "down"  # RUS-USA's second period follows the first
    assert table.loc[table["dyad"] == "RUS-CHN", "xu2008"].tolist() == ["up"]
    summary = pd.read_csv(out / "summary.csv")
    assert {"model", "persistence", "trend", "xu2008"} <= set(summary["predictor"])
    report = (out / "report.md").read_text()
    assert "Directions matched" in report and "figures/record_RUS-USA.png" in report
    assert (out / "figures" / "record_RUS-CHN.png").is_file()


BAD_RECORDS = [
    ("RUS-CHN:", "RUS-XXX:", "a dyad of the scenario's actors"),
    ("direction: up, level: 2", "direction: sideways, level: 2", "up, down or flat"),
    ("{from: 2009Q1, to: 2011Q4", "{from: 2008Q3, to: 2011Q4", "overlaps"),
    ("{from: 2009Q1, to: 2011Q4", "{from: 2009Q3, to: 2011Q4", "leaves a gap"),
    ("{from: 2009Q1, to: 2011Q4", "{from: 2009Q7, to: 2011Q4", "a quarter written"),
    ("level: 2,", "level: 5,", "an integer from -3 to 3"),
]


@pytest.mark.parametrize(("old", "new", "expected"), BAD_RECORDS)
def test_a_bad_record_is_a_located_error(tmp_path, old, new, expected):
    message, problems = _bad(tmp_path, old, new)
    assert expected in message
    assert problems[0].line is not None and problems[0].file.endswith("record.yaml")


def _bad(tmp_path, old, new):
    text = RECORD.replace(old, new, 1)
    assert text != RECORD
    with pytest.raises(RecordError) as caught:
        load_record(write(tmp_path, text), actors={"RUS", "USA", "CHN", "IND", "KAZ", "BLR"})
    return str(caught.value), caught.value.problems


def test_a_csv_series_becomes_yearly_periods(tmp_path):
    rows = ["dyad,quarter,value"]
    values = [0, 1, 2, 3, 4, 4, 4, 4, 4, 3, 2, 1, 0]  # 2007Q4 .. 2010Q4: up, flat, down
    quarters = ["2007Q4"] + [f"{y}Q{q}" for y in (2008, 2009, 2010) for q in (1, 2, 3, 4)]
    rows += [f"RUS-USA,{q},{v}" for q, v in zip(quarters, values, strict=True)]
    record = load_record(write(tmp_path, "\n".join(rows) + "\n", "series.csv"))
    assert [p.direction for p in record.periods] == ["up", "flat", "down"]
    assert record.quantitative


def test_a_bad_csv_names_its_line(tmp_path):
    text = "dyad,quarter,value\nRUS-USA,2008Q1,1.0\nRUS-USA,2008Q9,2.0\n"
    with pytest.raises(RecordError) as caught:
        load_record(write(tmp_path, text, "series.csv"))
    assert caught.value.problems[0].line == 3


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("RUS-USA: down", "RUS-USA: sideways", "up, down or flat"),
        ("start: 2008Q2", "start: 2008Q9", "a quarter written"),
    ],
)
def test_a_bad_forecasts_file_is_a_located_error(tmp_path, old, new, expected):
    from bargainsim.compare.hindcast import load_forecasts

    text = FORECASTS.read_text().replace(old, new, 1)
    with pytest.raises(RecordError, match=expected) as caught:
        load_forecasts(write(tmp_path, text, "forecasts.yaml"))
    assert caught.value.problems[0].line is not None
