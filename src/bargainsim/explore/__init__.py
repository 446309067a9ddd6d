"""``bargainsim explore``: an interactive page over a scenario, built on Mesa's SolaraViz.

Only :mod:`bargainsim.explore.page` and :mod:`bargainsim.explore.server` import solara
(the ``[explore]`` extra); the settings, the ensemble behind the page and its figures are
plain Python, tested without a browser.
"""
