"""A district's spreadsheet, row by row, as a catalog document for review.

An inventory sheet has one row per data element: what it is, the systems that keep it
(with their vendor), the systems it is shared with, why and how long it is kept. An
agreements sheet has one row per agreement, in the shape of the Student Data Privacy
Consortium's National DPA: provider, dates, Exhibit B's elements, destruction and breach
notice terms. Every cell the mapping cannot explain is a problem at its row and column."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from catalog.parse import MAX_ID
from catalog.sheet_mapping import Entry, SheetMapping, norm
from catalog.source import Location, Problems, excerpt
from catalog.vocab import AgreementKind, ElementCategory, Sensitivity, Subject, Vocabulary

VOCABULARIES: dict[str, type[Vocabulary]] = {"category": ElementCategory, "sensitivity": Sensitivity,
                                             "subject": Subject, "kind": AgreementKind}
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_BOOLEANS = {"true": True, "yes": True, "y": True, "false": False, "no": False, "n": False}
Document = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Row:
    """One row of the sheet: its number as the spreadsheet shows it, cells by header."""

    number: int
    cells: Mapping[str, Any]


def slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")[:MAX_ID].strip("-")


def plain(value: Any) -> Any:
    """Values read from the mapping file as the plain data the YAML writer takes."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


class Reader:
    """The cells of one row, read through the mapping; problems at row and column."""

    def __init__(self, mapping: SheetMapping, sheet: str, row: Row, problems: Problems) -> None:
        self.mapping, self.sheet, self.row, self.problems = mapping, sheet, row, problems

    def where(self, field: str) -> Location:
        return Location(self.sheet, self.row.number, self.mapping.columns.get(field, f"defaults.{field}"))

    def raw(self, field: str) -> Any:
        header = self.mapping.columns.get(field)
        value = self.row.cells.get(header) if header is not None else None
        if value is None or (isinstance(value, str) and not value.strip()):
            return self.mapping.defaults.get(field)
        return value

    def text(self, field: str) -> str | None:
        value = self.raw(field)
        if value is None:
            return None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, datetime):
            value = value.date()
        return value.isoformat() if isinstance(value, date) else str(value).strip()

    def items(self, field: str) -> list[str]:
        value = self.raw(field)
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
        text = self.text(field)
        if text is None:
            return []
        parts = re.split("\n|" + re.escape(self.mapping.separator), text)
        return [p.strip() for p in parts if p.strip()]

    def complain(self, field: str, message: str) -> None:
        self.problems.add(self.where(field), message)

    def vocabulary(self, field: str, required: bool = True) -> str | None:
        text = self.text(field)
        if text is None:
            if required:
                self.complain(field, f"no {field}: give it a column (`columns.{field}`) or a value "
                                     f"for every row (`defaults.{field}`)")
            return None
        mapped = self.mapping.values.get(field, {}).get(norm(text), text)
        vocabulary = VOCABULARIES[field]
        try:
            return vocabulary.parse(mapped).value
        except ValueError:
            self.complain(field, f"{excerpt(text)} is not a {field} ({', '.join(m.value for m in vocabulary)}): "
                                 f"map it under `values.{field}`")
            return None

    def boolean(self, field: str) -> bool | None:
        value = self.raw(field)
        if value is None or isinstance(value, bool):
            return value
        text = str(value).strip()
        mapped = self.mapping.values.get(field, {}).get(norm(text), text)
        if isinstance(mapped, bool):
            return mapped
        found = _BOOLEANS.get(str(mapped).strip().lower())
        if found is None:
            self.complain(field, f"expected yes or no, got {excerpt(text)}; map it under `values.{field}`")
        return found

    def number(self, field: str) -> int | None:
        value = self.raw(field)
        if value is None or isinstance(value, bool):
            return None
        if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
            return int(value)
        text = str(value).strip()
        if re.fullmatch(r"-?\d{1,9}", text):
            return int(text)
        self.complain(field, f"expected a whole number, got {excerpt(text)}")
        return None

    def day(self, field: str) -> date | None:
        value = self.raw(field)
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        text = str(value).strip()
        for parse in (date.fromisoformat, self._custom_date):
            try:
                return parse(text)
            except ValueError:
                pass
        expected = f"an ISO date (2026-06-30) or {self.mapping.date_format!r}" if self.mapping.date_format \
            else "an ISO date (2026-06-30); set `date_format` for another form"
        self.complain(field, f"expected {expected}, got {excerpt(text)}")
        return None

    def _custom_date(self, text: str) -> date:
        if self.mapping.date_format is None:
            raise ValueError(text)
        return datetime.strptime(text, self.mapping.date_format).date()

    def entry(self, section: str, field: str, text: str) -> Entry | None:
        found = self.mapping.lookup(section, text)
        if found is None:
            leave_out = ", or null to leave it out" if section == "elements" else ""
            self.complain(field, f"{excerpt(text)} is not in the mapping's `{section}`: map it to the id of "
                                 f"a catalog node{leave_out}")
        return found


