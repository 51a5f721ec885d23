"""The HTML of the published pages: one layout, escaped fragments, and the stylesheet.

Pages must work opened from disk, on any static host and behind the live routes, so
every link is relative to the page (see `Layout.href`), nothing needs JavaScript and
the CSS is inline. Tables keep their semantics (caption, scoped headers) and fold into
labelled cards on a narrow screen; the print stylesheet drops navigation and spells
out link targets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from api.inventory.rows import Inventory

# The pages every page links to, by path from the site root, in menu order.
MENU = (
    ("inventory.html", "Data inventory"),
    ("inventory/student.html", "About a student"),
    ("inventory/parent.html", "About a parent"),
    ("inventory/shared-with.html", "Who receives data"),
    ("inventory/policies.html", "Policies"),
    ("inventory/about.html", "Download the data"),
)


def esc(value: object) -> str:
    return escape(str(value), quote=True)


def a(text: str, href: str | None) -> str:
    """A link, or the bare (escaped) text when there is nowhere to go."""
    return f'<a href="{esc(href)}">{esc(text)}</a>' if href else esc(text)


def items(fragments: Iterable[str], empty: str = "") -> str:
    """A list of already-escaped fragments; one item stays plain text, none gives `empty`."""
    parts = list(fragments)
    if not parts:
        return esc(empty)
    if len(parts) == 1:
        return parts[0]
    return "<ul>" + "".join(f"<li>{p}</li>" for p in parts) + "</ul>"


def slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")


@dataclass(frozen=True)
class Row:
    """A table row: its header cell (escaped HTML), its data cells, and an optional id."""

    header: str
    cells: Sequence[str]
    id: str | None = None


def table(key: str, caption: str, headers: Sequence[str], rows: Iterable[Row]) -> str:
    """A captioned table whose first column heads each row; scrolls sideways when wide
    (the region is focusable so keyboard users can scroll it too)."""
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = "".join(f'<td data-label="{esc(h)}">{c}</td>' for h, c in zip(headers[1:], row.cells, strict=True))
        row_id = f' id="{esc(row.id)}"' if row.id else ""
        body.append(f'<tr{row_id}><th scope="row">{row.header}</th>{cells}</tr>')
    return (f'<div class="table-wrap" role="region" aria-labelledby="cap-{key}" tabindex="0">\n'
            f'<table class="stack">\n<caption id="cap-{key}">{esc(caption)}</caption>\n'
            f"<thead><tr>{head}</tr></thead>\n<tbody>\n" + "\n".join(body) + "\n</tbody>\n</table>\n</div>\n")


def definitions(pairs: Iterable[tuple[str, str]]) -> str:
    """A description list from (term, escaped HTML) pairs, skipping empty values."""
    body = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in pairs if v)
    return f'<dl class="facts">{body}</dl>\n' if body else ""


@dataclass(frozen=True)
class Layout:
    """The frame around every page of one build."""

    inv: Inventory

    @staticmethod
    def href(page: str, target: str) -> str:
        """`target` (a path from the site root) as a link relative to `page`."""
        folder = page.rpartition("/")[0]
        if folder and target.startswith(folder + "/"):
            return target[len(folder) + 1:]
        return "../" * page.count("/") + target

    def page(self, path: str, title: str, body: str, description: str) -> bytes:
        inv = self.inv
        menu = "".join(
            f'<li><a href="{esc(self.href(path, target))}"'
            + (' aria-current="page"' if target == path else "")
            + f">{esc(label)}</a></li>" for target, label in MENU)
        contact = inv.contact
        email = f' · <a href="mailto:{esc(contact.email)}">{esc(contact.email)}</a>' if contact.email else ""
        html = f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{esc(description)}">
<meta name="generator" content="Steward">
<title>{esc(title)} · {esc(inv.publisher)}</title>
<style>{CSS}</style>
</head>
<body>
<a class="skip" href="#main">Skip to main content</a>
<header class="site">
<p class="site-name"><a href="{esc(self.href(path, "inventory.html"))}">{esc(inv.publisher)}</a></p>
<nav class="pages" aria-label="Inventory pages"><ul>{menu}</ul></nav>
</header>
<main id="main" tabindex="-1">
{body}</main>
<footer>
<p>Questions about this inventory or your records: {esc(contact.name)}{email}{
    f' · <a href="{esc(contact.url)}">{esc(contact.url)}</a>' if contact.url else ""}</p>
<p>As of {esc(inv.as_of.isoformat())}. Catalog last updated {esc(inv.modified)}. Published with Steward.</p>
</footer>
</body>
</html>
"""
        return html.encode("utf-8")


