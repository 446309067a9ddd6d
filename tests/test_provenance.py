"""The versions every manifest records come from one function."""

import platform

import numpy as np
import pandas as pd
import pyarrow

from bargainsim import __version__, provenance
from bargainsim.batch import engine
from bargainsim.workflows import run as runner


def test_versions_name_the_running_code_and_its_packages():
    found = provenance.versions()
    assert found["bargainsim"] == __version__
    assert found["python"] == platform.python_version()
    assert found["numpy"] == np.__version__ and found["pandas"] == pd.__version__
    assert found["pyarrow"] == pyarrow.__version__
    assert found["mesa"]
    assert set(found) <= {"bargainsim", "python", *provenance.PACKAGES}


def test_runs_and_batches_record_the_same_versions():
    assert runner.versions is provenance.versions
    assert engine.versions is provenance.versions
