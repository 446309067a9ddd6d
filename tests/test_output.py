"""Atomic output: files and directories get the mode a plain write gives under the umask."""

import os
import stat

import numpy as np
import pandas as pd
import pytest

from bargainsim.bargaining.report import write_positions_csv
from bargainsim.output import (
    atomic_directory,
    write_bytes_atomic,
    write_json_atomic,
    write_parquet_atomic,
    write_text_atomic,
)

WRITERS = {
    "bytes": lambda path: write_bytes_atomic(path, b"payload"),
    "text": lambda path: write_text_atomic(path, "text\n"),
    "json": lambda path: write_json_atomic(path, {"a": 1}),
    "parquet": lambda path: write_parquet_atomic(path, pd.DataFrame({"a": [1, 2]})),
    "positions csv": lambda path: write_positions_csv(path, np.zeros((2, 2, 1))),
}


@pytest.fixture(params=[0o022, 0o077], ids=lambda mask: f"umask {mask:03o}")
def umask(request):
    previous = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(previous)


def _mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.mark.parametrize("writer", WRITERS.values(), ids=WRITERS.keys())
def test_a_written_file_has_the_mode_of_a_plain_write(tmp_path, umask, writer):
    target = tmp_path / "out"
    writer(target)
    plain = tmp_path / "plain"
    plain.write_bytes(b"")
    assert _mode(target) == 0o666 & ~umask == _mode(plain)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "plain"]


@pytest.mark.parametrize("replacing", [False, True], ids=["new", "replacing"])
def test_an_atomic_directory_has_the_mode_of_a_plain_mkdir(tmp_path, umask, replacing):
    target = tmp_path / "run"
    if replacing:
        target.mkdir()
        (target / "manifest.json").write_text('{"kind": "run"}')
        (target / "stale.parquet").write_text("old")
    with atomic_directory(target, "run", {"manifest.json", "stale.parquet"}) as building:
        write_text_atomic(building / "report.md", "# report\n")
    assert _mode(target) == 0o777 & ~umask
    assert _mode(target / "report.md") == 0o666 & ~umask
    assert [p.name for p in target.iterdir()] == ["report.md"]
    assert [p.name for p in tmp_path.iterdir()] == ["run"]
