"""Every closed vocabulary of the model as a GraphQL enum, found in the model itself: a
vocabulary a node or relationship field takes is an enum, on the node types, on the
list filters and in the inputs, without being listed here.

Their values are spelled as stored and as catalog files write them (`demographic`,
`read`, `SENSITIVE`), so a value reads the same in a file, in an answer and in a query."""

from __future__ import annotations

from collections.abc import Iterator

import strawberry
from strawberry.utils.str_converters import to_camel_case

from catalog.model import NODE_TYPES
from catalog.records import field_types
from catalog.relations import RELATIONS
from catalog.vocab import Label, RelType, Severity, Vocabulary


def _fields() -> Iterator[tuple[str, type]]:
    """(where, kind) for every field of the model: `DataElement.category`, `HOLDS.since`."""
    for label, cls in NODE_TYPES.items():
        for name, (kind, _) in field_types(cls).items():
            yield f"{label.value}.{to_camel_case(name)}", kind
    for specs in RELATIONS.values():
        for spec in specs:
            for name, (kind, _) in field_types(spec.props).items() if spec.props else ():
                yield f"{spec.type.value}.{to_camel_case(name)}", kind


def _vocabularies() -> dict[type[Vocabulary], list[str]]:
    found: dict[type[Vocabulary], list[str]] = {Label: [], RelType: []}
    for where, kind in _fields():
        if issubclass(kind, Vocabulary):
            uses = found.setdefault(kind, [])
            if where not in uses:
                uses.append(where)
    return found


OWN_WORDS = {Label: "The label of a node: what kind of thing it is.",
             RelType: "The type of a relationship, written as in the graph: (System)-[:HOLDS]->(DataElement).",
             Severity: "How serious an incident is, or how urgent a finding."}

VOCABULARIES: dict[type[Vocabulary], list[str]] = _vocabularies()

for _kind, _uses in VOCABULARIES.items():
    strawberry.enum(_kind, graphql_name_from="value",
                    description=OWN_WORDS.get(_kind) or f"The values of {', '.join(_uses)}.")
