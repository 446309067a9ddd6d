"""A synthetic three-actor scenario (the scenario tests' fixture library) and a claim on it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

LIBRARY = Path(__file__).resolve().parents[1] / "scenario" / "fixtures" / "library"
CLAIMS = """paper: "A test"
claims:
  - id: rus_usa_falls
    section: "T"
    quote: "Relations fall."
    headline: true
    observable: {kind: cooperation, dyad: RUS-USA, variable: composite}
    window: {start: 2008Q2, end: 2009Q4}
    test: {type: decreasing}
    reading: {form: trend, at: end}
"""
# The Georgia shock's size decides the claim; the others barely touch RUS-USA.
INPUTS = """inputs:
  events[0].delta: [-0.8, 0.3]
  actors.CHN.preferences.economics: [0.2, 0.4]
  parameters.noise_sd: [0.01, 0.02]
"""


@pytest.fixture
def study(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(LIBRARY, tmp_path / "scenarios")
    (tmp_path / "claims.yaml").write_text(CLAIMS)
    (tmp_path / "inputs.yaml").write_text(INPUTS)
    monkeypatch.chdir(tmp_path)
    return tmp_path
