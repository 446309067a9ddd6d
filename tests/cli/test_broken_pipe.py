"""A reader that goes away (``bargainsim runs show DIR | head``) ends the command with one
message, not a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
FENG = SRC.parent / "scenarios" / "feng2012_putin_return.yaml"


def test_output_to_a_closed_pipe(tmp_path):
    batch = tmp_path / "batch"
    environment = {**os.environ, "PYTHONPATH": str(SRC)}
    command = [sys.executable, "-m", "bargainsim.cli"]
    subprocess.run(
        [
            *command,
            "batch",
            str(FENG),
            "--runs",
            "2",
            "--backend",
            "inprocess",
            "--out",
            str(batch),
        ],
        env=environment,
        check=True,
        capture_output=True,
    )
    for listed in (["runs", "show", str(batch)], ["runs", "list", str(tmp_path)]):
        reading, writing = os.pipe()
        os.close(reading)  # the reader has gone before the first line is written
        try:
            done = subprocess.run(
                [*command, *listed], env=environment, stdout=writing, stderr=subprocess.PIPE
            )
        finally:
            os.close(writing)
        err = done.stderr.decode()
        assert done.returncode == 2, err
        assert "closed before it was all written" in err and "Traceback" not in err
