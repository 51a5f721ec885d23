"""No private value of the example district appears anywhere in the published output.

The private values are read straight from the seed files, not from the code under test:
staff names and emails (the designated contacts excepted), security controls and
hosting, incidents, internal notes, non-public elements and policies, and the labels the
public never sees (trainings, events, destructions)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from api.inventory.routes import make_routes

from .publish_support import AS_OF, publish, readable, seed_sections, seeded_store, squash

CONTROLS = ("ENCRYPTION_AT_REST", "ENCRYPTION_IN_TRANSIT", "MFA", "SSO", "AUDIT_LOG", "BACKUP")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    return publish(seeded_store(tmp_path_factory.mktemp("private")))


def _notes(sections: dict[str, list[dict[str, Any]]]) -> Iterator[str]:
    for items in sections.values():
        for item in items:
            if item.get("notes"):
                yield squash(str(item["notes"]))


def private_values() -> dict[str, set[str]]:
    """Every private value of the example district, by the reason it is private."""
    s = seed_sections()
    contacts = {str(v) for o in s["organizations"] for v in (o.get("contact") or {}).values()}
    found: dict[str, set[str]] = {
        "person": {str(p[k]) for p in s["people"] for k in ("id", "name", "email") if p.get(k)} - contacts,
        "hosting": {squash(str(x["hosting"])) for x in s["systems"] if x.get("hosting")},
        "incident": {str(i[k]) for i in s["incidents"] for k in ("id", "name")}
                    | {squash(str(i["description"])) for i in s["incidents"]},
        "notes": set(_notes(s)),
        "private element": {str(e[k]) for e in s["elements"] if not e.get("public") for k in ("id", "name")},
        "private policy": {str(p[k]) for p in s["policies"] if not p.get("public") for k in ("id", "name", "url")},
        "training": {str(t[k]) for t in s["trainings"] for k in ("id", "name")},
        "event": {str(e["name"]) for e in s["events"]},
        "destruction": {str(d[k]) for d in s["destructions"] for k in ("id", "name", "method", "certificate_url")},
    }
    return found


def test_the_list_of_private_values_is_complete_enough_to_mean_something() -> None:
    found = private_values()
    assert len(found["person"]) == 3 * 24 and "Dana Reyes" in found["person"]
    assert "Dr. Alan Whitfield" not in found["person"]  # a designated contact is public
    assert len(found["private element"]) == 2 * 9 and len(found["private policy"]) == 3
    assert len(found["incident"]) == 6 and len(found["notes"]) >= 10


def appears(value: str, *texts: str) -> bool:
    """`value` as a whole (an id `staff-fte` is not in `staff-fte-by-school`)."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(value)}(?![\w-])")
    return any(value in t and pattern.search(t) for t in texts)


def test_no_private_value_appears_in_any_published_file(site: dict[str, bytes]) -> None:
    leaks, private = [], private_values()
    for path, content in site.items():
        raw, text = content.decode("utf-8"), readable(content)
        for reason, values in private.items():
            leaks += [(path, reason, v) for v in values if appears(v, raw, text)]
        leaks += [(path, "control", c) for c in CONTROLS if re.search(rf"\b{c}\b", raw)]
        if '"controls"' in raw:
            leaks.append((path, "control", "controls"))
    assert not leaks, leaks[:20]


def test_nothing_private_is_served_live_either(site: dict[str, bytes], tmp_path: Path) -> None:
    store = seeded_store(tmp_path / "live")
    app, private = Starlette(routes=make_routes(store, lambda: AS_OF)), private_values()
    with TestClient(app) as client:
        for url in ("/inventory", "/inventory.csv", "/inventory.json", "/data.json", "/inventory/shared-with.html"):
            body = client.get(url).text
            assert not [v for values in private.values() for v in values if appears(v, body)], url


def test_a_designated_contact_is_published(site: dict[str, bytes]) -> None:
    researcher = readable(site["inventory/org-prairie-state-cepr.html"])
    assert "Dr. Alan Whitfield, awhitfield@prairiestate.example" in researcher
    assert "privacy@example.org" in readable(site["inventory.html"])
