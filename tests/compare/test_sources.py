"""Table sources: one observable path over runs in memory, stored runs and plain frames."""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from bargainsim.compare import load_claims, run_seeds
from bargainsim.compare.observables import OBSERVABLES
from bargainsim.model.tables import TABLE_FILES, build_tables, parquet_bytes
from bargainsim.results import load_run
from bargainsim.results.sources import ObservableMissing, equals, in_order, present, wide
from bargainsim.scenario import load_scenario
from bargainsim.workflows.compare import simulate_source

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "scenarios"
PAPERS = [
    ("xu2008.yaml", "xu2008_medvedev.yaml"),
    ("feng2012.yaml", "feng2012_putin_return.yaml"),
]


@pytest.fixture(scope="module", params=PAPERS, ids=["xu2008", "feng2012"])
def paper(request):
    claims_file, scenario_file = request.param
    source = simulate_source(load_scenario(SCENARIOS / scenario_file), run_seeds(5, 6))
    return load_claims(SCENARIOS / "claims" / claims_file).claims, source


def _same(a, b) -> None:
    assert np.array_equal(a.values, b.values)  # exact, not approximate
    assert a.runs.tolist() == b.runs.tolist()
    assert a.seeds.tolist() == b.seeds.tolist()
    assert [str(q) for q in a.quarters] == [str(q) for q in b.quarters]


def test_every_claim_reads_the_same_in_memory_and_from_a_stored_run(paper, tmp_path):
    """One observable path: the tables of a run in memory and the same run read back
    from its directory give identical trajectories for every claim."""
    claims, source = paper
    stored = tmp_path / "run"
    for name, table in build_tables(source.result).items():
        stored.mkdir(exist_ok=True)
        (stored / TABLE_FILES[name]).write_bytes(parquet_bytes(table))
    for claim in claims:
        _same(
            claim.kind.compute(source, claim.observable),
            claim.kind.compute(lambda name: load_run(stored, name), claim.observable),
        )


def test_quarter_is_an_ordered_categorical_in_time_order(paper):
    _, source = paper
    frame = source("cooperation")
    assert frame["quarter"].cat.ordered
    quarters = list(frame["quarter"].cat.categories)
    assert quarters == sorted(quarters)
    later = frame[frame["quarter"] >= quarters[4]]
    assert set(later["step"]) == set(range(4, len(quarters)))


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("cooperation", {"dyad": "USA-RUS", "variable": "economics"}),
        ("cooperation", {"dyad": "RUS-CHN"}),
        ("mean_cooperation", {"dyads": ["RUS-CHN", "RUS-IND"], "variable": "military"}),
        ("issue_status", {"issues": ["missile_defence", "wto_trade"], "status": "open"}),
        ("issue_status", {"issue": "missile_defence", "status": "deadlock"}),
        ("issue_spread", {"issue": "wto_trade"}),
        ("issue_position", {"issue": "wto_trade", "actor": "USA"}),
        ("alliance", {"dyad": "CHN-RUS"}),
        ("posture", {"actor": "IND", "toward": "USA", "posture": "hedge"}),
        ("threat", {"actor": "RUS", "source": "USA"}),
    ],
)
def test_each_kind_reads_the_same_from_memory_and_from_tables(kind, params):
    source = simulate_source(
        load_scenario(SCENARIOS / "feng2012_putin_return.yaml"), run_seeds(2, 5)
    )
    observable = OBSERVABLES[kind]
    p = observable.params(**params)
    _same(observable.compute(source, p), observable.compute(source.result.tables().get, p))


@pytest.mark.parametrize(
    ("kind", "params"),
    [
        ("cooperation", {"dyad": "RUS-XXX"}),
        ("issue_spread", {"issue": "no_such_issue"}),
        ("issue_position", {"issue": "wto_trade", "actor": "XXX"}),
        ("posture", {"actor": "RUS", "toward": "XXX", "posture": "hedge"}),
        ("posture", {"actor": "RUS", "toward": "RUS", "posture": "hedge"}),
        ("threat", {"actor": "XXX", "source": "USA"}),
    ],
)
def test_missing_names_are_reported_alike(kind, params):
    source = simulate_source(
        load_scenario(SCENARIOS / "feng2012_putin_return.yaml"), run_seeds(2, 2)
    )
    observable = OBSERVABLES[kind]
    p = observable.params(**params)
    errors = []
    for tables in (source, source.result.tables().get):
        with pytest.raises(ObservableMissing) as caught:
            observable.compute(tables, p)
        errors.append((caught.value.key, caught.value.value, caught.value.expected))
    assert errors[0] == errors[1]


def test_source_tables_equal_the_model_tables():
    source = simulate_source(load_scenario(SCENARIOS / "xu2008_medvedev.yaml"), run_seeds(1, 3))
    reference = source.result.tables()
    for name in ("cooperation", "dyads", "postures", "issues", "issue_status"):
        ours = source(name).assign(quarter=lambda f: f["quarter"].astype(str))
        theirs = reference[name].assign(quarter=lambda f: f["quarter"].astype(str))
        pd.testing.assert_frame_equal(ours, theirs, check_categorical=False, check_dtype=False)


def test_column_helpers_on_categorical_and_text_columns():
    text = pd.Series(["b", "a", "b", None])
    codes = text.astype(pd.CategoricalDtype(["a", "b", "c"]))
    for column in (text, codes):
        assert equals(column, "b").tolist() == [True, False, True, False]
        assert {"a", "b"} <= present(column)
        assert in_order(column)[:2] == ["b", "a"]


def test_wide_falls_back_to_a_pivot_for_repeated_cells():
    frame = pd.DataFrame(
        {
            "run": [0, 0, 0, 1, 1],
            "seed": [9, 9, 9, 8, 8],
            "step": [0, 1, 1, 0, 1],
            "quarter": ["2010Q1", "2010Q2", "2010Q2", "2010Q1", "2010Q2"],
            "x": [1.0, 2.0, 4.0, 5.0, 6.0],
        }
    )
    series = wide(frame, "x")
    assert series.values.tolist() == [[1.0, 3.0], [5.0, 6.0]]
    assert series.seeds.tolist() == [9, 8]
    assert list(series.quarters) == ["2010Q1", "2010Q2"]


def test_a_directed_observable_reads_the_first_actor_toward_the_second():
    source = simulate_source(load_scenario(SCENARIOS / "xu2008_medvedev.yaml"), run_seeds(3, 3))
    result = source.result
    ids = list(result.compiled.actor_ids)
    rus, usa = ids.index("RUS"), ids.index("USA")
    pair = next(
        k for k, (a, b) in enumerate(result.compiled.dyads) if {int(a), int(b)} == {rus, usa}
    )
    first = int(result.compiled.dyads[pair][0])
    forward, backward = result.history.a_to_b, result.history.b_to_a
    rus_to_usa = (forward if first == rus else backward)[:, :, pair, 0]
    usa_to_rus = (backward if first == rus else forward)[:, :, pair, 0]
    kind = OBSERVABLES["cooperation"]
    for dyad, expected in (("RUS-USA", rus_to_usa), ("USA-RUS", usa_to_rus)):
        p = kind.params(dyad=dyad, variable="military", directed=True)
        np.testing.assert_array_equal(kind.compute(source, p).values, expected)
    mean = kind.compute(source, kind.params(dyad="USA-RUS", variable="military")).values
    np.testing.assert_allclose(mean, 0.5 * (rus_to_usa + usa_to_rus))
    assert not np.array_equal(rus_to_usa, usa_to_rus)  # the two directions differ
