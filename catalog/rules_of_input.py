"""Validation rules a privacy officer expects of a single node, beyond its types.

Each returns (key, message) pairs; an empty list means the node is acceptable."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

from catalog.model import Agreement, Consent, Flow, Node, Organization, Person
from catalog.source import excerpt

EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
URL = re.compile(r"^https?://\S+$")


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
    found += _contacts(node)
    return found


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
    if node.public_url and not URL.match(node.public_url):
        yield ("public_url", f"expected an http(s) URL, got {excerpt(node.public_url)}")


def _contacts(node: Node) -> Iterable[tuple[str, str]]:
    if isinstance(node, Person) and node.email and not EMAIL.match(node.email):
        yield ("email", f"expected an email address, got {excerpt(node.email)}")
    if isinstance(node, Organization):
        if node.contact_email and not EMAIL.match(node.contact_email):
            yield ("contact", f"expected contact.email to be an email address, got {excerpt(node.contact_email)}")
        if node.contact_url and not URL.match(node.contact_url):
            yield ("contact", f"expected contact.url to be an http(s) URL, got {excerpt(node.contact_url)}")