CSS = """
:root{--ink:#1b1b1b;--muted:#4a4a4a;--line:#c3c9d2;--band:#eef2f6;--brand:#0b3d62;--link:#0b57b5}
*{box-sizing:border-box}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;
 line-height:1.5;color:var(--ink);background:#fff}
a{color:var(--link)}
a:focus,[tabindex]:focus{outline:3px solid #c75000;outline-offset:2px}
.skip{position:absolute;left:-9999px;top:0;background:#fff;color:var(--link);padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
header.site{background:var(--brand);color:#fff;padding:.75rem 1.5rem}
header.site a{color:#fff}
.site-name{margin:0;font-weight:700;font-size:1.15rem}
nav.pages ul{list-style:none;margin:.4rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
nav.pages a[aria-current=page]{font-weight:700;text-decoration-thickness:3px}
main{max-width:92rem;margin:0 auto;padding:1rem 1.5rem 2rem}
main:focus{outline:none}
h1{font-size:1.9rem;line-height:1.2;margin:.75rem 0 .5rem}
h2{font-size:1.4rem;margin:2rem 0 .5rem;border-bottom:2px solid var(--band)}
p,dl,.contact{max-width:62rem}
.lead{font-size:1.1rem}
.contact{border-left:6px solid var(--brand);background:var(--band);padding:.6rem 1rem;margin:1rem 0}
.contact h2{border:0;margin:0 0 .25rem;font-size:1.1rem}
.contact p{margin:.25rem 0}
ul.toc{columns:3 14rem;padding-left:1.2rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem}
.facts dt{font-weight:700}
.facts dd{margin:0}
.table-wrap{overflow-x:auto;margin:0 0 1.5rem}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:700;padding:.4rem 0;caption-side:top}
th,td{border:1px solid var(--line);padding:.45rem .6rem;text-align:left;vertical-align:top}
thead th{background:var(--band)}
tbody th{font-weight:600;min-width:11rem}
td ul{margin:0;padding-left:1.1rem}
td li+li{margin-top:.3rem}
.meta{display:block;font-weight:400;color:var(--muted);font-size:.85rem}
.none{color:var(--muted)}
footer{border-top:1px solid var(--line);padding:.75rem 1.5rem;color:var(--muted);font-size:.9rem}
footer p{margin:.25rem 0}
@media (max-width:48rem){
 header.site,main,footer{padding-left:1rem;padding-right:1rem}
 h1{font-size:1.6rem}
 .facts{grid-template-columns:1fr}
 .table-wrap{overflow:visible}
 table.stack,table.stack tbody,table.stack tr,table.stack th,table.stack td{display:block;width:100%}
 table.stack thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
 table.stack tr{border:1px solid var(--line);margin:0 0 1rem}
 table.stack th,table.stack td{border:0;border-bottom:1px solid var(--band)}
 table.stack tbody th{background:var(--band)}
 table.stack td::before{content:attr(data-label);display:block;font-weight:700;font-size:.85rem;color:var(--muted)}
}
@media print{
 @page{margin:1.5cm}
 body{font-size:10pt;color:#000}
 .skip,nav.pages,.toc-nav{display:none}
 header.site{background:none;color:#000;padding:0}
 header.site a,a{color:#000}
 main{max-width:none;padding:0}
 main a[href^="http"]::after,main a[href^="mailto"]::after{
  content:" <" attr(href) ">";font-size:.85em;word-break:break-all}
 .table-wrap{overflow:visible}
 thead{display:table-header-group}
 tr,li,.contact{break-inside:avoid}
 h2{break-after:avoid}
}
""".strip()
