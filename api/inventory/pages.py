"""The published pages: the inventory index, the families' pages, who receives data (with
one page per organisation), the policies, and a page about the downloadable files."""

from __future__ import annotations

from collections.abc import Iterable

from api.inventory.files import CSV_COLUMNS
from api.inventory.html import Layout, Row, a, definitions, esc, items, table
from api.inventory.rows import Basis, ElementRow, Recipient, RecipientPage
from api.inventory.words import (
    AGREEMENT_KINDS,
    ORG_KINDS,
    POLICY_KINDS,
    SENSITIVITY,
    SUBJECT_ONE,
    SUBJECTS,
    category_title,
)

INDEX = "inventory.html"
FAMILY_PAGES = {"STUDENT": "inventory/student.html", "PARENT": "inventory/parent.html"}
SHARED_WITH = "inventory/shared-with.html"
POLICIES = "inventory/policies.html"
ABOUT = "inventory/about.html"


def render_pages(lay: Layout) -> dict[str, bytes]:
    """Every page of the site by its path from the site root."""
    pages = {INDEX: index_page(lay), SHARED_WITH: shared_with_page(lay),
             POLICIES: policies_page(lay), ABOUT: about_page(lay)}
    pages.update({path: family_page(lay, subject, path) for subject, path in FAMILY_PAGES.items()})
    pages.update({org.page: org_page(lay, org) for org in lay.inv.recipients})
    return pages


# --- fragments shared by the pages ---------------------------------------------------------


def basis_html(basis: Basis) -> str:
    detail = f" ({esc(basis.detail)})" if basis.detail else ""
    return f"{esc(basis.kind.capitalize())}: {a(basis.name, basis.url)}{detail}"


def recipient_html(lay: Layout, path: str, r: Recipient, with_bases: bool = True) -> str:
    link = a(r.name, lay.href(path, r.page))
    if not with_bases or not r.bases:
        return link
    return f"{link} — " + "; ".join(basis_html(b) for b in r.bases)


def element_header(e: ElementRow, href: str | None = None) -> str:
    meta = [SUBJECTS.get(e.subject, e.subject), SENSITIVITY.get(e.sensitivity, e.sensitivity)]
    if e.standard_ref:
        meta.append(e.standard_ref)
    name = a(e.name, href) if href else esc(e.name)
    return f'{name}<span class="meta">{esc(" · ".join(meta))}</span>'


def by_category(elements: Iterable[ElementRow]) -> list[tuple[str, list[ElementRow]]]:
    groups: dict[str, list[ElementRow]] = {}
    for element in elements:  # already in reading order
        groups.setdefault(element.category, []).append(element)
    return list(groups.items())


def contact_box(lay: Layout) -> str:
    c = lay.inv.contact
    lines = [f"<p>{esc(c.name)}, {esc(c.organization)}</p>" if c.name != c.organization else f"<p>{esc(c.name)}</p>"]
    if c.email:
        lines.append(f'<p>Email: <a href="mailto:{esc(c.email)}">{esc(c.email)}</a></p>')
    if c.url:
        lines.append(f"<p>Web: {a(c.url, c.url)}</p>")
    return ('<section class="contact" aria-labelledby="contact-h">\n<h2 id="contact-h">Questions? Contact us</h2>\n'
            + "\n".join(lines) + "\n</section>\n")


def category_toc(groups: list[tuple[str, list[ElementRow]]], prefix: str) -> str:
    links = "".join(f'<li><a href="#{prefix}{esc(c)}">{esc(category_title(c))}</a> ({len(rows)})</li>'
                    for c, rows in groups)
    return (f'<nav class="toc-nav" aria-labelledby="{prefix}toc">\n<h2 id="{prefix}toc">Categories</h2>\n'
            f'<ul class="toc">{links}</ul>\n</nav>\n')


def section(anchor: str, title: str, content: str) -> str:
    return f'<section aria-labelledby="{esc(anchor)}">\n<h2 id="{esc(anchor)}">{esc(title)}</h2>\n{content}</section>\n'


# --- the index -----------------------------------------------------------------------------

ELEMENT_HEADERS = ("Data element", "What it is", "Why we collect it", "Where it is kept", "Shared with",
                   "How long we keep it")


def element_row(lay: Layout, path: str, e: ElementRow) -> Row:
    return Row(element_header(e), [
        esc(e.definition) or '<span class="none">No definition recorded</span>',
        items(map(esc, e.purposes), "No purpose recorded"),
        items(map(esc, e.systems), "Not recorded"),
        items((recipient_html(lay, path, r) for r in e.recipients), "Not shared outside the district"),
        esc(e.retention),
    ], id=f"el-{e.id}")


