"""The YAML dialect every input file is read in: YAML 1.2's core schema, bounded.

PyYAML resolves plain scalars by YAML 1.1's rules, under which ``NO`` (Norway), ``on``
and ``y``-words are booleans, ``017`` is octal, ``1:30`` is sexagesimal and ``2008-01-01``
a date; an actor id written as a mapping key would silently become ``False``. The core
schema types only ``true``/``false`` (any case style), ``null``/``~``, decimal, ``0o``
and ``0x`` integers and decimal floats; everything else is text.

The loader is also bounded so that no input, however damaged, ends in a traceback:
nesting deeper than :data:`MAX_DEPTH` and integers of more than :data:`MAX_INT_DIGITS`
digits (which cannot become floats, or even Python ints, without overflow) are refused
with the line they are on.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

import yaml

from bargainsim.errors import BargainsimError

# Honest scenarios nest six levels deep; the limit keeps every recursive walk of the tree
# (copies, merges, validation) far from Python's recursion limit.
MAX_DEPTH = 64
# 10**15 is beyond every quantity of the format and below 2**53, so each accepted integer
# converts to a float exactly.
MAX_INT_DIGITS = 15

_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"true|True|TRUE|false|False|FALSE", "tTfF"),
    ("tag:yaml.org,2002:int", r"[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"null|Null|NULL|~|", ["~", "n", "N", ""]),
    ("tag:yaml.org,2002:merge", r"<<", "<"),
]


class Oversized(str):
    """An integer literal too long to be a number of the format, kept as its text so that
    the tree walk can report it at its key path."""


class Refused(yaml.MarkedYAMLError, BargainsimError):
    """Text the loader refuses; ``expected`` says what the user should write instead.
    Raised inside the YAML reader and reported as a located ScenarioError."""

    def __init__(self, context, context_mark, problem: str, mark, expected: str):
        super().__init__(context, context_mark, problem, mark)
        self.expected = expected


def oversized_expected() -> str:
    return (
        f"a whole number of at most {MAX_INT_DIGITS} digits "
        "(write a larger value as a float, e.g. 1.0e20)"
    )


class CoreLoader(yaml.SafeLoader):
    """A safe loader with YAML 1.2 core-schema typing and bounded nesting."""

    yaml_implicit_resolvers: ClassVar[dict] = {}  # its own: SafeLoader's are YAML 1.1
    refuse_oversized = False  # True: raise at once instead of keeping an Oversized marker

    def __init__(self, stream: str):
        super().__init__(stream)
        self.depth = 0

    def compose_node(self, parent, index):
        self.depth += 1
        try:
            if self.depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                expected = f"nesting at most {MAX_DEPTH} levels deep"
                raise Refused(None, None, f"nesting deeper than {MAX_DEPTH} levels", mark, expected)
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node, deep=False):
        try:
            return super().construct_object(node, deep)
        except (ValueError, KeyError, TypeError, OverflowError, IndexError):
            # An explicit tag on text it cannot type (``!!float abc``, ``!!bool maybe``;
            # PyYAML reads an empty ``!!float`` past its end).
            problem = f"unreadable {node.tag} value"
            expected = "a value its tag can read"
            raise Refused(None, None, problem, node.start_mark, expected) from None

    def construct_core_int(self, node: yaml.ScalarNode) -> int | Oversized:
        text = str(self.construct_scalar(node))
        digits = text.lstrip("+-")
        oversized = len(digits) > MAX_INT_DIGITS + 2
        if not oversized:
            if digits.startswith(("0o", "0x")):
                magnitude = int(digits[2:], 8 if digits[1] == "o" else 16)
            else:
                magnitude = int(digits, 10)
            oversized = magnitude >= 10**MAX_INT_DIGITS
        if not oversized:
            return -magnitude if text.startswith("-") else magnitude
        if self.refuse_oversized:
            expected = oversized_expected()
            raise Refused(None, None, "an integer too large", node.start_mark, expected)
        return Oversized(text)


for _tag, _pattern, _first in _CORE_RESOLVERS:
    CoreLoader.add_implicit_resolver(_tag, re.compile(rf"(?:{_pattern})\Z"), list(_first))
CoreLoader.add_constructor("tag:yaml.org,2002:int", CoreLoader.construct_core_int)


class _ValueLoader(CoreLoader):
    refuse_oversized = True


def load_value(text: str) -> Any:
    """One value as given on the command line (``--set KEY=VALUE``), read like a file's.

    Raises ``yaml.YAMLError`` for anything that is not a readable value."""
    loader = _ValueLoader(text)
    try:
        return loader.get_single_data()
    except RecursionError:
        raise yaml.YAMLError("a value nested too deeply") from None
    finally:
        loader.dispose()
