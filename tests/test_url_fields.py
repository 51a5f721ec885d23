"""Every link of the model takes http(s) only (a contact also mailto:), in a loaded file
and in a mutation alike: a `javascript:` link would run in the published pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from api.auth import Role
from catalog.model import NODE_TYPES
from catalog.rules_of_input import link_fields
from catalog.source import CatalogError
from catalog.vocab import Label
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths

from .api_support import make_api

BASE = """\
organizations:
  - {id: acme, name: Acme, kind: SERVICE_PROVIDER}
elements:
  - {id: birth-date, name: Birth date, category: demographic, sensitivity: PII, subject: STUDENT}
systems:
  - {id: sis, name: SIS, kind: SIS}
"""

# One node per link field of the model: (file section, label, mapping without the link,
# the key the link is written under in a file).
CASES = [
    ("organizations", Label.ORGANIZATION, {"id": "district", "name": "D", "kind": "DISTRICT"}, "url"),
    ("organizations", Label.ORGANIZATION, {"id": "district", "name": "D", "kind": "DISTRICT"}, "contact"),
    ("agreements", Label.AGREEMENT, {"id": "dpa", "kind": "DPA", "with": "acme"}, "public_url"),
    ("consents", Label.CONSENT, {"id": "photos", "name": "Photos", "given_by": "PARENT"}, "form_url"),
    ("mandates", Label.MANDATE, {"id": "reporting", "name": "Reporting", "citation": "Ed. Code 1"}, "url"),
    ("destructions", Label.DESTRUCTION, {"id": "purge", "performed_on": "2024-08-01", "of": ["birth-date"],
                                         "in": "sis"}, "certificate_url"),
    ("policies", Label.POLICY, {"id": "privacy", "name": "Privacy", "kind": "PRIVACY", "public": True}, "url"),
]
BAD = [
    "javascript:alert(document.cookie)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
    "//evil.example/page",
    "https://example.org/\u202eevil",
    "https:///no-host",
]


def with_link(mapping: dict[str, object], key: str, value: str) -> dict[str, object]:
    return {**mapping, key: {"name": "Privacy Office", "url": value} if key == "contact" else value}


def expected(key: str) -> str:
    if key == "contact":
        return "expected contact.url to be an http(s) or mailto: URL, got "
    return "expected an http(s) URL, got "


def test_the_rule_covers_every_link_of_the_model() -> None:
    found = {(label, name) for label, cls in NODE_TYPES.items() for name in link_fields(cls)}
    assert found == {(Label.ORGANIZATION, "url"), (Label.ORGANIZATION, "contact_url"),
                     (Label.AGREEMENT, "public_url"), (Label.CONSENT, "form_url"), (Label.MANDATE, "url"),
                     (Label.DESTRUCTION, "certificate_url"), (Label.POLICY, "url")}
    # ... and the tests below try each one.
    assert {(label, "contact_url" if key == "contact" else key) for _, label, _, key in CASES} == found


@pytest.mark.parametrize("value", BAD)
@pytest.mark.parametrize(("section", "label", "mapping", "key"), CASES, ids=[f"{c[0]}.{c[3]}" for c in CASES])
def test_a_file_with_a_bad_link_is_refused_where_it_is(tmp_path: Path, section: str, label: Label,
                                                        mapping: dict[str, object], key: str, value: str) -> None:
    store = EmbeddedStore(tmp_path / "store")
    (tmp_path / "a-base.yaml").write_text(BASE)
    # JSON is YAML: the value arrives exactly as written, tab and all.
    (tmp_path / "b-bad.yaml").write_text(f"{section}:\n  - {json.dumps(with_link(mapping, key, value))}\n")
    with pytest.raises(CatalogError) as caught:
        load_paths(store, [tmp_path])
    problems = [p.as_dict() for p in caught.value.problems]
    assert problems == [{"file": str(tmp_path / "b-bad.yaml"), "line": 2, "key": f"{section}[0].{key}",
                         "message": expected(key) + repr(value)}]
    assert store.count_nodes() == {}  # nothing was written
    store.close()


def test_a_long_bad_link_is_quoted_by_its_start_only(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    value = "javascript:" + "alert(1);" * 10_000
    policy = {"id": "p", "name": "P", "kind": "PRIVACY", "url": value}
    (tmp_path / "bad.yaml").write_text(f"policies:\n  - {json.dumps(policy)}\n")
    with pytest.raises(CatalogError) as caught:
        load_paths(store, [tmp_path])
    message = caught.value.problems[0].message
    assert message.startswith("expected an http(s) URL, got 'javascript:alert(1);alert(1);")
    assert len(message) < 120 and f"({len(value):,} characters)" in message
    store.close()


@pytest.mark.parametrize("value", ["https://example.org/privacy", "HTTP://EXAMPLE.ORG/A?b=c#d",
                                   "https://exämple.org/ünïcode"])
def test_http_links_are_accepted(tmp_path: Path, value: str) -> None:
    store = EmbeddedStore(tmp_path / "store")
    (tmp_path / "a-base.yaml").write_text(BASE)
    (tmp_path / "b.yaml").write_text("\n".join(
        f"{section}:\n  - {json.dumps(with_link(mapping, key, value))}" for section, _, mapping, key in CASES
        if key != "contact") + "\n")
    load_paths(store, [tmp_path])
    policy = store.get_node("privacy")
    assert policy is not None and policy.get("url") == value
    store.close()


def test_a_contact_may_be_an_email_link_but_no_other_link_may(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    (tmp_path / "ok.yaml").write_text(
        "organizations:\n  - {id: district, name: D, kind: DISTRICT,"
        " contact: {name: Office, url: 'mailto:privacy@example.org'}}\n")
    load_paths(store, [tmp_path / "ok.yaml"])
    district = store.get_node("district")
    assert district is not None and district.get("contact_url") == "mailto:privacy@example.org"
    (tmp_path / "bad.yaml").write_text("policies:\n  - {id: p, name: P, kind: PRIVACY, url: 'mailto:a@b.org'}\n")
    with pytest.raises(CatalogError, match=r"policies\[0\]\.url: expected an http\(s\) URL, got 'mailto:a@b.org'"):
        load_paths(store, [tmp_path / "bad.yaml"])
    store.close()


CREATE = "mutation($label: String!, $fields: JSON!) { createNode(label: $label, fields: $fields) { id } }"
UPDATE = "mutation($id: ID!, $fields: JSON!) { updateNode(id: $id, fields: $fields) { id } }"


@pytest.mark.parametrize(("section", "label", "mapping", "key"), CASES, ids=[f"{c[0]}.{c[3]}" for c in CASES])
def test_a_mutation_with_a_bad_link_is_refused(tmp_path: Path, section: str, label: Label,
                                               mapping: dict[str, object], key: str) -> None:
    api = make_api(EmbeddedStore(tmp_path / "store"))
    fields = with_link({**mapping, "id": f"new-{mapping['id']}"}, key, "javascript:alert(1)")
    created = api.error(CREATE, Role.STEWARD, label=label.value, fields=fields)
    assert created["extensions"]["code"] == "VALIDATION" and created["extensions"]["field"] == key
    assert expected(key) + "'javascript:alert(1)'" in created["message"]
    assert api.store.get_node(str(fields["id"])) is None
    # An existing node of the same label cannot be given one either.
    existing = {Label.ORGANIZATION: "district", Label.AGREEMENT: "dpa-acme", Label.CONSENT: "yearbook-release",
                Label.MANDATE: "state-reporting", Label.DESTRUCTION: "acme-2024-purge",
                Label.POLICY: "privacy-policy"}[label]
    before = api.store.get_node(existing)
    updated = api.error(UPDATE, Role.STEWARD, id=existing, fields=with_link({}, key, "javascript:alert(1)"))
    assert updated["extensions"]["code"] == "VALIDATION" and updated["extensions"]["field"] == key
    assert api.store.get_node(existing) == before
    api.store.close()
