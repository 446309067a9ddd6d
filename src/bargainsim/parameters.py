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
    hardening_gain: float = _parameter(
        2.0,
        0.0,
        20.0,
        "how fast a threatened actor's hold on its interest grows with threat, on its core "
        "issues and with the means to resist (docs/model.md §3.1)",
        "audience costs (Fearon 1994) and balancing by those who can (Walt 1987); 2 is a "
        "normalisation, not a fit: a peer facing a threat of 1/2 from an opponent at the far "
        "end of its most salient issue holds its interest fully",
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
        1.0,
        0.0,
        10.0,
        "weight of the other side's behaviour toward i (its signal tanh(g·c[j→i]))",
        "reciprocity (Axelrod 1984; Keohane 1986; Goldstein and Freeman 1990 find it the "
        "strongest regularity of the US-Soviet-Chinese triangle); equal to the alignment "
        "weight: what the other does counts as much as what the issues say",
    )
    reaction_gain: float = _parameter(
        6.0,
        0.0,
        50.0,
        "steepness g of the reciprocity signal tanh(g·c[j→i])",
        "structural, not fitted: the spiral model (Jervis 1976) and Richardson (1960) "
        "describe two self-sustaining regimes, which need ω·g > 1 for the reciprocity "
        "share ω of the weights (docs/model.md §8.2); g = 6 meets it on every variable "
        "at the default weights (ω from 0.19 to 0.38, so ω·g from 1.13 to 2.3)",
    )
    intent_weight: float = _parameter(
        1.0,
        0.0,
        10.0,
        "weight of trust, 1 - 2·h_ij (i's belief in j's hostile intent), on military and "
        "geopolitics",
        "Kydd (2005): cooperation is conditional on the belief that the other is not a "
        "hostile type; equal to the threat weight (Walt's intent as its own source)",
    )
    intent_learning: float = _parameter(
        0.15,
        0.0,
        5.0,
        "log-odds of hostile intent added per unit of hostile evidence per quarter",
        "Bayesian updating (Kydd 2005) with a likelihood ratio exp(0.15) ≈ 1.16 per act: "
        "one quarter of balancing moves a neutral belief from 0.50 to 0.54; a sustained "
        "squeeze of two years to about 0.77 (with forgetting)",
    )
    intent_forgetting: float = _parameter(
        0.05,
        0.0,
        1.0,
        "share of the gap between a belief's log-odds and its prior closed per quarter",
        "fading memory of acts: a half-life of about 14 quarters, the span of a "
        "presidential term over which Jervis (1976) finds images persist",
    )
    sanction_weight: float = _parameter(
        1.0,
        0.0,
        10.0,
        "weight of sanctions in force between the pair, on the variables they cover",
        "coercion as a hostile economic act (Drezner 1999); equal to interdependence, "
        "which sanctions cut against",
    )
    sanction_evidence: float = _parameter(
        1.0,
        0.0,
        5.0,
        "hostile evidence per quarter of sanctions of severity 1, for the target's belief",
        "Drezner (1999): sanctions signal hostility; counted like a balancing posture",
    )
    structural_balance_weight: float = _parameter(
        0.5,
        0.0,
        10.0,
        "weight of the friend of my enemy (cools i toward j), on military and geopolitics",
        "structural balance (Heider 1946; Maoz et al. 2007); equal to the common threat "
        "weight, the enemy of my enemy, so that balance theory's two halves weigh alike",
    )
    interdependence_damping: float = _parameter(
        0.5,
        0.0,
        1.0,
        "share of a falling relation's fall absorbed at full interdependence (e = 1)",
        "the 'safety net' (Keohane and Nye 1977, sensitivity and vulnerability; Russett "
        "and Oneal 2001): trade raises the cost of a downturn; half at most, so that "
        "interdependence slows a fall and never forbids it",
    )
    institution_weight: float = _parameter(
        0.3,
        0.0,
        10.0,
        "weight of shared institutions covering the variable (each further one closes half "
        "the remaining gap; treaties count too)",
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
        "weight of i's threat from j, pushing i's military and geopolitical cooperation "
        "toward j down",
        "balance of threat (Walt 1987)",
    )
    bandwagoning_weight: float = _parameter(
        1.0,
        0.0,
        1.0,
        "scale of bandwagoning: the share of i's response to j's threat that turns toward j "
        "when j's offense near i exceeds what i and its friends can set against it",
        "Walt (1987, ch. 2 and 5), Labs (1992), Schweller (1994): weak states facing an "
        "overwhelming, close threat without allies bandwagon; 1 takes the form as it "
        "stands (docs/model.md §8), 0 turns it off; not fitted",
    )
    start_offset_weight: float = _parameter(
        1.0,
        0.0,
        1.0,
        "share of the gap between a listed start relation and the level its start drivers "
        "sustain that is kept as the dyad's own constant term (1: listed starts are steady "
        "states; 0: they relax toward the drivers' level)",
        "dyad fixed effects for what the drivers leave out (Green, Kim and Yoon 2001); the "
        "spin-up rule of docs/model.md §1.1 applied to listed dyads; not fitted",
    )
    common_threat_weight: float = _parameter(
        0.5,
        0.0,
        10.0,
        "weight of the enemy of my enemy: i's threat from k times j's opposition to k",
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
