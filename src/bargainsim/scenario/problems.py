"""Pydantic validation errors → located, plain-words :class:`Problem` records.

A pydantic error location is a tuple of keys, list positions and, for tagged unions,
tags; it becomes a key path by walking the raw tree alongside it (tags are not keys of
the tree), and the key path finds its file and line in the origin map.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from bargainsim.errors import Problem
from bargainsim.scenario.yaml_source import KeyPath, Origins


class _Nothing:
    """Shown as the value of a missing key."""

    def __repr__(self) -> str:
        return "nothing"


NOTHING = _Nothing()

_TYPE_WORDS = {
    "float_type": "a number",
    "float_parsing": "a number",
    "finite_number": "a finite number",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "a text string",
    "string_too_short": "a non-empty text",
    "dict_type": "a mapping of key: value",
    "list_type": "a list",
    "model_type": "a mapping of key: value",
    "model_attributes_type": "a mapping of key: value",
    "too_short": "at least one entry",
    "missing": "this key, which is required",
}


def key_path(loc: tuple, tree: Any, missing: bool = False) -> KeyPath:
    """The tree key path of a pydantic error location (dropping union tags).

    Items of the location that are not in the tree are union tags, except the last one
    of a ``missing`` error, which is the key that should be there."""
    path: list[str | int] = []
    node = tree
    for depth, item in enumerate(loc):
        if item == "[key]":
            continue
        if isinstance(node, dict):
            match = next((key for key in node if str(key) == str(item)), NOTHING)
            if match is NOTHING:  # a key that is not text: pydantic shows True as 1
                match = next((k for k in node if not isinstance(k, str) and k == item), NOTHING)
            if match is not NOTHING:
                path.append(str(match))
                node = node[match]
                continue
        elif isinstance(node, list) and isinstance(item, int) and 0 <= item < len(node):
            path.append(item)
            node = node[item]
            continue
        if missing and depth == len(loc) - 1:
            path.append(item)
        # otherwise a union tag: not part of the tree
    return tuple(path)


def _unwrap(annotation: Any) -> Any:
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    return annotation


def _model_at(root: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The model class that holds the last item of ``loc`` (for listing its keys)."""
    annotation: Any = root
    items = list(loc[:-1])
    while items:
        item = items[0]
        annotation = _unwrap(annotation)
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            members = [_tagged(arg) for arg in typing.get_args(annotation)]
            chosen = [model for tag, model in members if tag == item]
            plain = [model for tag, model in members if tag is None and model is not type(None)]
            if chosen:  # a tag in the location: consume it
                annotation = chosen[0]
                items.pop(0)
            elif len(plain) == 1:  # Optional[...]: look again at the one real member
                annotation = plain[0]
            else:
                return None
            continue
        items.pop(0)
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            fields = {f.alias or name: f for name, f in annotation.model_fields.items()}
            if item not in fields:
                return None
            annotation = fields[item].annotation
        elif origin is dict:
            annotation = typing.get_args(annotation)[1]
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return None
    annotation = _unwrap(annotation)
    is_model = isinstance(annotation, type) and issubclass(annotation, BaseModel)
    return annotation if is_model else None


def _tagged(arg: Any) -> tuple[str | None, Any]:
    if typing.get_origin(arg) is typing.Annotated:
        base, *extras = typing.get_args(arg)
        for extra in extras:
            if hasattr(extra, "tag"):
                return extra.tag, base
        return None, base
    return None, arg


def _expected(error: dict, root: type[BaseModel]) -> str:
    kind = error["type"]
    context = error.get("ctx") or {}
    if "expected" in context:
        expected = str(context["expected"])
        return expected if kind not in ("enum", "literal_error") else f"one of {expected}"
    if kind == "extra_forbidden":
        model = _model_at(root, error["loc"])
        if model is None:
            return "no such key here"
        allowed = [field.alias or name for name, field in model.model_fields.items()]
        near = difflib.get_close_matches(str(error["loc"][-1]), allowed, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        return f"one of the keys {', '.join(allowed)}{hint}"
    for bound, words in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
        if bound in context:
            return f"a number {words} {context[bound]}"
    return _TYPE_WORDS.get(kind, error["msg"][0].lower() + error["msg"][1:])


def to_problems(
    error: ValidationError, tree: Any, origins: Origins, root: type[BaseModel]
) -> list[Problem]:
    """One :class:`Problem` per pydantic error, located through ``origins``."""
    problems = []
    for item in error.errors(include_url=False):
        path = key_path(item["loc"], tree, missing=item["type"] == "missing")
        if item["type"] == "missing":
            value: object = NOTHING
        elif item["type"] == "extra_forbidden":
            value = path[-1] if path else item.get("input")
        else:
            value = item.get("input")
        problems.append(origins.problem(path, value, _expected(item, root)))
    return problems