def index_page(lay: Layout) -> bytes:
    inv, path = lay.inv, INDEX
    groups = by_category(inv.elements)
    family = " and ".join(a(f"about {SUBJECT_ONE[s]}", lay.href(path, p)) for s, p in FAMILY_PAGES.items())
    body = [
        "<h1>Student data inventory</h1>\n",
        f'<p class="lead">{esc(inv.publisher)} lists here every kind of information it keeps about students, '
        "their parents and guardians, and its staff: what it is, why it is collected, where it is kept, who "
        "outside the district receives it and on what basis, and how long it is kept.</p>\n",
        f"<p>As of {esc(inv.as_of.isoformat())}: {len(inv.elements)} kinds of information, "
        f"{a(f'{len(inv.recipients)} organizations outside the district', lay.href(path, SHARED_WITH))} and "
        f"{a(f'{len(inv.policies)} published policies', lay.href(path, POLICIES))}. Families can read what "
        f"we hold {family}. The same facts are available as {a('CSV and JSON files', lay.href(path, ABOUT))}.</p>\n",
        contact_box(lay),
        category_toc(groups, "cat-"),
    ]
    for category, rows in groups:
        title = category_title(category)
        body.append(section(f"cat-{category}", title, table(
            category, f"{title}: {len(rows)} kinds of information", ELEMENT_HEADERS,
            (element_row(lay, path, e) for e in rows))))
    return lay.page(path, "Student data inventory", "".join(body),
                    f"What student data {inv.publisher} collects, why, where it goes and how long it is kept.")


# --- what we hold about a student (or a parent) ----------------------------------------------

FAMILY_HEADERS = ("Information", "What it is", "Why we use it", "Who else receives it", "How long we keep it")


def family_page(lay: Layout, subject: str, path: str) -> bytes:
    inv, who = lay.inv, SUBJECT_ONE[subject]
    rows = [e for e in inv.elements if e.subject == subject]
    groups = by_category(rows)
    privacy = [p for p in inv.policies if p.kind == "PRIVACY"]
    rights = items((a(p.name, p.url) for p in privacy), "Ask the contact below.")
    body = [
        f"<h1>What we hold about {esc(who)}</h1>\n",
        f'<p class="lead">{esc(inv.publisher)} keeps up to {len(rows)} kinds of information about {esc(who)}. '
        "Not every item exists for every family: health or special education records, for example, are only "
        "kept for the students they concern.</p>\n" if rows else
        f'<p class="lead">The inventory lists no information about {esc(who)}.</p>\n',
        "<p>For each item: why we use it, which organizations outside the district receive it, and how long "
        f"we keep it. Details, including where it is kept, are in the {a('full inventory', lay.href(path, INDEX))}."
        "</p>\n",
        section(f"rights-{subject.lower()}", "Seeing and correcting your records",
                "<p>You may inspect and copy these records, ask for corrections, and ask who has received "
                f"them.</p>\n<div>{rights}</div>\n"),
        contact_box(lay),
        category_toc(groups, "fam-"),
    ]
    for category, members in groups:
        title = category_title(category)
        body.append(section(f"fam-{category}", title, table(
            f"fam-{category}", f"{title}: {len(members)} kinds of information", FAMILY_HEADERS,
            (Row(element_header(e, lay.href(path, f"{INDEX}#el-{e.id}")), [
                esc(e.definition),
                items(map(esc, e.purposes), "No purpose recorded"),
                items((recipient_html(lay, path, r, with_bases=False) for r in e.recipients),
                      "Nobody outside the district"),
                esc(e.retention),
            ]) for e in members))))
    return lay.page(path, f"What we hold about {who}", "".join(body),
                    f"Every kind of information {inv.publisher} keeps about {who}, in plain words.")


# --- who receives data ---------------------------------------------------------------------------


def shared_with_page(lay: Layout) -> bytes:
    inv, path = lay.inv, SHARED_WITH
    rows = (Row(a(o.name, lay.href(path, o.page)), [
        esc(ORG_KINDS.get(o.kind, o.kind)),
        esc(o.description),
        items((f"{a(t.name, t.url)} ({esc(t.status)})" for t in o.agreements), "No agreement"),
        str(len(o.receives)),
    ]) for o in inv.recipients)
    body = ("<h1>Who receives data</h1>\n"
            f'<p class="lead">Organizations outside {esc(inv.publisher)} that receive student, parent or staff '
            "data, or that have an agreement with the district to do so. Each one has a page listing what it "
            "receives, for what, under which agreement, until when, and what it must do with the data when the "
            "agreement ends.</p>\n"
            + table("orgs", f"{len(inv.recipients)} organizations", (
                "Organization", "Type", "What it does", "Agreements", "Kinds of data it receives"), rows))
    return lay.page(path, "Who receives data", body, f"Organizations that receive data from {inv.publisher}.")


