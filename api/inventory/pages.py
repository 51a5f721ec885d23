"""The published pages: the inventory index, the families' pages, who receives data (with
one page per organisation), the policies, and a page about the downloadable files.

Each page is a template in templates/; this module chooses what each one shows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from api.inventory.files import CSV_COLUMNS
from api.inventory.html import render
from api.inventory.rows import ElementRow, Inventory
from api.inventory.words import SUBJECT_ONE

INDEX = "inventory.html"
FAMILY_PAGES = {"STUDENT": "inventory/student.html", "PARENT": "inventory/parent.html"}
SHARED_WITH = "inventory/shared-with.html"
POLICIES = "inventory/policies.html"
ABOUT = "inventory/about.html"
PATHS = {"index": INDEX, "family": FAMILY_PAGES, "shared_with": SHARED_WITH, "policies": POLICIES,
         "about": ABOUT}


def render_pages(inv: Inventory) -> dict[str, bytes]:
    """Every page of the site by its path from the site root."""
    pages = {
        INDEX: page("index.html", INDEX, inv, groups=by_category(inv.elements)),
        SHARED_WITH: page("shared_with.html", SHARED_WITH, inv),
        POLICIES: page("policies.html", POLICIES, inv),
        ABOUT: page("about.html", ABOUT, inv, columns=CSV_COLUMNS),
    }
    pages.update({path: family_page(inv, subject, path) for subject, path in FAMILY_PAGES.items()})
    pages.update({org.page: page("org.html", org.page, inv, org=org) for org in inv.recipients})
    return pages


def page(template: str, path: str, inv: Inventory, **values: Any) -> bytes:
    return render(template, path, inv=inv, paths=PATHS, **values)


def family_page(inv: Inventory, subject: str, path: str) -> bytes:
    rows = [e for e in inv.elements if e.subject == subject]
    return page("family.html", path, inv, subject=subject, who=SUBJECT_ONE[subject], rows=rows,
                groups=by_category(rows), privacy=[p for p in inv.policies if p.kind == "PRIVACY"])


def by_category(elements: Iterable[ElementRow]) -> list[tuple[str, list[ElementRow]]]:
    groups: dict[str, list[ElementRow]] = {}
    for element in elements:  # already in reading order
        groups.setdefault(element.category, []).append(element)
    return list(groups.items())
