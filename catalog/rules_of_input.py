"""Validation rules a privacy officer expects of a single node, beyond its types.

Each returns (key, message) pairs; an empty list means the node is acceptable."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from catalog.model import (
    AccessRequest,
    Agreement,
    Consent,
    Event,
    Flow,
    Incident,
    LegalHold,
    Node,
    Organization,
    Person,
    RetentionRule,
)
from catalog.source import excerpt
from catalog.vocab import Trigger

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# Links end up as <a href> in the published pages: any other scheme (javascript:, data:,
# vbscript:) would run in a reader's browser. A designated contact may be an e-mail link.
WEB_SCHEMES = ("http", "https")
CONTACT_SCHEMES = (*WEB_SCHEMES, "mailto")


def check_node(node: Node, targets: Mapping[str, Sequence[str]]) -> list[tuple[str, str]]:
    """`targets` maps each relationship key of the node's mapping to the ids it names."""
    found: list[tuple[str, str]] = []
    if isinstance(node, Agreement):
        found += _agreement(node)
    if (isinstance(node, Consent) and node.collected_from and node.expires_on
            and node.expires_on <= node.collected_from):
        found.append(("expires_on", f"expected a date after collected_from "
                                    f"({node.collected_from}), got {node.expires_on}"))
    if isinstance(node, Flow) and targets.get("from") and targets.get("from") == targets.get("to"):
        found.append(("to", f"a flow must go to another system than it comes from "
                            f"(both are {targets['to'][0]!r})"))
    if isinstance(node, RetentionRule | Event):
        found += _retention(node)
    if isinstance(node, LegalHold):
        if not targets.get("covers") and not targets.get("in"):
            found.append(("covers", "a legal hold must say what it covers (`covers`: elements) or where "
                                    "(`in`: systems), or both"))
        if node.released_on and node.released_on < node.placed_on:
            found.append(("released_on", f"expected a date on or after placed_on ({node.placed_on}), "
                                         f"got {node.released_on}"))
    if isinstance(node, AccessRequest) and node.answered_on and node.answered_on < node.received_on:
        found.append(("answered_on", f"expected a date on or after received_on ({node.received_on}), "
                                     f"got {node.answered_on}"))
    if isinstance(node, Organization):
        for key in ("access_response_days", "family_notice_days", "state_notice_days"):
            if (days := getattr(node, key)) is not None and days < 1:
                found.append((key, f"expected a number of days, 1 or more, got {days}"))
    if isinstance(node, Consent) and node.withdrawn_on and node.collected_from \
            and node.withdrawn_on < node.collected_from:
        found.append(("withdrawn_on", f"expected a date on or after collected_from ({node.collected_from}), "
                                      f"got {node.withdrawn_on}"))
    if isinstance(node, Incident):
        found += _incident(node)
    found += _contacts(node)
    found += _links(node)
    return found


def _retention(node: RetentionRule | Event) -> Iterable[tuple[str, str]]:
    """A rule's minimum and maximum, and the topic that matches rules to events."""
    if isinstance(node, RetentionRule) and node.period is None and node.keep_at_least is None:
        yield ("period", "a retention rule needs `period` (destroy by), `keep_at_least` (not before), or both")
    kind = node.trigger if isinstance(node, RetentionRule) else node.kind
    if node.topic is not None:
        if not SLUG.match(node.topic):
            yield ("topic", f"expected a slug such as 'contract-termination', got {excerpt(node.topic)}")
        elif kind != Trigger.EVENT:
            yield ("topic", f"a topic matches rules and events of kind EVENT only; this one is {kind.value}")


def link_fields(cls: type[Node]) -> dict[str, tuple[str, ...]]:
    """The fields of a node type that hold a link (the model names them `url` or
    `..._url`), with the schemes each accepts."""
    return {f.name: CONTACT_SCHEMES if f.name.startswith("contact_") else WEB_SCHEMES
            for f in dataclasses.fields(cls) if f.name == "url" or f.name.endswith("_url")}


def is_link(value: str, schemes: Sequence[str]) -> bool:
    """An absolute URL with one of `schemes`, and nothing a browser would strip or
    reinterpret (spaces, control characters)."""
    if not value.isprintable() or " " in value:  # no spaces, controls, format characters
        return False
    try:
        parts = urlsplit(value)
    except ValueError:  # a malformed host, such as "http://[x"
        return False
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        return False
    return bool(EMAIL.match(parts.path)) if scheme == "mailto" else bool(parts.netloc)


def _links(node: Node) -> Iterable[tuple[str, str]]:
    for name, schemes in link_fields(type(node)).items():
        value = getattr(node, name)
        if value is None or is_link(value, schemes):
            continue
        kind = "an http(s) or mailto: URL" if "mailto" in schemes else "an http(s) URL"
        if name.startswith("contact_"):  # written in a file as contact: {url: ...}
            yield ("contact", f"expected contact.url to be {kind}, got {excerpt(value)}")
        else:
            yield (name, f"expected {kind}, got {excerpt(value)}")


def _incident(node: Incident) -> Iterable[tuple[str, str]]:
    for key in ("reported_on", "families_notified_on", "state_notified_on", "reviewed_on"):
        day = getattr(node, key)
        if day is not None and day < node.discovered_on:
            yield (key, f"expected a date on or after discovered_on ({node.discovered_on}), got {day}")
    if node.students_affected is not None and node.students_affected < 0:
        yield ("students_affected", f"expected zero or more, got {node.students_affected}")


def _agreement(node: Agreement) -> Iterable[tuple[str, str]]:
    if node.effective_on and node.expires_on and node.expires_on <= node.effective_on:
        yield ("expires_on", f"expected a date after effective_on ({node.effective_on}), "
                             f"got {node.expires_on}")
    if node.signed_on and node.expires_on and node.signed_on > node.expires_on:
        yield ("signed_on", f"an agreement cannot be signed ({node.signed_on}) after it "
                            f"expires ({node.expires_on})")
    if node.effective_on and node.terminated_on and node.terminated_on < node.effective_on:
        yield ("terminated_on", f"expected a date on or after effective_on ({node.effective_on}), "
                                f"got {node.terminated_on}")
    for key in ("destruction_days", "breach_notice_hours"):
        value = getattr(node, key)
        if value is not None and value < 0:
            yield (key, f"expected zero or more, got {value}")


def _contacts(node: Node) -> Iterable[tuple[str, str]]:
    if isinstance(node, Person) and node.email and not EMAIL.match(node.email):
        yield ("email", f"expected an email address, got {excerpt(node.email)}")
    if isinstance(node, Organization) and node.contact_email and not EMAIL.match(node.contact_email):
        yield ("contact", f"expected contact.email to be an email address, got {excerpt(node.contact_email)}")
