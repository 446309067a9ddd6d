"""What the explorer's controls set, as plain data: which scenario, the preference weights,
saliences and model parameters changed from it, the dyad shown and how many seeds.

Changes reach the scenario as the ``--set`` overrides a user would type
(``actors.RUS.preferences={...}``, ``issues.X.positions.RUS.salience=...``,
``parameters.noise_sd=...``), so the loader validates them exactly as it validates a
command line, and a page's setting can be reproduced with ``bargainsim run --set``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from bargainsim.vocabulary import VARIABLES

VARIABLE_NAMES = tuple(v.value for v in VARIABLES)
RENORMALISATION_RULE = (
    "Preference weights sum to 1: moving one weight to w scales the other three in "
    "proportion, so that they share 1 − w as they shared what they had (equally if they "
    "were all 0)."
)


def renormalised(weights: dict[str, float], moved: str, value: float) -> dict[str, float]:
    """``weights`` with ``moved`` set to ``value`` (clipped to [0, 1]) and the others
    scaled to share the rest in their old proportions (:data:`RENORMALISATION_RULE`)."""
    value = min(max(float(value), 0.0), 1.0)
    others = [name for name in weights if name != moved]
    total = sum(weights[name] for name in others)
    rest = 1.0 - value
    if total > 0:
        scaled = {name: weights[name] * rest / total for name in others}
    else:
        scaled = dict.fromkeys(others, rest / len(others))
    return {name: value if name == moved else scaled[name] for name in weights}


@dataclass(frozen=True)
class Settings:
    """One state of the explorer's controls (immutable: each change makes a new one)."""

    scenario: Path
    dyad: str = ""
    seeds: int = 24
    preferences: dict[str, dict[str, float]] = field(default_factory=dict)
    saliences: dict[tuple[str, str], float] = field(default_factory=dict)
    parameters: dict[str, float] = field(default_factory=dict)

    def overrides(self) -> list[str]:
        """The changes as ``--set`` strings, in a fixed order."""
        out = []
        for actor, weights in sorted(self.preferences.items()):
            pairs = ", ".join(f"{name}: {round(weights[name], 9)!r}" for name in VARIABLE_NAMES)
            out.append(f"actors.{actor}.preferences={{{pairs}}}")
        for (actor, issue), value in sorted(self.saliences.items()):
            out.append(f"issues.{issue}.positions.{actor}.salience={value!r}")
        out += [f"parameters.{name}={value!r}" for name, value in sorted(self.parameters.items())]
        return out

    def key(self) -> tuple:
        """Hashable identity of what the simulation depends on (not the dyad shown)."""
        return (str(self.scenario), self.seeds, tuple(self.overrides()))

    def with_preference(self, actor: str, current: dict[str, float], moved: str, value: float):
        weights = renormalised(current, moved, value)
        return replace(self, preferences={**self.preferences, actor: weights})

    def with_salience(self, actor: str, issue: str, value: float):
        return replace(self, saliences={**self.saliences, (actor, issue): float(value)})

    def with_parameter(self, name: str, value: float):
        return replace(self, parameters={**self.parameters, name: float(value)})


def scenario_files(directory: Path) -> list[Path]:
    """The scenario files of a directory: YAML files with a top-level ``window:`` or
    ``extends:`` (actor, issue and claims files have neither)."""
    found = []
    for path in sorted(Path(directory).glob("*.yaml")):
        lines = path.read_text("utf-8", errors="replace").splitlines()
        if any(line.startswith(("window:", "extends:")) for line in lines):
            found.append(path)
    return found


def paper_claims(scenario: Path) -> list:
    """The claims files (``claims/`` beside the scenario) of the paper the scenario
    belongs to, loaded: those naming it as their scenario or counterfactual, else those
    whose name begins the scenario's (``feng2012.yaml`` for ``feng2012_no_wto.yaml``)."""
    from bargainsim.compare.claims import load_claims

    scenario = Path(scenario).resolve()
    directory = scenario.parent / "claims"
    named, prefixed = [], []
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        claim_set = load_claims(path)
        listed = [claim_set.scenario, claim_set.counterfactual]
        if any(item is not None and Path(item).resolve() == scenario for item in listed):
            named.append(claim_set)
        elif scenario.stem.startswith(path.stem):
            prefixed.append(claim_set)
    return named or prefixed
