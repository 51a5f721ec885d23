"""The HTML of the published pages: Jinja2 templates (templates/, partials prefixed `_`)
rendered with autoescaping, and the helpers they call.

Pages must work opened from disk, on any static host and behind the live routes, so
every link within the site is relative to the page (see `relative`), nothing needs
JavaScript and the CSS is inline. Tables keep their semantics (caption, scoped headers)
and fold into labelled cards on a narrow screen; the print stylesheet drops navigation
and spells out link targets.

Every value is escaped by the templates, and every href goes through `safe_url`: the
loader accepts only http(s) links, and the pages refuse any other scheme as well, so
that a value that reached the store some other way still cannot run in a reader's
browser."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context, select_autoescape
from jinja2.runtime import Context

from api.inventory import words
from catalog.rules_of_input import CONTACT_SCHEMES, is_link

# The pages every page links to, by path from the site root, in menu order.
MENU = (
    ("inventory.html", "Data inventory"),
    ("inventory/student.html", "About a student"),
    ("inventory/parent.html", "About a parent"),
    ("inventory/shared-with.html", "Who receives data"),
    ("inventory/policies.html", "Policies"),
    ("inventory/about.html", "Download the data"),
)
# A link within the site: a path and an anchor, no scheme (no colon at all), no host.
_WITHIN_SITE = re.compile(r"(?!//)[A-Za-z0-9_.~/#-]+")


def safe_url(value: object) -> str | None:
    """`value` if a reader's browser may follow it: an http(s) or mailto: URL, or a
    link within the site. Anything else gives None, and the template shows text."""
    text = str(value) if value else ""
    return text if _WITHIN_SITE.fullmatch(text) or is_link(text, CONTACT_SCHEMES) else None


def relative_to(page: str, target: str) -> str:
    """`target` (a path from the site root) as a link relative to `page`."""
    folder = page.rpartition("/")[0]
    if folder and target.startswith(folder + "/"):
        return target[len(folder) + 1:]
    return "../" * page.count("/") + target


@pass_context
def relative(context: Context, target: str) -> str:
    """`target` as a link from the page being rendered (its `path`)."""
    return relative_to(str(context["path"]), target)


@cache
def environment() -> Environment:
    env = Environment(loader=PackageLoader("api.inventory"), autoescape=select_autoescape(["html"]),
                      trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                      undefined=StrictUndefined)
    env.filters["safe_url"] = safe_url
    env.globals.update(menu=MENU, relative=relative, words=words)
    return env


def render(template: str, path: str, **values: Any) -> bytes:
    """The page at `path` (from the site root), from `template` and `values`."""
    return environment().get_template(template).render(path=path, **values).encode("utf-8")
