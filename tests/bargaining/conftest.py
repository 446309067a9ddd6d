"""Fixtures for the SMP engine tests: KTAB's reference runs, found in a ``shared``
directory beside the repository; tests that need them skip when it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
KTAB_REFERENCE = REPO_ROOT / ".." / "shared" / "reference" / "ktab"
THREE_DIM_INPUT = KTAB_REFERENCE / "dummyData_3Dim.csv"
THREE_DIM_POSITIONS = KTAB_REFERENCE / "dummyData_3Dim.positions.csv"
THREE_DIM_SUMMARY = KTAB_REFERENCE / "dummyData_3Dim.summary.txt"
THREE_DIM_LOG = KTAB_REFERENCE / "20170530_ref-dummyData_3Dim.txt"


def require(path: Path) -> Path:
    """``path`` if it exists, else skip the test (the reference data is not in this tree)."""
    if not path.exists():
        pytest.skip(f"KTAB reference data not available ({path.name})")
    return path


@pytest.fixture(scope="session")
def three_dim_input() -> Path:
    return require(THREE_DIM_INPUT)


@pytest.fixture(scope="session")
def three_dim_positions() -> Path:
    return require(THREE_DIM_POSITIONS)


@pytest.fixture(scope="session")
def three_dim_summary() -> Path:
    return require(THREE_DIM_SUMMARY)


@pytest.fixture(scope="session")
def three_dim_log() -> Path:
    return require(THREE_DIM_LOG)
