"""The page's own controls, in the sidebar beside Mesa's: the scenario, the dyad, the
seeds, one actor's preference weights (renormalised, the rule shown) and saliences, and
every model parameter. A slider acts when released, so a drag rebuilds the ensemble once.
"""

from __future__ import annotations

from dataclasses import fields, replace

import solara

from bargainsim.explore import state
from bargainsim.explore.settings import (
    RENORMALISATION_RULE,
    VARIABLE_NAMES,
    Settings,
    scenario_files,
)
from bargainsim.parameters import ModelParameters

HEADING = {"font-weight": "bold", "margin-top": "0.8em"}


@solara.component
def ReleasedSlider(label: str, value: float, low: float, high: float, step: float, on_release):
    """A slider whose change is reported once, when it is let go."""
    slider = solara.v.Slider(
        v_model=value, label=label, min=low, max=high, step=step, thumb_label=True,
        dense=True, hide_details=True, class_="bargainsim-slider",
    )  # fmt: skip
    solara.v.use_event(slider, "change", lambda _widget, _event, data: on_release(float(data)))
    return slider


@solara.component
def ActorControls(ensemble):
    compiled, settings = ensemble.compiled, ensemble.settings
    actor, set_actor = solara.use_state(compiled.actor_ids[0])
    if actor not in compiled.actor_ids:
        actor = compiled.actor_ids[0]
    k = compiled.actor_index(actor)
    solara.Select("actor", values=list(compiled.actor_ids), value=actor, on_value=set_actor)
    weights = dict(zip(VARIABLE_NAMES, map(float, compiled.preferences[k]), strict=True))
    solara.Text(f"{actor}'s preference weights (sum 1)", style=HEADING)
    for name in VARIABLE_NAMES:
        ReleasedSlider(
            f"{name} {weights[name]:.2f}",
            round(weights[name], 2),
            0.0,
            1.0,
            0.01,
            lambda value, name=name: state.apply(
                settings.with_preference(actor, weights, name, value)
            ),
        )
    solara.Text(RENORMALISATION_RULE, style={"font-size": "0.8em"})
    solara.Text(f"{actor}'s saliences (0-100; at most 100 in total)", style=HEADING)
    for d, issue in enumerate(compiled.issue_ids):
        salience = float(compiled.declared_salience[k, d] * 100.0)
        ReleasedSlider(
            f"{issue} {salience:.0f}",
            round(salience),
            0,
            100,
            1,
            lambda value, issue=issue: state.apply(settings.with_salience(actor, issue, value)),
        )


@solara.component
def ParameterControls(ensemble):
    current, settings = ensemble.compiled.parameters, ensemble.settings
    with solara.Details("Model parameters"):
        for item in fields(ModelParameters):
            low, high = item.metadata["range"]
            value = float(getattr(current, item.name))
            ReleasedSlider(
                f"{item.name} {value:.3g}",
                value,
                low,
                high,
                (high - low) / 200,
                lambda v, name=item.name: state.apply(settings.with_parameter(name, v)),
            )


@solara.component
def SettingsPanel():
    ensemble = state.ensemble.value
    settings = ensemble.settings
    choices = {path.stem: path for path in scenario_files(settings.scenario.parent)}
    with solara.Sidebar(), solara.Card("Scenario"):
        solara.Select(
            "scenario",
            values=list(choices),
            value=settings.scenario.stem,
            on_value=lambda stem: state.apply(Settings(choices[stem], seeds=settings.seeds)),
        )
        solara.Select("dyad", values=ensemble.dyads(), value=state.dyad.value,
                      on_value=state.dyad.set)  # fmt: skip
        ReleasedSlider(
            f"seeds in the fan {settings.seeds}",
            settings.seeds,
            8,
            64,
            8,
            lambda n: state.apply(replace(settings, seeds=int(n))),
        )
        if state.refused.value:
            solara.Error(f"change refused: {state.refused.value}")
        changes = settings.overrides()
        solara.Text(f"{len(changes)} change(s) from the file" + (": " if changes else ""))
        for change in changes:
            solara.Text(f"--set '{change}'", style={"font-size": "0.75em"})
        ActorControls(ensemble)
        ParameterControls(ensemble)
