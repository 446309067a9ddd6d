"""Issue trajectories: each party's median position over quarters on each issue (0-100,
the issue file's scale), with the share of runs in which the issue is deadlocked or
compromised drawn beneath (docs/model.md §4; the SMP bargaining of KTAB)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bargainsim.plots.style import STATUS_COLOURS, new_figure, quarter_axis, styled
from bargainsim.results.sources import equals, in_order, present

ACTOR_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf")


def _issues(frame) -> list[str]:
    column = frame["issue"]
    names = present(column)
    if hasattr(column, "cat"):
        return [str(i) for i in column.cat.categories if str(i) in names]
    return sorted(names)


def actor_colours(issues) -> dict[str, str]:
    """One colour per actor, the same in every panel (by the actor's order in the table)."""
    column = issues["actor"]
    names = (
        [str(a) for a in column.cat.categories]
        if hasattr(column, "cat")
        else sorted(present(column))
    )
    return {a: ACTOR_COLOURS[k % len(ACTOR_COLOURS)] for k, a in enumerate(names)}


def draw_issue(axis, status_axis, issues, issue_status, issue: str) -> None:
    colours = actor_colours(issues)
    frame = issues[equals(issues["issue"], issue)]
    quarters = in_order(frame.sort_values("step", kind="stable")["quarter"])
    first = frame[frame["step"] == frame["step"].min()]
    parties = first.groupby("actor", observed=True)["salience"].median()
    parties = [str(a) for a, s in parties.items() if s > 0]
    for actor in parties:
        rows = frame[equals(frame["actor"], actor)]
        median = rows.groupby("step")["position"].median()
        low = rows.groupby("step")["position"].quantile(0.05)
        high = rows.groupby("step")["position"].quantile(0.95)
        colour = colours[actor]
        x = np.arange(len(median))
        axis.fill_between(x, low.to_numpy(), high.to_numpy(), color=colour, alpha=0.12, lw=0)
        axis.plot(x, median.to_numpy(), color=colour, lw=1.6, label=actor)
    axis.set_ylim(-3, 103)
    axis.set_ylabel("position (0-100)")
    axis.set_title(issue.replace("_", " "))
    axis.legend(loc="upper right", ncols=min(3, len(parties)), frameon=False, fontsize=7)
    axis.tick_params(labelbottom=False)
    status = issue_status[equals(issue_status["issue"], issue)]
    x = np.arange(len(quarters))
    bottom = np.zeros(len(quarters))
    for name in ("deadlock", "compromise"):
        share = (
            pd.Series(equals(status["status"], name), index=status.index)
            .groupby(status["step"])
            .mean()
            .reindex(range(len(quarters)), fill_value=0)
            .to_numpy()
        )
        status_axis.fill_between(
            x,
            bottom,
            bottom + share,
            color=STATUS_COLOURS[name],
            alpha=0.75,
            lw=0,
            step="mid",
            label=name,
        )
        bottom = bottom + share
    status_axis.set_ylim(0, 1)
    status_axis.set_yticks([0, 1], ["0", "1"])
    status_axis.set_ylabel("share\nof runs", fontsize=7)
    quarter_axis(status_axis, quarters)


@styled
def issue_trajectories(issues, issue_status, names=None, title=None):
    """A panel per issue: parties' median positions (5-95 % band) and, beneath, the share
    of runs deadlocked (red) or compromised (green) each quarter."""
    from matplotlib.patches import Patch

    names = list(names or _issues(issue_status))
    ncols = 2 if len(names) > 1 else 1
    nrows = int(np.ceil(len(names) / ncols))
    figure = new_figure(5.2 * ncols, 3.3 * nrows + 0.6)
    grid = figure.add_gridspec(2 * nrows, ncols, height_ratios=[4, 1] * nrows)
    for k, issue in enumerate(names):
        r, c = divmod(k, ncols)
        axis = figure.add_subplot(grid[2 * r, c])
        status_axis = figure.add_subplot(grid[2 * r + 1, c], sharex=axis)
        draw_issue(axis, status_axis, issues, issue_status, issue)
    handles = [Patch(color=STATUS_COLOURS[s], alpha=0.75) for s in ("deadlock", "compromise")]
    figure.legend(
        handles,
        ["deadlock", "compromise"],
        loc="outside lower center",
        ncols=2,
        frameon=False,
        title="issue status (share of runs)",
    )
    figure.suptitle(title or "Issue positions: median over runs with 5-95 % band")
    return figure
