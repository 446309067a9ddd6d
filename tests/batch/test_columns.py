"""The batch's Arrow tables hold exactly the model's tidy tables (history_tables)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from bargainsim.batch.columns import TABLE_NAMES, arrow_tables
from bargainsim.model.compiled import compile_scenario
from bargainsim.model.ensemble import simulate
from bargainsim.runner import TABLE_FILES
from bargainsim.scenario import load_scenario

from .conftest import FENG, XU


@pytest.mark.parametrize("path", [FENG, XU], ids=["feng", "xu"])
def test_arrow_tables_equal_the_model_tables(path):
    compiled = compile_scenario(load_scenario(path))
    result = simulate(compiled, [3, 1_000_001, 4_000_000_000])
    run_ids = np.array([10, 11, 12])
    expected = result.tables(run_ids)
    built = arrow_tables(result, run_ids)
    assert set(built) == set(TABLE_NAMES) == set(TABLE_FILES)
    for name in TABLE_NAMES:
        frame = built[name].to_pandas()
        # The one difference of type: quarter is categorical (in time order) in a batch.
        assert list(frame["quarter"].cat.categories) == [
            compiled.baseline_quarter,
            *compiled.quarters,
        ]
        frame["quarter"] = frame["quarter"].astype(expected[name]["quarter"].dtype)
        pd.testing.assert_frame_equal(frame, expected[name], check_exact=True)