class Output:
    """The document being built: nodes by section, each once, mapping definitions only
    when a row uses them."""

    ORDER = ("organizations", "purposes", "retention_rules", "elements", "systems", "flows", "agreements")

    def __init__(self) -> None:
        self.sections: dict[str, dict[str, dict[str, Any]]] = {key: {} for key in self.ORDER}

    def use(self, section: str, entry: Entry) -> dict[str, Any] | None:
        """The definition of a mapped node, added on first use; None for a reference."""
        if entry.definition is None or entry.id is None:
            return None
        return self.sections[section].setdefault(entry.id, plain(entry.definition))

    def document(self) -> Document:
        return {key: list(nodes.values()) for key, nodes in self.sections.items() if nodes}


def rows_to_catalog(rows: Iterable[Row], mapping: SheetMapping, sheet: str, problems: Problems) -> Document:
    build: Callable[[Reader, Output, dict[str, int]], None] = \
        _inventory_row if mapping.kind == "inventory" else _agreement_row
    output = Output()
    seen: dict[str, int] = {}
    for row in rows:
        build(Reader(mapping, sheet, row, problems), output, seen)
    return output.document()


def _unique(reader: Reader, seen: dict[str, int], node_id: str, field: str) -> bool:
    if node_id in seen:
        reader.complain(field, f"the id {node_id!r} is also that of row {seen[node_id]}")
        return False
    seen[node_id] = reader.row.number
    return True


def _node_id(reader: Reader, given: str | None, fallback: str, field: str) -> str | None:
    node_id = given if given is not None else slug(fallback)
    if not node_id or slug(node_id) != node_id:
        reader.complain(field, f"{excerpt(node_id)} cannot be an id: give one in the `id` column "
                               "(lowercase letters, digits and single hyphens)")
        return None
    return node_id


def _ids(reader: Reader, section: str, field: str, output: Output) -> list[tuple[str, dict[str, Any] | None]]:
    """Each named node of a cell: its id and, when the mapping defines it, its definition."""
    found = []
    for text in reader.items(field):
        entry = reader.entry(section, field, text)
        if entry is not None and entry.id is not None:
            found.append((entry.id, output.use(section, entry)))
    return found


def _inventory_row(reader: Reader, output: Output, seen: dict[str, int]) -> None:
    element = _element(reader, output)
    systems = _ids(reader, "systems", "system", output)
    vendors = _ids(reader, "organizations", "vendor", output)
    shared = _ids(reader, "systems", "shared_with", output)
    id_field = "id" if reader.text("id") else "element"
    if element is None or not _unique(reader, seen, element["id"], id_field) or None in element.values():
        return
    output.sections["elements"][element["id"]] = element
    _hold(reader, systems, element["id"], "system", vendors)
    _hold(reader, [s for s in shared if s[1] is not None], element["id"], "shared_with", [])
    for source, _ in systems:
        for target, _ in shared:
            _flow(reader, output, source, target, element["id"], element.get("used_for", []))


