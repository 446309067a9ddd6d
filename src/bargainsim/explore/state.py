"""The page's state, one copy per browser session (solara reactive variables): the current
ensemble (its setting inside), the live model, the dyad shown and the last refused change.

A change of setting builds the new ensemble first; only if the scenario validates does the
page switch to it (and start a fresh model at step 0); otherwise it keeps what it shows
and says why, as the command line would.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

import solara

from bargainsim.errors import BargainsimError
from bargainsim.explore.ensemble import Ensemble, build_ensemble
from bargainsim.explore.settings import Settings

# The scenario the page opens with; `bargainsim explore SCENARIO` sets it for its server.
SCENARIO_VARIABLE = "BARGAINSIM_EXPLORE_SCENARIO"
DEFAULT_SCENARIO = Path("scenarios") / "xu2008_medvedev.yaml"
PREFERRED_DYAD = "RUS-USA"
CACHE_SIZE = 16

ensemble: solara.Reactive[Ensemble | None] = solara.reactive(None)
model = solara.reactive(None)
dyad = solara.reactive("")
refused = solara.reactive("")
_built: OrderedDict[tuple, Ensemble] = OrderedDict()


def start_scenario() -> Path:
    return Path(os.environ.get(SCENARIO_VARIABLE) or DEFAULT_SCENARIO)


def _build(settings: Settings) -> Ensemble:
    # Ensembles are read only (each session steps its own model), so sessions share them.
    key = settings.key()
    if key not in _built:
        _built[key] = build_ensemble(settings)
        while len(_built) > CACHE_SIZE:
            _built.popitem(last=False)
    _built.move_to_end(key)
    return _built[key]


def apply(settings: Settings) -> bool:
    """Show ``settings`` if its scenario validates; else keep the page and say why."""
    try:
        built = _build(settings)
    except BargainsimError as error:
        refused.set(str(error))
        return False
    refused.set("")
    ensemble.set(built)
    if dyad.value not in built.dyads():
        dyad.set(PREFERRED_DYAD if PREFERRED_DYAD in built.dyads() else built.dyads()[0])
    return True


def ensure_started() -> None:
    """Build the session's first ensemble (the start scenario) if it has none yet."""
    if ensemble.value is None and not apply(Settings(start_scenario())):
        raise BargainsimError(refused.value)
