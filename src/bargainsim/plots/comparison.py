"""The figures a comparison report links: a scorecard per claims file, the counterfactual
difference, fan charts of the dyads the claims name (with their windows), the issues they
name, the dyad heatmap and the alignment network at the window's start, middle and end."""

from __future__ import annotations

from pathlib import Path

from bargainsim.plots.counterfactual import difference_plot, scorecard_plot
from bargainsim.plots.fan import fan_chart
from bargainsim.plots.heatmap import default_quarters, dyad_heatmap
from bargainsim.plots.issues import issue_trajectories
from bargainsim.plots.network import alignment_network
from bargainsim.plots.style import safe_name, save


def claim_dyads(index: list[dict]) -> list[str]:
    dyads = []
    for claim in index:
        obs = claim["observable"]
        if claim["kind"] == "cooperation":
            dyads.append(obs["dyad"])
    seen, unique = set(), []
    for dyad in dyads:
        key = frozenset(dyad.split("-"))
        if key not in seen:
            seen.add(key)
            unique.append(dyad)
    return unique


def claim_issues(index: list[dict]) -> list[str]:
    names = []
    for claim in index:
        obs = claim["observable"]
        for issue in [obs.get("issue"), *(obs.get("issues") or [])]:
            if issue and issue not in names:
                names.append(issue)
    return names


def scenario_figures(tables, label: str, index: list[dict], out: Path, quarters=None) -> list:
    """Fan charts, issues, heatmap and network for one scenario's tables."""
    names = []
    for dyad in claim_dyads(index):
        try:
            figure = fan_chart(tables, dyad, claims=index, title=f"{label}: cooperation {dyad}")
        except KeyError:
            continue
        names.append(save(figure, out, safe_name(f"fan_{label}_{dyad}")))
    issues = [i for i in claim_issues(index) if i in set(tables["issues"]["issue"].astype(str))]
    if issues:
        figure = issue_trajectories(
            tables["issues"],
            tables["issue_status"],
            issues,
            title=f"{label}: positions on the claims' issues",
        )
        names.append(save(figure, out, safe_name(f"issues_{label}")))
    quarters = quarters or default_quarters(tables)
    names.append(
        save(
            dyad_heatmap(tables, quarters, title=f"{label}: median cooperation"),
            out,
            safe_name(f"heatmap_{label}"),
        )
    )
    simulated = list(dict.fromkeys(tables["postures"]["quarter"].astype(str)))[1:]
    chosen = list(dict.fromkeys([simulated[0], simulated[len(simulated) // 2], simulated[-1]]))
    names.append(
        save(
            alignment_network(
                tables["postures"], chosen, title=f"{label}: modal postures across runs"
            ),
            out,
            safe_name(f"network_{label}"),
        )
    )
    return names


def comparison_figures(comparison, tables, index: list[dict], out: Path) -> list[str]:
    out = Path(out)
    names: list[str] = []
    claims = tables["claims"]
    for section in comparison.sections:
        ids = [c.id for c in section.claims]
        rows = claims[claims["claim"].isin(ids)]
        short = safe_name(section.claim_set.path.stem)
        names.append(
            save(
                scorecard_plot(
                    rows,
                    title=f"Claims of {short}: share of runs consistent (★ headline; dotted: 80 %)",
                ),
                out,
                f"scorecard_{short}",
            )
        )
        diffs = tables["differences"]
        if len(diffs):
            pick = diffs[diffs["claim"].isin(ids)]
            if len(pick):
                names.append(save(difference_plot(pick), out, f"difference_{short}"))
    done = set()
    for section in comparison.sections:
        picked = [c for c in index if c["id"] in {cl.id for cl in section.claims}]
        for score in (section.base, section.versus):
            if score is None or score.label in done or "cooperation" not in score.tables:
                continue
            done.add(score.label)
            names += scenario_figures(score.tables, score.label, picked, out)
    return names
