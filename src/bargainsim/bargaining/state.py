"""The state the SMP engine works on: capabilities, positions and saliences (§1, §3).

Arrays may carry leading batch axes ``…`` (independent runs advanced together): capability
``(…, N)``, position and salience ``(…, N, D)``, positions and saliences on KTAB's [0, 1]
scale. Validation here is cheap (O(N·D)) so that every turn can afford it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from bargainsim.errors import BargainsimError, DegenerateInputError

# Saliences are fractions of an actor's attention; a total just above 1 from rounding in the
# caller's arithmetic is accepted, anything more is an error (KTAB's rule: total <= 100).
SALIENCE_TOTAL_SLACK = 1e-9


class InvalidStateError(BargainsimError):
    """Arrays handed to the SMP engine have the wrong shape or values out of range."""


@dataclass(frozen=True)
class SMPState:
    """One bargaining state (or a batch of them along leading axes).

    ``capability (…, N)`` ≥ 0, unscaled; ``position (…, N, D)`` in [0, 1];
    ``salience (…, N, D)`` in [0, 1] with each actor's total over D at most 1.
    The arrays are converted to float64 and must not be modified afterwards.
    """

    capability: np.ndarray
    position: np.ndarray
    salience: np.ndarray

    def __post_init__(self) -> None:
        capability = np.asarray(self.capability, dtype=np.float64)
        position = np.asarray(self.position, dtype=np.float64)
        salience = np.asarray(self.salience, dtype=np.float64)
        object.__setattr__(self, "capability", capability)
        object.__setattr__(self, "position", position)
        object.__setattr__(self, "salience", salience)
        _validate(capability, position, salience)

    @property
    def batch_shape(self) -> tuple[int, ...]:
        return self.capability.shape[:-1]

    @property
    def n_actors(self) -> int:
        return self.position.shape[-2]

    @property
    def n_dims(self) -> int:
        return self.position.shape[-1]

    def with_position(self, position: np.ndarray) -> SMPState:
        """The same actors at new positions."""
        return SMPState(self.capability, position, self.salience)


def _validate(capability: np.ndarray, position: np.ndarray, salience: np.ndarray) -> None:
    if position.ndim < 2 or capability.ndim < 1:
        raise InvalidStateError(
            f"position must be (…, N, D) and capability (…, N); got shapes "
            f"{position.shape} and {capability.shape}"
        )
    if salience.shape != position.shape:
        raise InvalidStateError(
            f"salience shape {salience.shape} differs from position shape {position.shape}"
        )
    if capability.shape != position.shape[:-1]:
        raise InvalidStateError(
            f"capability shape {capability.shape} does not match position shape "
            f"{position.shape} (expected {position.shape[:-1]})"
        )
    if position.shape[-2] < 1 or position.shape[-1] < 1:
        raise InvalidStateError(f"need at least one actor and one dimension; got {position.shape}")
    for name, values in (
        ("capability", capability),
        ("position", position),
        ("salience", salience),
    ):
        if not np.isfinite(values).all():
            raise InvalidStateError(f"{name} contains NaN or infinite values")
    if (capability < 0).any():
        raise InvalidStateError("capability must be >= 0")
    if ((position < 0) | (position > 1)).any():
        raise InvalidStateError("position must lie in [0, 1]")
    if ((salience < 0) | (salience > 1)).any():
        raise InvalidStateError("salience must lie in [0, 1]")
    if (salience.sum(axis=-1) > 1 + SALIENCE_TOTAL_SLACK).any():
        raise InvalidStateError("an actor's total salience over the dimensions exceeds 1")
    if (capability.sum(axis=-1) <= 0).any():
        raise DegenerateInputError(
            "every actor has zero capability: no actor has a vote, so no contest has an outcome"
        )
