"""A comparison's counterfactuals on a small synthetic world (three actors, no paper data):
one factor removed at a time gives the answer known by construction; counterfactuals
start from their base's relations, every dyad and variable; a claim its inputs decide is
reported as holding by input."""

import textwrap

import numpy as np
import pytest

from bargainsim.compare import load_claims, run_seeds
from bargainsim.compare.factors import factor_events, without_factor
from bargainsim.compare.results import Comparison, Section, claims_table, headline_table
from bargainsim.model.compiled import compile_scenario
from bargainsim.scenario import load_scenario
from bargainsim.workflows.compare import build_comparison, score_scenario
from bargainsim.workflows.factors import factor_effects

ACTOR = """\
    id: {id}
    name: {id}
    capabilities:
      sources: {{gdp_usd_bn: test, military_usd_bn: test, nuclear: test}}
      year: 2008
      gdp_usd_bn: {gdp}
      military_usd_bn: {mil}
      nuclear: false
    preferences: {{military: 0.25, geopolitics: 0.25, economics: 0.4, domestic: 0.1}}
    traits: {{rationality: 2.0, inertia: 0.8, regime: democracy}}
"""

SCENARIO = """\
id: {id}
title: A synthetic world for the comparison's tests
source: test
window: {{start: 2008Q1, end: 2011Q4}}
actors:
  AAA:
{aaa}
  BBB:
{bbb}
  CCC:
{ccc}
issues:
  tariffs:
    id: tariffs
    name: tariffs
    variable: economics
    scale: {{'0': free trade, '100': closed markets}}
    source: test
    positions:
      AAA: {{position: 40, salience: 20}}
      BBB: {{position: 60, salience: 20}}
      CCC: {{position: {ccc_position}, salience: 20}}
interdependence:
  AAA-BBB: {{value: 0.05, source: test}}
initial_cooperation:
  AAA-BBB: {{economics: 0.3}}
events:
{events}
"""

SQUEEZE = """\
  - {id: measures, type: sanctions, factor: squeeze, quarter: 2008Q3, by: [BBB],
     target: AAA, severity: 1.0, source: test}
"""
AFTERTHOUGHT = """\
  - {id: small_move, type: position_shift, factor: afterthought, quarter: 2010Q1,
     actor: CCC, issue: tariffs, delta: 2, source: test}
"""

CLAIMS = """\
paper: A synthetic paper
scenario: {base}
counterfactual: {counter}
claims:
  - id: economic_relation_sours
    section: "I"
    quote: "the economic relation will sour"
    headline: true
    observable: {{kind: cooperation, dyad: AAA-BBB, variable: economics}}
    window: {{start: 2008Q1, end: 2011Q4}}
    test: {{type: decreasing}}
    reading: {{form: trend, at: end}}
  - id: tariff_gap_stays
    section: "II"
    quote: "the gap on tariffs stays"
    headline: true
    observable: {{kind: issue_spread, issue: tariffs}}
    window: {{start: 2008Q1, end: 2011Q4}}
    test: {{type: above, threshold: 5}}
    reading: {{form: level, at: mean}}
"""


def _actor(actor_id, gdp, mil):
    return textwrap.indent(ACTOR.format(id=actor_id, gdp=gdp, mil=mil), "  ")


def write_world(folder, name, events, ccc_position=50):
    text = SCENARIO.format(
        id=name,
        aaa=_actor("AAA", 2000, 60),
        bbb=_actor("BBB", 9000, 400),
        ccc=_actor("CCC", 1000, 20),
        ccc_position=ccc_position,
        events=events or "  []",
    )
    if not events:
        text = text.replace("events:\n  []", "events: []")
    path = folder / f"{name}.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def world(tmp_path):
    base = write_world(tmp_path, "world", SQUEEZE + AFTERTHOUGHT)
    # The counterfactual also changes an input, so its own equilibrium start would differ.
    counter = write_world(tmp_path, "world_without", "", ccc_position=90)
    claims = tmp_path / "claims.yaml"
    claims.write_text(CLAIMS.format(base=base.name, counter=counter.name), encoding="utf-8")
    return base, counter, claims


SEEDS = run_seeds(7, 60)