AGREEMENT_HEADERS = ("Agreement", "Type", "In effect from", "Status", "Breach notice to the district",
                     "When data must be destroyed")


def org_page(lay: Layout, org: RecipientPage) -> bytes:
    path = org.page
    facts = definitions([
        ("Type", esc(ORG_KINDS.get(org.kind, org.kind))),
        ("Website", a(org.url, org.url) if org.url else ""),
        ("Contact", esc(org.contact.text) if org.contact else ""),
    ])
    terms = table("agreements", f"Agreements with {org.name}", AGREEMENT_HEADERS, (
        Row(a(t.name, t.url), [esc(AGREEMENT_KINDS.get(t.kind, t.kind)), esc(t.effective_on), esc(t.status),
                               esc(t.breach_notice), items(map(esc, t.destruction))]) for t in org.agreements))
    receives = table("receives", f"What {org.name} receives", ("Data element", "Why", "How", "Basis"), (
        Row(a(r.element_name, lay.href(path, f"{INDEX}#el-{r.element_id}")), [
            items(map(esc, r.purposes), "Not stated"), items(map(esc, r.how)),
            items(map(basis_html, r.bases), "No basis recorded")]) for r in org.receives))
    body = [
        f"<h1>{esc(org.name)}</h1>\n",
        f'<p class="lead">{esc(org.description)}</p>\n' if org.description else "",
        facts,
        section("agreements-h", "Agreements", terms if org.agreements else
                f"<p>The district has no data-sharing agreement with {esc(org.name)}.</p>\n"),
        section("systems-h", "Systems it runs", f"<div>{items(map(esc, org.systems), 'None recorded.')}</div>\n"),
        section("receives-h", "What it receives", receives if org.receives else
                f"<p>{esc(org.name)} receives no data from the district as of {esc(lay.inv.as_of.isoformat())}.</p>\n"),
        f"<p>{a('All organizations that receive data', lay.href(path, SHARED_WITH))}</p>\n",
    ]
    return lay.page(path, org.name, "".join(body),
                    f"What {org.name} receives from {lay.inv.publisher}, and on what terms.")


# --- policies and files ----------------------------------------------------------------------


def policies_page(lay: Layout) -> bytes:
    inv, path = lay.inv, POLICIES
    rows = (Row(a(p.name, p.url), [esc(POLICY_KINDS.get(p.kind, p.kind)), esc(p.description),
                                   esc(p.adopted_on), esc(p.reviewed_on)]) for p in inv.policies)
    body = ("<h1>Policies</h1>\n"
            f'<p class="lead">The rules {esc(inv.publisher)} follows to collect, use, protect, share and destroy '
            "student data. Each title links to the full text.</p>\n"
            + table("policies", f"{len(inv.policies)} published policies",
                    ("Policy", "Kind", "What it covers", "Adopted", "Last reviewed"), rows))
    return lay.page(path, "Policies", body, f"The data privacy and security policies of {inv.publisher}.")


def about_page(lay: Layout) -> bytes:
    inv, path = lay.inv, ABOUT
    files = [
        ("inventory.csv", "The inventory as a spreadsheet: one row per data element, with the columns below."),
        ("inventory.json", "The same rows as JSON, with links to each organization's page and each agreement, "
                           "plus the organizations that receive data and the policies."),
        ("data.json", "A DCAT-US 1.1 (Project Open Data) catalog describing these files, for data portals."),
    ]
    listing = "".join(f"<dt>{a(name, lay.href(path, name))}</dt><dd>{esc(text)}</dd>" for name, text in files)
    columns = table("columns", "Columns of inventory.csv", ("Column", "What it holds"),
                    (Row(f"<code>{esc(name)}</code>", [esc(text)]) for name, text in CSV_COLUMNS))
    body = ("<h1>Download the data</h1>\n"
            f'<p class="lead">The facts of this inventory, as of {esc(inv.as_of.isoformat())}, in files that '
            "spreadsheets and programs read. Lists within a cell are separated by a vertical bar (|).</p>\n"
            f'<dl class="facts">{listing}</dl>\n' + section("columns-h", "Columns", columns))
    return lay.page(path, "Download the data", body, f"The inventory of {inv.publisher} as CSV, JSON and DCAT-US.")
