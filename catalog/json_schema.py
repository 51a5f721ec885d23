"""The JSON Schema of the catalog file format, generated from the model so the two
never drift. Editors use it to validate catalog files as they are typed."""

from __future__ import annotations

import dataclasses
from datetime import date
from enum import Enum
from typing import Any

from catalog.model import NODE_TYPES, Node, Organization
from catalog.parse import SLUG, allowed_keys
from catalog.periods import Duration
from catalog.records import field_types
from catalog.relations import RELATIONS, REQUIRED_RELATIONS, SECTIONS, RelSpec
from catalog.vocab import Label

SCHEMA_ID = "https://steward.example.org/schemas/catalog-v1.json"
# Keys of which a mapping must give at least one (rules_of_input.py says the same in words).
ONE_OF_REQUIRED: dict[Label, dict[str, Any]] = {
    Label.RETENTION_RULE: {"anyOf": [{"required": ["period"]}, {"required": ["keep_at_least"]}]},
    Label.LEGAL_HOLD: {"anyOf": [{"required": ["covers"]}, {"required": ["in"]}]},
}
ID_REF = {"$ref": "#/$defs/id"}


def _scalar(kind: type) -> dict[str, Any]:
    if issubclass(kind, Enum):
        # Closed vocabularies are matched case-insensitively; list the canonical spellings.
        return {"type": "string", "examples": [m.value for m in kind],
                "pattern": "^(?i:" + "|".join(m.value for m in kind) + ")$"}
    if kind is date:
        return {"type": "string", "format": "date"}
    if kind is Duration:
        return {"type": "string", "pattern": r"^P(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$"}
    if kind is bool:
        return {"type": "boolean"}
    if kind is int:
        return {"type": "integer", "minimum": 0}
    return {"type": "string"}


def _fields(cls: type) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, (kind, many) in field_types(cls).items():
        schema = _scalar(kind)
        out[name] = {"type": "array", "items": schema} if many else schema
    return out


def _relation(spec: RelSpec) -> dict[str, Any]:
    item: dict[str, Any] = ID_REF
    if spec.ref_key and spec.props:
        props = {spec.ref_key: ID_REF, **_fields(spec.props)}
        mapping = {"type": "object", "properties": props, "additionalProperties": False,
                   "required": [spec.ref_key]}
        item = {"anyOf": [ID_REF, mapping]}
    targets = ", ".join(sorted(t.value for t in spec.targets))
    if not spec.many:
        return {**item, "description": f"the id of a {targets}"}
    return {"description": f"ids of {targets}",
            "anyOf": [item, {"type": "array", "items": item, "uniqueItems": True}]}


def _node_schema(label: Label) -> dict[str, Any]:
    cls: type[Node] = NODE_TYPES[label]
    props = {k: v for k, v in _fields(cls).items() if k != "updated_at"}
    if cls is Organization:
        props = {k: v for k, v in props.items() if not k.startswith("contact_")}
        props["contact"] = {"type": "object", "additionalProperties": False,
                            "properties": {k: {"type": "string"} for k in ("name", "email", "url")}}
    props["id"] = ID_REF
    for spec in RELATIONS[label]:
        props[spec.key] = _relation(spec)
    required = [f.name for f in dataclasses.fields(cls)
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING]
    if cls.NAME_OPTIONAL:
        required.remove("name")
    required += REQUIRED_RELATIONS.get(label, ())
    for old, new in cls.ALIASES.items():
        props[old] = {**props[new], "description": f"another name for {new}"}
    ordered = {k: props[k] for k in allowed_keys(label)}
    schema = {"type": "object", "title": label.value, "properties": ordered,
              "required": required, "additionalProperties": False}
    return {**schema, **ONE_OF_REQUIRED.get(label, {})}


def catalog_schema() -> dict[str, Any]:
    defs: dict[str, Any] = {"id": {"type": "string", "pattern": SLUG.pattern, "maxLength": 80}}
    for label in SECTIONS.values():
        defs[label.value] = _node_schema(label)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Steward catalog file",
        "description": "One file of a Steward catalog kept as code (see docs/catalog-format.md).",
        "type": ["object", "null"],
        "additionalProperties": False,
        "properties": {key: {"type": "array", "items": {"$ref": f"#/$defs/{label.value}"}}
                       for key, label in SECTIONS.items()},
        "$defs": defs,
    }
