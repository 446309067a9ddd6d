"""Figures for papers: fan charts, dyad heatmaps, alignment networks, issue trajectories,
claim scorecards and counterfactual differences. Matplotlib ``Figure`` objects drawn by
the Agg canvas (no pyplot state), saved as PNG and SVG with :func:`save`."""

from bargainsim.plots.counterfactual import difference_plot, scorecard_plot
from bargainsim.plots.fan import fan_chart
from bargainsim.plots.heatmap import dyad_heatmap
from bargainsim.plots.issues import issue_trajectories
from bargainsim.plots.load import load_source
from bargainsim.plots.network import alignment_network
from bargainsim.plots.style import save

__all__ = [
    "alignment_network",
    "difference_plot",
    "dyad_heatmap",
    "fan_chart",
    "issue_trajectories",
    "load_source",
    "save",
    "scorecard_plot",
]
