"""A batch meets a file system that refuses it: one clear message, and what finished is
kept, said and resumable."""

from __future__ import annotations

import json
import os
import sys

import pytest

from bargainsim.cli import main
from bargainsim.errors import OutputError

from .conftest import FENG, run_small_batch
from .test_determinism import chunk_files


def test_batch_out_an_existing_file_is_refused(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("notes")
    assert main(["batch", str(FENG), "--runs", "2", "--out", str(notes)]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a batch directory" in err and "Traceback" not in err
    assert notes.read_text() == "notes" and [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_batch_out_a_foreign_folder_is_refused_and_left_untouched(tmp_path, capsys):
    folder = tmp_path / "precious"
    folder.mkdir()
    (folder / "notes.txt").write_text("notes")
    assert main(["batch", str(FENG), "--runs", "2", "--out", str(folder)]) == 2
    assert "not a batch directory" in capsys.readouterr().err
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
@pytest.mark.parametrize("lasting", [True, False], ids=["disk stays full", "space comes back"])
def test_a_disk_that_fills_during_a_batch_leaves_it_resumable(tmp_path, monkeypatch, lasting):
    reference = tmp_path / "reference"
    run_small_batch(reference, runs=16, chunk_runs=4)
    out = tmp_path / "batch"
    real_fsync, full = os.fsync, []

    def fsync(descriptor):
        # The disk fills while the third chunk is written; it stays full if ``lasting``.
        if "c0000002" in os.readlink(f"/proc/self/fd/{descriptor}") or (lasting and full):
            full.append(True)
            raise OSError(28, os.strerror(28))
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", fsync)
    with pytest.raises(OutputError) as stopped:
        run_small_batch(out, runs=16, chunk_runs=4)
    message = str(stopped.value)
    assert "no space left on the device" in message and "8 of 16 runs done" in message
    assert "run the same command again" in message
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["finished"] == 8
    assert manifest["status"] == ("running" if lasting else "stopped")

    monkeypatch.setattr(os, "fsync", real_fsync)
    _, summary = run_small_batch(out, runs=16, chunk_runs=4)
    assert summary.resumed and summary.runs_run == 8 and summary.finished == 16
    assert chunk_files(out) == chunk_files(reference)
    assert (out / "index.parquet").read_bytes() == (reference / "index.parquet").read_bytes()
