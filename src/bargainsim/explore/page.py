"""The explorer's page: Mesa's SolaraViz (its Reset, play and Step controls) over the live
model, with the fan chart, the alignment network, the issue stances and the claim
scorecard as matplotlib components, and the page's own controls in the sidebar.

``solara run bargainsim.explore.page`` serves it (``bargainsim explore`` does so on
127.0.0.1 with the front end's files served locally, nothing fetched from elsewhere).
"""

from __future__ import annotations

from html import escape

import solara
from mesa.visualization import SolaraViz

from bargainsim.explore import state
from bargainsim.explore.controls import SettingsPanel
from bargainsim.explore.figures import fan_figure, issues_figure, network_figure
from bargainsim.model.mesa_model import BargainModel


class PageModel(BargainModel):
    """The page's model. Mesa's Reset builds a new one through ``type(model)(**kwargs)``,
    passing Mesa's own ``scenario`` object; what to build is the page's current setting,
    so that is what this reads (a fresh run at step 0, the ensemble's first seed)."""

    def __init__(self, *, scenario=None, rng=None, **mesa_arguments):
        current = state.ensemble.value
        super().__init__(current.compiled, rng=current.seeds[0] if rng is None else rng)


def _figure(figure):
    return solara.FigureMatplotlib(figure, format="png")


def fan_component(model):
    last = model.compiled.n_quarters
    with solara.Column(classes=["bargainsim-fan"]) as column:
        solara.Text(f"{state.dyad.value} at {model.quarter}, step {model.step_index} of {last}")
        _figure(fan_figure(state.ensemble.value, model, state.dyad.value))
    return column


def network_component(model):
    return _figure(network_figure(state.ensemble.value, model))


def issues_component(model):
    return _figure(issues_figure(model))


def scorecard_component(model):
    # Plain HTML: solara's Markdown would fetch a maths renderer that is not served offline.
    ensemble = state.ensemble.value
    card = ensemble.scorecard
    if card.empty:
        return solara.Text("No claims file names this scenario or its paper.")
    rows = "".join(
        f"<tr><td>{escape(row.claim)}{' ★' if row.headline else ''}</td>"
        f"<td>{escape(row.test)}</td><td style='text-align:right'>{row.share:.0%}</td>"
        f"<td>{escape(row.verdict)}</td></tr>"
        for row in card.itertuples(index=False)
    )
    title = (
        f"<p><b>Claim scorecard</b> of {escape(card['paper'].iloc[0])}, over the fan's "
        f"{ensemble.settings.seeds} runs (★ headline claim)</p>"
    )
    head = "<tr><th>claim</th><th>test</th><th>share</th><th>verdict</th></tr>"
    table = f"<table class='bargainsim-scorecard'>{head}{rows}</table>"
    return solara.HTML(tag="div", unsafe_innerHTML=title + table)


COMPONENTS = [fan_component, network_component, issues_component, scorecard_component]


@solara.component
def BelowMesaControls():
    # Solara orders sidebar cards by how deep their component sits: one level below
    # SolaraViz's own puts the page's settings after Mesa's Controls (Reset, play, Step).
    SettingsPanel()


@solara.component
def Page():
    state.ensure_started()
    current = state.model.value
    if current is None or current.compiled is not state.ensemble.value.compiled:
        state.model.set(PageModel())  # a new setting: a fresh run of it
    SolaraViz(state.model, components=COMPONENTS, name="bargainsim explore", play_interval=300)
    BelowMesaControls()