def test_one_factor_at_a_time_recovers_the_factor_that_carries_a_claim(world):
    base_path, _, claims_path = world
    claims = load_claims(claims_path).claims
    scenario = load_scenario(base_path)
    assert factor_events(scenario) == {"squeeze": ["measures"], "afterthought": ["small_move"]}
    base = score_scenario(scenario, claims, SEEDS)
    table = factor_effects(scenario, claims, SEEDS, base, progress=False)
    sours = table[table["claim"] == "economic_relation_sours"].set_index("factor")
    assert sours.loc["squeeze", "share"] > 0.8
    assert sours.loc["squeeze", "effect"] > 0.5  # without the sanctions it does not sour
    assert sours.loc["squeeze", "ci_low"] > 0.3
    assert abs(sours.loc["afterthought", "effect"]) < 0.15
    assert sours.loc["squeeze", "median_measure_effect"] < 0  # the fall is the sanctions'
    assert set(table["runs"]) == {len(SEEDS)}


def test_removing_a_factor_changes_only_its_events(world):
    scenario = load_scenario(world[0])
    ablated = without_factor(scenario, "squeeze")
    assert [e.id for e in ablated.events] == ["small_move"]
    assert ablated.actors == scenario.actors and ablated.issues == scenario.issues


def test_counterfactual_starts_from_its_base_relations_every_dyad_and_variable(world):
    base_path, counter_path, _ = world
    base = compile_scenario(load_scenario(base_path))
    own = compile_scenario(load_scenario(counter_path))
    inherited = compile_scenario(load_scenario(counter_path), start_from=base)
    assert not np.array_equal(own.cooperation, base.cooperation)  # its inputs differ
    assert np.array_equal(inherited.cooperation, base.cooperation)


def test_a_comparison_scores_its_counterfactual_from_the_base_start(world):
    _, _, claims_path = world
    comparison = build_comparison([claims_path], runs=5, seed=1)
    (section,) = comparison.sections
    assert np.array_equal(section.base.compiled.cooperation, section.versus.compiled.cooperation)
    assert section.versus.floors == section.base.floors


def test_a_partly_listed_dyad_starts_at_the_equilibrium_on_its_other_variables(world):
    scenario = load_scenario(world[0])
    assert set(scenario.initial_cooperation[("AAA", "BBB")]) == {"economics"}
    compiled = compile_scenario(scenario)
    unlisted = compile_scenario(scenario.model_copy(update={"initial_cooperation": {}}))
    a, b = compiled.actor_ids.index("AAA"), compiled.actor_ids.index("BBB")
    assert compiled.cooperation[a, b, 2] == 0.3  # economics, as given
    # military: not 0, and the same value the search finds with nothing listed
    assert compiled.cooperation[a, b, 0] != 0.0
    assert compiled.cooperation[a, b, 0] == pytest.approx(unlisted.cooperation[a, b, 0], abs=0.05)


def test_a_claim_its_inputs_decide_holds_by_input_and_fails_the_headline(world):
    _, _, claims_path = world
    claim_set = load_claims(claims_path)
    base = score_scenario(load_scenario(claim_set.scenario), claim_set.claims, SEEDS)
    counter = score_scenario(
        load_scenario(claim_set.counterfactual), claim_set.claims, SEEDS, base=base
    )
    comparison = Comparison([Section(claim_set, base, counter)], runs=len(SEEDS), seed=7)
    table = claims_table(comparison).set_index(["claim", "role"])
    # The tariff gap is 20 points at the start and nothing in the frozen runs moves it.
    assert table.loc[("tariff_gap_stays", "base"), "share_frozen"] == 1.0
    assert table.loc[("tariff_gap_stays", "base"), "holds_by_input"]
    # Souring needs the relation update: frozen, the relation never moves.
    assert table.loc[("economic_relation_sours", "base"), "share_frozen"] == 0.0
    assert not table.loc[("economic_relation_sours", "base"), "holds_by_input"]
    headline = headline_table(comparison).set_index("claim")
    assert headline.loc["tariff_gap_stays", "status"] == "FAIL"
    assert "holds by input" in headline.loc["tariff_gap_stays", "why"]