def _element(reader: Reader, output: Output) -> dict[str, Any] | None:
    """The row's element; a field the row cannot give is None (and reported)."""
    name = reader.text("element")
    if name is None:
        reader.complain("element", "no element name: a row of an inventory names the data element it describes")
        return None
    element_id = _node_id(reader, reader.text("id"), name, "id" if reader.text("id") else "element")
    if element_id is None:
        return None
    element: dict[str, Any] = {"id": element_id, "name": name}
    element.update({key: value for key in ("definition", "description") if (value := reader.text(key))})
    element.update({key: reader.vocabulary(key) for key in ("category", "sensitivity", "subject")})
    if (ref := reader.text("standard_ref")) is not None:
        element["standard_ref"] = ref
    if (public := reader.boolean("public")) is not None:
        element["public"] = public
    if purposes := [node_id for node_id, _ in _ids(reader, "purposes", "purpose", output)]:
        element["used_for"] = purposes
    rules = _ids(reader, "retention_rules", "retention", output)
    if len(rules) > 1:
        reader.complain("retention", "expected one retention rule, the element's default")
    elif rules:
        element["retained_under"] = rules[0][0]
    if (notes := reader.text("notes")) is not None:
        element["notes"] = notes
    return element


def _hold(reader: Reader, systems: list[tuple[str, dict[str, Any] | None]], element_id: str, field: str,
          vendors: list[tuple[str, dict[str, Any] | None]]) -> None:
    if len(vendors) > 1:
        reader.complain("vendor", "expected one vendor, the organisation that operates the row's systems")
    for system_id, system in systems:
        if system is None:
            reader.complain(field, f"the system {system_id!r} is defined outside this import, which cannot add "
                                   "what it holds; define the system in the mapping's `systems`")
            continue
        holds = system.setdefault("holds", [])
        if all(h["element"] != element_id for h in holds):
            holds.append({"element": element_id})
        if vendors:
            operator = system.setdefault("operated_by", vendors[0][0])
            if operator != vendors[0][0]:
                reader.complain("vendor", f"the system {system_id!r} is operated by {operator!r}, "
                                          f"not {vendors[0][0]!r}")


def _flow(reader: Reader, output: Output, source: str, target: str, element_id: str,
          purposes: list[str]) -> None:
    flow_id = f"{source}-to-{target}"
    if source == target:
        return
    if len(flow_id) > MAX_ID:
        reader.complain("shared_with", f"the flow from {source!r} to {target!r} would have an id longer than "
                                       f"{MAX_ID} characters; give the systems shorter ids")
        return
    flow = output.sections["flows"].setdefault(flow_id, {"id": flow_id, "from": source, "to": target,
                                                         "carries": []})
    flow["carries"].append(element_id)
    for purpose in purposes:
        if purpose not in flow.setdefault("for", []):
            flow["for"].append(purpose)


def _agreement_row(reader: Reader, output: Output, seen: dict[str, int]) -> None:
    providers = _ids(reader, "organizations", "provider", output)
    if len(providers) != 1:
        reader.complain("provider", "expected the one provider the agreement is with")
        return
    kind = reader.vocabulary("kind")
    dates = {key: reader.day(key) for key in ("signed_on", "effective_on", "expires_on", "terminated_on")}
    start = dates["effective_on"] or dates["signed_on"]
    fallback = f"{kind or 'agreement'}-{providers[0][0]}-{start.isoformat() if start else ''}"
    agreement_id = _node_id(reader, reader.text("id"), fallback, "id")
    agreement: dict[str, Any] = {"id": agreement_id, "kind": kind, "with": providers[0][0]}
    if (name := reader.text("name")) is not None:
        agreement["name"] = name
    agreement.update({key: value for key, value in dates.items() if value is not None})
    covers = [node_id for node_id, _ in _ids(reader, "elements", "elements", output)]
    if covers:
        agreement["covers"] = list(dict.fromkeys(covers))
    permits = [node_id for node_id, _ in _ids(reader, "purposes", "purpose", output)]
    if permits:
        agreement["permits"] = permits
    for key in ("destruction_days", "breach_notice_hours"):
        if (number := reader.number(key)) is not None:
            agreement[key] = number
    for key in ("public_url", "notes"):
        if (text := reader.text(key)) is not None:
            agreement[key] = text
    if agreement_id is None or kind is None or not _unique(reader, seen, agreement_id, "id"):
        return
    output.sections["agreements"][agreement_id] = agreement

