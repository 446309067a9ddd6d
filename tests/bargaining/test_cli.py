"""``bargainsim smp`` end to end, in process and as a user runs it."""

from __future__ import annotations

import subprocess
import sys

from bargainsim.cli import main


def test_summary_matches_ktab(three_dim_input, three_dim_summary, capsys):
    assert main(["smp", str(three_dim_input), "--summary"]) == 0
    assert capsys.readouterr().out == three_dim_summary.read_text()


def test_positions_csv_matches_ktab(three_dim_input, three_dim_positions, tmp_path, capsys):
    out = tmp_path / "positions.csv"
    assert main(["smp", str(three_dim_input), "--positions-csv", str(out)]) == 0
    assert out.read_bytes() == three_dim_positions.read_bytes()
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind
    assert out.stat().st_mode & 0o044  # readable by others, as a plain write would be
    assert capsys.readouterr().out == ""


def test_human_summary(three_dim_input, capsys):
    assert main(["smp", str(three_dim_input)]) == 0
    out = capsys.readouterr().out
    assert "Turns: 10 (converged" in out
    assert "SActor-05" in out and "79.88" in out


def test_malformed_input_is_a_user_error(tmp_path, capsys):
    bad = tmp_path / "bad.csv"
    bad.write_text("Tiny,desc,3,1\nActor,Description,Power,P,S\nA,a,1,200,10\n")
    assert main(["smp", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "bad.csv:3" in err and "actors[0].position[0]" in err


def test_subprocess_run(three_dim_input, three_dim_summary):
    completed = subprocess.run(
        [sys.executable, "-m", "bargainsim.cli", "smp", str(three_dim_input), "--summary"],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout == three_dim_summary.read_text()
