"""The error hierarchy. Every error a user can cause derives from :class:`BargainsimError`.

The CLI turns a ``BargainsimError`` into one clear message and exit code 2; any other
exception escaping is a bug and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class BargainsimError(Exception):
    """Root of every error bargainsim raises on purpose."""


@dataclass(frozen=True)
class Problem:
    """One located problem in an input file.

    ``line`` is 1-based (``None`` when the value has no place in a file, e.g. a ``--set``
    override); ``key_path`` is dotted (``actors.RUS.preferences.economics``).
    """

    file: str
    line: int | None
    key_path: str
    value: object
    expected: str

    def render(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.key_path}: got {self.value!r}; expected {self.expected}"


class InputError(BargainsimError):
    """An input file (scenario, claims, KTAB CSV) has one or more problems.

    All problems found are reported together, one per line; ``omitted`` counts further
    problems found but not kept (a reader may stop listing after the first few dozen).
    """

    def __init__(self, problems: list[Problem], *, what: str = "input", omitted: int = 0):
        self.problems = list(problems)
        self.omitted = omitted
        lines = [p.render() for p in self.problems]
        total = len(lines) + omitted
        head = f"invalid {what}: {total} problem{'s' if total != 1 else ''}"
        tail = [f"... and {omitted} more"] if omitted else []
        super().__init__("\n".join([head, *("  " + line for line in lines + tail)]))


class ScenarioError(InputError):
    """A scenario YAML (or an override applied to it) is invalid."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems, what="scenario")


class ClaimError(InputError):
    """A claims YAML file is invalid."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems, what="claims")


class RecordError(InputError):
    """A historical record (YAML periods or a CSV series) is invalid."""

    def __init__(self, problems: list[Problem]):
        super().__init__(problems, what="record")


class KtabFormatError(InputError):
    """A KTAB CSV scenario file is malformed."""

    def __init__(self, problems: list[Problem], omitted: int = 0):
        super().__init__(problems, what="KTAB CSV", omitted=omitted)


class DegenerateInputError(BargainsimError):
    """Bargaining input with no defined outcome (e.g. zero total capability)."""


class RunStoreError(BargainsimError):
    """A run or batch directory is missing, incomplete or inconsistent."""


class OutputError(BargainsimError):
    """An output cannot be written where asked: the path holds something bargainsim did not
    write for this command, or the file system refuses the write (read-only, full)."""


class EquilibriumError(BargainsimError):
    """The start-state search did not reach a fixed point within its iteration limit."""
