"""The machine-readable files: inventory.csv, inventory.json and data.json (DCAT-US 1.1).

All three are deterministic: rows in the model's order, keys sorted, no clock read."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import asdict
from typing import Any

from api.inventory.rows import Basis, ElementRow, Inventory, RecipientPage

# Lists inside one CSV cell: names and citations may hold commas and semicolons, not bars.
LIST_SEPARATOR = " | "

CSV_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "The element's stable identifier in the catalog."),
    ("name", "The element's name."),
    ("definition", "What the element is (Common Education Data Standards wording where one exists)."),
    ("category", "identity, demographic, contact, enrollment, attendance, assessment, grades, discipline, "
                 "health, special_education, program or derived."),
    ("subject", "Whom the data is about: STUDENT, PARENT (parents and guardians) or STAFF."),
    ("sensitivity", "DIRECTORY, PII (personally identifiable), SENSITIVE, DEIDENTIFIED or AGGREGATE."),
    ("standard_ref", "The matching Common Education Data Standards element (CEDS Global ID), if any."),
    ("purposes", "Why it is collected: the purposes it is used for."),
    ("systems", "Where it is kept: the systems holding it (retired systems say since when)."),
    ("shared_with", "Organizations outside the district that receive it now."),
    ("bases", "On what basis they receive it: an agreement, a consent or a law, with its status or citation."),
    ("retention", "How long it is kept and under which authority, in plain words."),
    ("contact", "Whom to ask about it: the designated contact for this inventory."),
    ("updated_at", "When the catalog entry for the element last changed."),
)
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@")
# The C0 and C1 control characters (NUL, ESC, ...) that are whitespace, and the others
# with Unicode's bidirectional formatting characters, which reorder what a reader sees
# (U+202E). No cell needs any of them; the JSON keeps them as stored.
_BREAKS = re.compile("[\t\n\x0b\x0c\r\x1c-\x1f\x85\u2028\u2029]")
_HIDDEN = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
MEDIA_TYPES = {"csv": "text/csv", "json": "application/json", "html": "text/html"}
POD_SCHEMA = "https://project-open-data.cio.gov/v1.1/schema"


def joined(values: tuple[str, ...]) -> str:
    return LIST_SEPARATOR.join(values)


def csv_row(e: ElementRow, contact: str) -> dict[str, str]:
    return {
        "id": e.id, "name": e.name, "definition": e.definition, "category": e.category, "subject": e.subject,
        "sensitivity": e.sensitivity, "standard_ref": e.standard_ref, "purposes": joined(e.purposes),
        "systems": joined(e.systems), "shared_with": joined(e.shared_with),
        "bases": joined(tuple(b.text for b in e.bases)), "retention": e.retention, "contact": contact,
        "updated_at": e.updated_at,
    }


def csv_cell(value: str) -> str:
    """A value as a spreadsheet may open it safely: line breaks and tabs become spaces,
    other control characters go, and a cell that would start a formula starts with a
    quote instead (OWASP's advice against CSV injection)."""
    text = _HIDDEN.sub("", _BREAKS.sub(" ", value))
    return "'" + text if text.lstrip().startswith(FORMULA_STARTS) else text


def inventory_csv(inv: Inventory) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[name for name, _ in CSV_COLUMNS], lineterminator="\r\n")
    writer.writeheader()
    for element in inv.elements:
        writer.writerow({key: csv_cell(value) for key, value in csv_row(element, inv.contact.text).items()})
    return out.getvalue().encode("utf-8")


def basis_json(b: Basis) -> dict[str, Any]:
    return {"kind": b.kind, "id": b.id, "name": b.name, "url": b.url, "detail": b.detail, "text": b.text}


def element_json(e: ElementRow, contact: str) -> dict[str, Any]:
    row: dict[str, Any] = csv_row(e, contact)
    row.update(purposes=list(e.purposes), systems=list(e.systems), bases=[basis_json(b) for b in e.bases],
               shared_with=[{"id": r.id, "name": r.name, "page": r.page, "bases": [b.id for b in r.bases]}
                            for r in e.recipients])
    return row


