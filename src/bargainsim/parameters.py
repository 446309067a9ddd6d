"""Model parameters, declared as data: each has a default, an admissible range, a meaning
and a source or rationale. ``docs/model.md`` explains every equation they enter.

None of these is fitted to either paper's conclusions; the papers are what the model is
compared with. A scenario may override any of them under ``parameters:``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace


def _parameter(default: float, low: float, high: float, meaning: str, source: str):
    return field(
        default=default,
        metadata={"range": (low, high), "meaning": meaning, "source": source},
    )


@dataclass(frozen=True)
class ModelParameters:
    """Every tunable constant of the relation, threat and posture mechanisms."""

    position_anchoring: float = _parameter(
        0.5,
        0.0,
        1.0,
        "share of the gap between an actor's bargained stance and its interest (ideal point) "
        "that domestic politics closes each quarter",
        "two-level games (Putnam 1988): a negotiator's stance stays within what its "
        "constituents ratify; 0 reproduces KTAB's full accommodation of ideals to positions",
    )
    alignment_weight: float = _parameter(
        1.0,
        0.0,
        10.0,
        "weight of issue alignment in the target of cooperation on the issue's variable",
        "spatial theory of conflict: closer positions, less to fight over (Bueno de Mesquita "
        "1981; KTAB SMP)",
    )
    reciprocity_weight: float = _parameter(
        0.5,
        0.0,
        10.0,
        "weight of both sides' last postures toward each other",
        "reciprocity (Axelrod 1984; Keohane 1986); half the alignment weight so that "
        "interests, not habit, set the direction",
    )
    institution_weight: float = _parameter(
        0.3,
        0.0,
        10.0,
        "weight of shared institutions covering the variable (two or more count fully)",
        "neoliberal institutionalism (Keohane 1984): bodies lower transaction costs",
    )
    institution_inertia: float = _parameter(
        0.5,
        0.0,
        1.0,
        "share of the remaining adjustment absorbed by a shared institution (stickiness)",
        "institutions lengthen the shadow of the future (Axelrod and Keohane 1985)",
    )
    interdependence_weight: float = _parameter(
        1.0,
        0.0,
        10.0,
        "weight of economic and energy interdependence in economic cooperation",
        "commercial liberalism (Keohane and Nye 1977; Russett and Oneal 2001)",
    )
    threat_weight: float = _parameter(
        1.0,
        0.0,
        10.0,
        "weight of mutual threat, pushing military and geopolitical cooperation down",
        "balance of threat (Walt 1987)",
    )
    common_threat_weight: float = _parameter(
        0.5,
        0.0,
        10.0,
        "weight of a threat both sides face from the same third state",
        "balancing against a common threat draws states together (Walt 1987; Xu 2008 III.ii)",
    )
    regime_similarity_weight: float = _parameter(
        0.3,
        0.0,
        10.0,
        "weight of regime similarity in domestic-politics cooperation",
        "regime affinity and the democratic peace (Russett and Oneal 2001; Owen 2010)",
    )
    noise_sd: float = _parameter(
        0.02,
        0.0,
        0.5,
        "standard deviation of the quarterly noise on each dyad and variable",
        "unmodelled events; small against the drivers so the mechanisms, not noise, move c",
    )
    nuclear_offense_weight: float = _parameter(
        0.5,
        0.0,
        1.0,
        "share of offensive capability that a nuclear arsenal contributes",
        "offensive capability component of threat (Walt 1987, ch. 2)",
    )
    posture_threat_weight: float = _parameter(
        1.0,
        0.0,
        10.0,
        "weight of perceived threat in the utility of balancing over cooperating",
        "balance of threat (Walt 1987)",
    )
    posture_reciprocity_weight: float = _parameter(
        0.5,
        0.0,
        10.0,
        "weight of the other side's last posture in the utility of cooperating",
        "reciprocity (Axelrod 1984)",
    )
    hedge_value: float = _parameter(
        0.3,
        0.0,
        5.0,
        "utility of hedging for the smallest state, falling linearly to 0 for the largest",
        "hedging as a smaller state's strategy amid great-power rivalry (Kuik 2008)",
    )
    alliance_threshold: float = _parameter(
        0.6,
        0.0,
        1.0,
        "cooperation a dyad must exceed on all four variables to count as a comprehensive "
        "strategic alliance",
        "an alliance is integration across all fields (Xu 2008 II.ii; Snyder 1997)",
    )
    deadlock_gap: float = _parameter(
        35.0,
        0.0,
        100.0,
        "spread of the parties' positions (0-100 scale) which, held for two quarters, makes "
        "an issue a deadlock",
        "a third of the scale: the parties hold opposite halves of the issue",
    )
    compromise_gap: float = _parameter(
        15.0,
        0.0,
        100.0,
        "spread of the parties' positions (0-100 scale) at or below which an issue is a compromise",
        "within the band KTAB treats as a shared bargaining outcome",
    )
    party_salience: float = _parameter(
        1.0,
        0.0,
        100.0,
        "salience (0-100) at or above which an actor is a party to an issue",
        "KTAB convention: salience 0 means not a party",
    )
    proximity_default: float = _parameter(
        0.2,
        0.0,
        1.0,
        "proximity between two states that name no proximity to each other",
        "distant states: loss-of-strength gradient (Boulding 1962)",
    )

    def with_overrides(self, overrides: dict[str, float]) -> ModelParameters:
        return replace(self, **overrides)


PARAMETER_NAMES: tuple[str, ...] = tuple(f.name for f in fields(ModelParameters))


def parameter_range(name: str) -> tuple[float, float]:
    """The admissible closed interval of a parameter, for validation."""
    for item in fields(ModelParameters):
        if item.name == name:
            return item.metadata["range"]
    raise KeyError(name)
