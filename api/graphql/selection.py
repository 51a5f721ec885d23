"""What a request's selection asks of a field, so that a resolver reads no more than
that: a shape names the fields that a cheaper answer can give, each a leaf (None) or a
shape of its own, and `asks_only` tells whether the selection stays within it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Union

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection

Shape = Mapping[str, Union["Shape", None]]


def asks_only(selections: Iterable[Selection], shape: Shape) -> bool:
    """Whether every field selected, through fragments too, is one `shape` names, and its
    own selection stays within that field's shape."""
    for selection in selections:
        if isinstance(selection, (FragmentSpread, InlineFragment)):
            if not asks_only(selection.selections, shape):
                return False
            continue
        assert isinstance(selection, SelectedField)
        if selection.name not in shape:
            return False
        inner = shape[selection.name]
        if selection.selections and (inner is None or not asks_only(selection.selections, inner)):
            return False
    return True


def arguments_of(selections: Iterable[Selection], name: str) -> list[dict[str, object]]:
    """The arguments of each field called `name` in the selection, through fragments too
    (variables already given their values)."""
    found: list[dict[str, object]] = []
    for selection in selections:
        if isinstance(selection, (FragmentSpread, InlineFragment)):
            found += arguments_of(selection.selections, name)
        elif isinstance(selection, SelectedField) and selection.name == name:
            found.append(dict(selection.arguments))
    return found
