"""Serving the explorer: solara's server for :mod:`bargainsim.explore.page`, on one host and
port, offline. Its front end comes from the installed ``solara-assets`` package; the
server neither proxies missing files from a CDN, nor checks for a newer version, nor sends
usage statistics, so the page works air-gapped and nothing leaves the machine.
"""

from __future__ import annotations

import os
from pathlib import Path

from bargainsim.errors import BargainsimError

EXTRA_HINT = "pip install 'bargainsim[explore]'"
OFFLINE_ENVIRONMENT = {
    "SOLARA_ASSETS_PROXY": "False",  # never fetch a missing front-end file from a CDN
    "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
}


def require_explore_extra() -> None:
    """Raise a clear error naming the extra if solara or Mesa's visualisation is missing."""
    try:
        import solara  # noqa: F401
        from mesa.visualization import SolaraViz  # noqa: F401
    except ImportError as error:
        raise BargainsimError(
            f"bargainsim explore needs the [explore] extra ({error.name} is not installed): "
            f"{EXTRA_HINT}"
        ) from None


def server_arguments(host: str, port: int, open_browser: bool) -> list[str]:
    """``solara run`` arguments for the page."""
    return [
        "bargainsim.explore.page",
        "--host",
        host,
        "--port",
        str(port),
        "--open" if open_browser else "--no-open",
        "--no-check-version",
        "--production",
        "--log-level",
        "warning",
    ]


def serve(scenario: Path | None, *, host: str, port: int, open_browser: bool = False) -> None:
    """Serve the page until interrupted, opening on ``scenario``."""
    from bargainsim.explore.state import SCENARIO_VARIABLE

    if scenario is not None:
        if not Path(scenario).is_file():
            raise BargainsimError(f"no scenario file {scenario}")
        os.environ[SCENARIO_VARIABLE] = str(Path(scenario).resolve())
    os.environ.update(OFFLINE_ENVIRONMENT)  # read by solara's settings when it is imported
    require_explore_extra()
    from solara.__main__ import run

    run.main(server_arguments(host, port, open_browser), standalone_mode=False)
