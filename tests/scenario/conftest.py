"""A private copy of the fixture scenario library per test, so that a test can break one
file without touching the others."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from scenario_helpers import FIXTURES


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the fixture library at ``<tmp>/scenarios``; the working directory is
    ``<tmp>`` so that messages name files as ``scenarios/...``."""
    target = tmp_path / "scenarios"
    shutil.copytree(FIXTURES, target)
    monkeypatch.chdir(tmp_path)
    return target
