"""Where ``run`` and ``compare`` may write: a new path, or an earlier output of the same
command. Nothing else is replaced, and nothing a user put there is deleted."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from bargainsim.cli import main
from bargainsim.errors import OutputError
from bargainsim.output import atomic_directory, write_text_atomic

ROOT = Path(__file__).resolve().parents[2]
XU = ROOT / "scenarios" / "xu2008_medvedev.yaml"
CLAIMS = ROOT / "scenarios" / "claims" / "xu2008.yaml"


def run(out, *extra) -> int:
    return main(["run", str(XU), "--quiet", "--out", str(out), *extra])


def names(directory: Path) -> list[str]:
    return sorted(path.name for path in directory.iterdir())


def test_run_refuses_a_folder_bargainsim_did_not_write(tmp_path, capsys):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("notes")
    assert run(precious) == 2
    err = capsys.readouterr().err
    assert "was not written by bargainsim run" in err and "--overwrite" in err
    assert "Traceback" not in err
    assert names(precious) == ["notes.txt"] and names(tmp_path) == ["precious"]


def test_overwrite_writes_into_a_foreign_folder_and_deletes_nothing(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("notes")
    assert run(precious, "--overwrite") == 0
    assert (precious / "notes.txt").read_text() == "notes"
    assert json.loads((precious / "manifest.json").read_text())["kind"] == "run"
    assert names(tmp_path) == ["precious"]


def test_a_file_is_never_replaced_by_a_folder(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("notes")
    for extra in ((), ("--overwrite",)):
        assert run(notes, *extra) == 2
        assert "is not a folder" in capsys.readouterr().err
    assert notes.read_text() == "notes" and names(tmp_path) == ["notes.txt"]


def test_an_earlier_run_is_replaced_and_a_users_file_in_it_kept(tmp_path):
    out = tmp_path / "run"
    assert run(out, "--seed", "1") == 0
    (out / "notes.txt").write_text("mine")
    assert run(out, "--seed", "2") == 0
    assert json.loads((out / "manifest.json").read_text())["seed"] == 2
    assert (out / "notes.txt").read_text() == "mine"
    assert names(tmp_path) == ["run"]


def test_compare_does_not_replace_the_batch_it_reads(tmp_path, capsys):
    batch = tmp_path / "batch"
    assert (
        main(["batch", str(XU), "--runs", "2", "--backend", "inprocess", "--out", str(batch)]) == 0
    )
    before = sorted(str(p.relative_to(batch)) for p in batch.rglob("*"))
    for extra in ((), ("--overwrite",)):
        command = ["compare", "--batch", str(batch), "--claims", str(CLAIMS), "--no-figures"]
        assert main([*command, "--out", str(batch), *extra]) == 2
        assert "holds a bargainsim batch output" in capsys.readouterr().err
    assert sorted(str(p.relative_to(batch)) for p in batch.rglob("*")) == before


def test_out_naming_the_working_directory_from_inside_it(tmp_path, monkeypatch):
    work = tmp_path / "work"
    assert run(work, "--seed", "1") == 0
    (work / "notes.txt").write_text("mine")
    monkeypatch.chdir(work)
    assert run(Path("..") / "work", "--seed", "2") == 0
    assert Path.cwd() == work and Path("notes.txt").read_text() == "mine"
    assert json.loads(Path("manifest.json").read_text())["seed"] == 2
    assert names(tmp_path) == ["work"]


def test_out_naming_a_foreign_working_directory_is_refused(tmp_path, monkeypatch):
    work = tmp_path / "work"
    work.mkdir()
    (work / "notes.txt").write_text("mine")
    monkeypatch.chdir(work)
    assert run(Path("..") / "work") == 2
    assert names(work) == ["notes.txt"] and names(tmp_path) == ["work"]


def _earlier_output(target: Path) -> None:
    target.mkdir()
    (target / "manifest.json").write_text(json.dumps({"kind": "run", "seed": 1}))
    (target / "notes.txt").write_text("mine")


@pytest.mark.parametrize("keep_notes", [False, True], ids=["swap", "into"])
def test_a_failed_final_rename_rolls_back(tmp_path, monkeypatch, keep_notes):
    target = tmp_path / "out"
    _earlier_output(target)
    if not keep_notes:
        (target / "notes.txt").unlink()
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    real_rename = os.rename

    def failing_rename(source, destination):
        if ".tmp" in str(source):  # the move of the new output into place
            raise OSError(18, "Invalid cross-device link", str(source))
        real_rename(source, destination)

    monkeypatch.setattr(os, "rename", failing_rename)
    with (
        pytest.raises(OutputError, match="cannot write"),
        atomic_directory(target, "run", {"manifest.json"}) as building,
    ):
        write_text_atomic(building / "manifest.json", json.dumps({"kind": "run", "seed": 2}))
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert names(tmp_path) == ["out"]


@pytest.mark.parametrize(
    ("number", "words"),
    [(28, "no space left on the device"), (30, "the file system is read-only")],
    ids=["ENOSPC", "EROFS"],
)
def test_a_full_or_read_only_disk_is_one_clear_message(
    tmp_path, monkeypatch, capsys, number, words
):
    def refuse(*args, **kwargs):
        raise OSError(number, os.strerror(number))

    monkeypatch.setattr(os, "fsync", refuse)
    out = tmp_path / "run"
    assert run(out) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert names(tmp_path) == []


def test_a_read_only_parent_directory_is_one_clear_message(tmp_path, monkeypatch, capsys):
    def refuse(path, *args, **kwargs):
        raise OSError(30, os.strerror(30), str(path))

    monkeypatch.setattr(os, "mkdir", refuse)
    assert run(tmp_path / "new" / "run") == 2
    err = capsys.readouterr().err
    assert "the file system is read-only" in err and "Traceback" not in err


def test_content_that_cannot_be_put_back_is_kept_and_its_place_named(tmp_path, monkeypatch):
    target = tmp_path / "out"
    _earlier_output(target)
    (target / "notes.txt").unlink()
    real_rename = os.rename

    def failing_rename(source, destination):
        if ".tmp" in str(source) or ".old" in str(source):
            raise OSError(5, "Input/output error", str(source))
        real_rename(source, destination)

    monkeypatch.setattr(os, "rename", failing_rename)
    refused = pytest.raises(OutputError, match=r"cannot move the earlier content back.*it is in")
    with refused, atomic_directory(target, "run", {"manifest.json"}) as building:
        write_text_atomic(building / "manifest.json", "{}")
    (kept,) = [p for p in tmp_path.iterdir() if p.name.endswith(".old")]
    assert json.loads((kept / "out" / "manifest.json").read_text())["seed"] == 1
