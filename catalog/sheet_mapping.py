"""The mapping file of a spreadsheet import: which column holds which field, what the
sheet's words mean in the catalog's closed vocabularies, and which catalog node each
system, organisation, purpose, retention rule or Exhibit B element the sheet names is.

Everything the import writes comes from the sheet or from here: a word the mapping does
not explain is a problem to report, never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from catalog.parse import check_id, parse_node
from catalog.source import Location, Problems, SourceMapping, excerpt
from catalog.vocab import Label

KINDS = ("inventory", "agreements")
# The fields a column may fill, by kind of sheet.
FIELDS = {
    "inventory": ("id", "element", "definition", "description", "category", "sensitivity", "subject",
                  "standard_ref", "public", "system", "vendor", "shared_with", "purpose",
                  "retention", "notes"),
    "agreements": ("id", "name", "provider", "kind", "signed_on", "effective_on", "expires_on",
                   "terminated_on", "elements", "purpose", "destruction_days", "breach_notice_hours",
                   "public_url", "notes"),
}
# Sections naming catalog nodes: the label of their nodes, and whether an entry may
# define the node here (a mapping of its fields) or only refer to it by id.
NAMED: dict[str, tuple[Label, bool]] = {"systems": (Label.SYSTEM, True), "organizations": (Label.ORGANIZATION, True),
         "purposes": (Label.PURPOSE, True), "retention_rules": (Label.RETENTION_RULE, True),
         "elements": (Label.DATA_ELEMENT, False)}
TOP_KEYS = ("kind", "sheet", "header_row", "list_separator", "date_format", "columns", "defaults", "values",
            *NAMED)
_SPACE = re.compile(r"\s+")


def norm(text: str) -> str:
    """How the sheet's words are matched: case and runs of spaces do not count."""
    return _SPACE.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class Entry:
    """What a word of the sheet stands for: a node's id, and its definition when the
    mapping defines it (written to the output only if some row uses it)."""

    id: str | None  # None: deliberately left out of the catalog (an Exhibit B element)
    definition: dict[str, Any] | None = None


@dataclass
class SheetMapping:
    name: str
    kind: str = "inventory"
    sheet: str | None = None
    header_row: int = 1
    separator: str = ";"
    date_format: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field -> header
    defaults: dict[str, Any] = field(default_factory=dict)
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # field -> norm(text) -> value
    named: dict[str, dict[str, Entry]] = field(default_factory=dict)  # section -> norm(text) -> entry

    def lookup(self, section: str, text: str) -> Entry | None:
        return self.named.get(section, {}).get(norm(text))


def parse_mapping(doc: Any, name: str, problems: Problems) -> SheetMapping:
    """The mapping of a parsed YAML document, every problem recorded at its line."""
    mapping = SheetMapping(name)
    top = Location(name, getattr(doc, "line", None))
    if not isinstance(doc, SourceMapping):
        problems.add(top, "expected a mapping with keys such as kind, columns and values")
        return mapping

    def at(key: str) -> Location:
        return top.child(key, doc.line_of(key))

    for key in doc:
        if key not in TOP_KEYS:
            problems.add(at(key), f"unknown key; expected one of {', '.join(TOP_KEYS)}")
    mapping.kind = _choice(doc.get("kind"), KINDS, at("kind"), problems) or mapping.kind
    mapping.sheet = _text(doc.get("sheet"), at("sheet"), problems)
    mapping.separator = _text(doc.get("list_separator"), at("list_separator"), problems) or ";"
    mapping.date_format = _text(doc.get("date_format"), at("date_format"), problems)
    header_row = doc.get("header_row", 1)
    if isinstance(header_row, bool) or not isinstance(header_row, int) or header_row < 1:
        problems.add(at("header_row"), f"expected a row number from 1, got {excerpt(header_row)}")
    else:
        mapping.header_row = header_row
    fields = FIELDS[mapping.kind]
    for key, value in _pairs(doc.get("columns"), at("columns"), problems):
        if key not in fields:
            problems.add(at("columns").child(key), f"not a field of {mapping.kind} sheets; "
                                                   f"expected one of {', '.join(fields)}")
        elif (header := _text(value, at("columns").child(key), problems)) is not None:
            mapping.columns[key] = header
    if "columns" not in doc:
        problems.add(top, "missing: `columns`, the header of the column that holds each field")
    for key, value in _pairs(doc.get("defaults"), at("defaults"), problems):
        if key not in fields:
            problems.add(at("defaults").child(key), f"not a field of {mapping.kind} sheets")
        mapping.defaults[key] = value
    for key, table in _pairs(doc.get("values"), at("values"), problems):
        mapping.values[key] = {norm(str(text)): value
                               for text, value in _pairs(table, at("values").child(key), problems)}
    for section, (label, definable) in NAMED.items():
        where = at(section)
        mapping.named[section] = {norm(str(text)): entry for text, raw in _pairs(doc.get(section), where, problems)
                                  if (entry := _entry(str(text), raw, label, definable,
                                                      where.child(str(text)), problems)) is not None}
    return mapping


def _entry(text: str, raw: Any, label: Label, definable: bool, where: Location,
           problems: Problems) -> Entry | None:
    if raw is None and label is Label.DATA_ELEMENT:
        return Entry(None)
    if not isinstance(raw, SourceMapping):
        node_id = check_id(raw, where, problems)
        return Entry(node_id) if node_id else None
    if not definable:
        problems.add(where, "expected the id of a node of the catalog")
        return None
    definition = {"id": raw.get("id"), "name": text, **{k: v for k, v in raw.items() if k != "id"}}
    checked = SourceMapping(definition, line=raw.line)
    checked.key_lines = raw.key_lines
    node = parse_node(label, checked, where, problems)
    return Entry(node.record.id, definition) if node else None


def _pairs(value: Any, where: Location, problems: Problems) -> list[tuple[str, Any]]:
    if value is None:
        return []
    if not isinstance(value, dict):
        problems.add(where, f"expected a mapping, got {excerpt(value)}")
        return []
    return [(str(k), v) for k, v in value.items()]


def _text(value: Any, where: Location, problems: Problems) -> str | None:
    if value is None or isinstance(value, str):
        return value
    problems.add(where, f"expected text, got {excerpt(value)}")
    return None


def _choice(value: Any, choices: tuple[str, ...], where: Location, problems: Problems) -> str | None:
    if value in choices:
        return str(value)
    problems.add(where, f"expected one of {', '.join(choices)}, got {excerpt(value)}")
    return None