def organization_json(o: RecipientPage) -> dict[str, Any]:
    return {
        "id": o.id, "name": o.name, "kind": o.kind, "description": o.description, "url": o.url, "page": o.page,
        "contact": asdict(o.contact) if o.contact else None,
        "agreements": [asdict(t) for t in o.agreements], "systems": list(o.systems),
        "receives": [{"element": r.element_id, "name": r.element_name, "purposes": list(r.purposes),
                      "how": list(r.how), "bases": [basis_json(b) for b in r.bases]} for r in o.receives],
    }


def inventory_json(inv: Inventory) -> bytes:
    data = {
        "publisher": {"id": inv.publisher_id, "name": inv.publisher, "url": inv.publisher_url},
        "contact": asdict(inv.contact),
        "as_of": inv.as_of.isoformat(),
        "modified": inv.modified,
        "columns": dict(CSV_COLUMNS),
        "elements": [element_json(e, inv.contact.text) for e in inv.elements],
        "organizations": [organization_json(o) for o in inv.recipients],
        "policies": [{**asdict(p), "adopted_by": list(p.adopted_by)} for p in inv.policies],
    }
    return dumps(data)


def dumps(data: Any) -> bytes:
    return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8")


def data_json(inv: Inventory, base_url: str | None) -> bytes:
    """A DCAT-US 1.1 catalog (Project Open Data, non-federal) of the published files.

    Without a base URL the links stay relative to data.json, which works opened from disk
    but not for a harvester: publish with --base-url for that."""
    def url(path: str) -> str:
        return (base_url or "") + path

    distributions = [
        {"@type": "dcat:Distribution", "title": title, "description": text, "downloadURL": url(path),
         "mediaType": MEDIA_TYPES[path.rsplit(".", 1)[1]], "format": path.rsplit(".", 1)[1].upper()}
        for path, title, text in (
            ("inventory.csv", "Inventory (CSV)", "One row per data element; columns are described on "
                                                 "inventory/about.html."),
            ("inventory.json", "Inventory (JSON)", "The same rows as JSON, with the organizations that "
                                                   "receive data and the published policies."),
            ("inventory.html", "Inventory (web page)", "The inventory to read, with pages for families."),
        )
    ]
    contact: dict[str, str] = {"@type": "vcard:Contact", "fn": inv.contact.name}
    if inv.contact.email:
        contact["hasEmail"] = f"mailto:{inv.contact.email}"
    dataset: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "title": f"Student data inventory of {inv.publisher}",
        "description": (f"Every kind of information {inv.publisher} keeps about students, parents and guardians, "
                        "and staff: its definition, why it is collected, where it is kept, who outside the "
                        f"district receives it and on what basis, and how long it is kept. As of {inv.as_of}."),
        "keyword": ["data inventory", "data privacy", "education", "student data", "student records"],
        "modified": inv.modified,
        "publisher": {"@type": "org:Organization", "name": inv.publisher},
        "contactPoint": contact,
        "identifier": f"{inv.publisher_id}/student-data-inventory",
        "accessLevel": "public",
        "accrualPeriodicity": "irregular",
        "language": ["en-US"],
        "theme": ["Education"],
        "distribution": distributions,
    }
    if base_url:
        dataset["landingPage"] = url("inventory.html")
        dataset["describedBy"] = url("inventory/about.html")
        dataset["describedByType"] = "text/html"
    catalog: dict[str, Any] = {
        "@context": f"{POD_SCHEMA}/catalog.jsonld",
        "@type": "dcat:Catalog",
        "conformsTo": POD_SCHEMA,
        "describedBy": f"{POD_SCHEMA}/catalog.json",
        "dataset": [dataset],
    }
    if base_url:
        catalog["@id"] = url("data.json")
    return dumps(catalog)
