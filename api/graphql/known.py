"""Query texts parsed and validated once.

Clients send the same few documents over and over (the web UI's queries, a script's),
with new variables each time. Parsing and validating a document is pure work on its
text, a good part of a small request's time, so the last texts seen are kept parsed, and
those found valid are not validated again. What depends on the variables or the caller
(the cost, the permissions) is still decided at every request.

Strawberry's own parser cache is not used: an error it raises while parsing loses the
code the schema's errors carry (VALIDATION)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import suppress
from functools import lru_cache
from typing import Any

from graphql import DocumentNode, GraphQLError, parse
from strawberry.extensions import SchemaExtension

KNOWN = 256  # texts kept parsed, and texts remembered valid


@lru_cache(maxsize=KNOWN)
def _parsed(text: str, options: tuple[tuple[str, Any], ...]) -> DocumentNode:
    return parse(text, **dict(options))


class KnownQueries(SchemaExtension):
    """Parses a text seen lately from its kept document, and skips validating a text
    found valid lately. Invalid texts are parsed and validated at every request, and
    never remembered."""

    _valid: OrderedDict[tuple[object, str, tuple[tuple[str, Any], ...]], None] = OrderedDict()
    _lock = threading.Lock()

    def _key(self) -> tuple[str, tuple[tuple[str, Any], ...]] | None:
        context = self.execution_context
        if context.query is None:
            return None
        return context.query, tuple(sorted(context.parse_options.items()))

    def on_parse(self) -> Iterator[None]:
        key, context = self._key(), self.execution_context
        if key is not None and context.graphql_document is None:
            # A text that does not parse is parsed again by Strawberry, which reports it.
            with suppress(GraphQLError):
                context.graphql_document = _parsed(*key)
        yield

    def on_validate(self) -> Iterator[None]:
        text, context = self._key(), self.execution_context
        key = None if text is None else (context.schema, *text)  # valid in this schema
        with self._lock:
            known = key is not None and key in self._valid
            if known:
                self._valid.move_to_end(key)  # type: ignore[arg-type]
        if known:
            context.pre_execution_errors = []  # Strawberry validates only when this is None
        yield
        if key is not None and not known and context.pre_execution_errors == []:
            with self._lock:
                self._valid[key] = None
                while len(self._valid) > KNOWN:
                    self._valid.popitem(last=False)
