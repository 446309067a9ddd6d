"""Calendar quarters and the simulation window.

Scenarios name time in quarters (``2008Q2``); the model counts integer steps, step 0
being the window's first quarter. This module is the only place that converts between
the two.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic_core import PydanticCustomError, core_schema

# ASCII digits only (\d also takes e.g. full-width digits) and \Z (not $, which allows a
# final newline).
_QUARTER = re.compile(r"([0-9]{4})Q([1-4])\Z")


@dataclass(frozen=True, order=True)
class Quarter:
    """One calendar quarter. Ordered and hashable; ``quarter + n`` is n quarters later."""

    year: int
    q: int

    def __post_init__(self) -> None:
        if not 1 <= self.q <= 4:
            raise ValueError(f"quarter number must be 1..4, got {self.q}")

    @classmethod
    def parse(cls, text: str) -> Quarter:
        """Parse ``"2008Q2"``; raises ``ValueError`` on anything else."""
        match = _QUARTER.match(text) if isinstance(text, str) else None
        if match is None:
            raise ValueError(f"not a quarter of the form YYYYQn: {text!r}")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def from_ordinal(cls, ordinal: int) -> Quarter:
        year, index = divmod(ordinal, 4)
        return cls(year, index + 1)

    @property
    def ordinal(self) -> int:
        """Quarters since year 0, so that differences count quarters."""
        return self.year * 4 + self.q - 1

    def __add__(self, quarters: int) -> Quarter:
        if not isinstance(quarters, int):
            return NotImplemented
        return Quarter.from_ordinal(self.ordinal + quarters)

    def __sub__(self, other: Quarter) -> int:
        if not isinstance(other, Quarter):
            return NotImplemented
        return self.ordinal - other.ordinal

    def __str__(self) -> str:
        return f"{self.year}Q{self.q}"

    @classmethod
    def _from_yaml(cls, value: Any) -> Quarter:
        if isinstance(value, Quarter):
            return value
        try:
            return cls.parse(value)
        except ValueError:
            raise PydanticCustomError(
                "quarter", "{expected}", {"expected": "a quarter written YYYYQn, e.g. 2008Q2"}
            ) from None

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: Any) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            cls._from_yaml, serialization=core_schema.to_string_ser_schema()
        )


class Window(BaseModel):
    """The simulated span, first and last quarter both included."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    start: Quarter
    end: Quarter

    @model_validator(mode="after")
    def _start_not_after_end(self) -> Window:
        if self.start > self.end:
            raise PydanticCustomError(
                "window_order",
                "{expected}",
                {"expected": f"a start quarter no later than the end ({self.end})"},
            )
        return self

    @property
    def n_quarters(self) -> int:
        """Number of quarters simulated, both ends included."""
        return self.end - self.start + 1

    def contains(self, quarter: Quarter) -> bool:
        return self.start <= quarter <= self.end

    def quarter_at(self, step: int) -> Quarter:
        """The quarter of a step (step 0 is the start quarter)."""
        if not 0 <= step < self.n_quarters:
            raise IndexError(f"step {step} outside the window {self}")
        return self.start + step

    def step_of(self, quarter: Quarter | str) -> int:
        """The step of a quarter inside the window."""
        if isinstance(quarter, str):
            quarter = Quarter.parse(quarter)
        if not self.contains(quarter):
            raise ValueError(f"{quarter} is outside the window {self}")
        return quarter - self.start

    def __str__(self) -> str:
        return f"{self.start}..{self.end}"
