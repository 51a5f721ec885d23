"""The published inventory of the example district: the same facts in the HTML, the CSV
and the JSON; a data.json valid under DCAT-US 1.1; byte-identical rebuilds; the live
routes; the `publish` verb."""

from __future__ import annotations

import csv
import io
import json
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from click.testing import CliRunner
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from starlette.applications import Starlette
from starlette.testclient import TestClient

from api.cli import cli, publish_cmd  # noqa: F401  (publish_cmd registers the verb)
from api.inventory import build_site, write_site
from api.inventory.model import InventoryError
from api.inventory.routes import make_routes
from graph.embedded.store import EmbeddedStore
from graph.loading import load_paths

from .conftest import DATA, ROOT, SEEDS
from .publish_support import AS_OF, BASE_URL, links, publish, readable, row_texts, seed_sections, seeded_store

POD_SCHEMA = "ckanext/datajson/pod_schema/non-federal-v1.1"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    return seeded_store(tmp_path_factory.mktemp("published"))


@pytest.fixture(scope="module")
def site(store: EmbeddedStore) -> dict[str, bytes]:
    return publish(store)


def csv_rows(site: dict[str, bytes]) -> dict[str, dict[str, str]]:
    reader = csv.DictReader(io.StringIO(site["inventory.csv"].decode("utf-8"), newline=""))
    return {row["id"]: row for row in reader}


def json_rows(site: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in json.loads(site["inventory.json"])["elements"]}


# --- DCAT-US 1.1 -----------------------------------------------------------------------------


def pod_validator() -> jsonschema.Draft4Validator:
    """The official non-federal DCAT-US 1.1 schema, as the ckanext-datajson wheel ships it."""
    try:
        folder = Path(str(distribution("ckanext-datajson").locate_file(POD_SCHEMA)))
    except PackageNotFoundError:
        pytest.fail("ckanext-datajson is not installed: `make` installs it (pip install --no-deps)")
    resources = [Resource.from_contents(json.loads(p.read_text(encoding="utf-8")), default_specification=DRAFT4)
                 for p in sorted(folder.glob("*.json"))]
    registry: Registry[Any] = Registry().with_resources(
        (str(r.id()).rstrip("#"), r) for r in resources)
    catalog = json.loads((folder / "catalog.json").read_text(encoding="utf-8"))
    return jsonschema.Draft4Validator(catalog, registry=registry)


@pytest.mark.parametrize("base_url", [BASE_URL, "https://example.org/privacy/inventory", None])
def test_data_json_is_a_valid_dcat_us_catalog(store: EmbeddedStore, base_url: str | None) -> None:
    data = json.loads(build_site(store, AS_OF, base_url)["data.json"])
    errors = sorted(pod_validator().iter_errors(data), key=str)
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)
    dataset = data["dataset"][0]
    assert data["@type"] == "dcat:Catalog" and data["conformsTo"] == "https://project-open-data.cio.gov/v1.1/schema"
    assert dataset["accessLevel"] == "public" and dataset["modified"] == "2026-08-15T09:30:00Z"
    assert dataset["contactPoint"] == {"@type": "vcard:Contact", "fn": "Office of Student Data Privacy",
                                       "hasEmail": "mailto:privacy@example.org"}
    downloads = {d["downloadURL"]: d["mediaType"] for d in dataset["distribution"]}
    prefix = (base_url.rstrip("/") + "/") if base_url else ""
    assert downloads == {f"{prefix}inventory.csv": "text/csv", f"{prefix}inventory.json": "application/json",
                         f"{prefix}inventory.html": "text/html"}


def test_the_schema_really_checks_the_datasets() -> None:
    bad = {"conformsTo": "https://project-open-data.cio.gov/v1.1/schema",
           "dataset": [{"title": "t", "description": "d", "identifier": "i", "accessLevel": "public",
                        "publisher": {"name": "p"}, "contactPoint": {"hasEmail": "mailto:nobody"}}]}
    messages = [e.message for e in pod_validator().iter_errors(bad)]
    assert any("'fn' is a required property" in m for m in messages)


# --- the same facts everywhere -----------------------------------------------------------------


def test_every_public_element_is_published_and_only_those(site: dict[str, bytes]) -> None:
    elements = seed_sections()["elements"]
    public = {e["id"] for e in elements if e.get("public") is True}
    assert len(public) == 120 and len(elements) == 129
    html_rows = {i.removeprefix("el-") for i in row_texts(site["inventory.html"]).rows if i.startswith("el-")}
    assert set(csv_rows(site)) == set(json_rows(site)) == html_rows == public


def test_the_csv_has_the_documented_columns(site: dict[str, bytes]) -> None:
    from api.inventory.files import CSV_COLUMNS

    header = site["inventory.csv"].decode("utf-8").split("\r\n", 1)[0]
    assert header.split(",") == [name for name, _ in CSV_COLUMNS]
    about = readable(site["inventory/about.html"])
    assert all(f"{name} {text}" in about for name, text in CSV_COLUMNS)
    documented = (ROOT / "docs" / "publishing.md").read_text(encoding="utf-8")
    assert all(f"| `{name}` |" in documented for name, _ in CSV_COLUMNS)


def test_html_csv_and_json_state_the_same_facts(site: dict[str, bytes]) -> None:
    rows, objects, html = csv_rows(site), json_rows(site), row_texts(site["inventory.html"])
    split = lambda cell: [v for v in cell.split(" | ") if v]  # noqa: E731
    for element_id, row in rows.items():
        obj, text = objects[element_id], html.text(f"el-{element_id}")
        assert obj["purposes"] == split(row["purposes"]) and obj["systems"] == split(row["systems"])
        assert [r["name"] for r in obj["shared_with"]] == split(row["shared_with"])
        assert [b["text"] for b in obj["bases"]] == split(row["bases"])
        for key in ("name", "definition", "category", "subject", "sensitivity", "standard_ref", "retention",
                    "contact", "updated_at"):
            assert obj[key] == row[key], (element_id, key)
        facts = [row["name"], row["definition"], row["retention"], row["standard_ref"],
                 *obj["purposes"], *obj["systems"], *(b["text"] for b in obj["bases"]),
                 *(r["name"] for r in obj["shared_with"])]
        missing = [f for f in facts if f not in text]
        assert not missing, (element_id, missing)


def test_facts_of_a_few_elements_in_plain_words(site: dict[str, bytes]) -> None:
    rows = csv_rows(site)
    assert rows["student-race"]["retention"] == (
        "Destroyed 5 years after the student withdraws (Illinois School Student Records Act, "
        "105 ILCS 10/4(f); 23 Ill. Adm. Code 375.40)")
    assert rows["student-login-id"]["retention"].startswith("No retention rule is recorded yet")
    assert rows["student-first-name"]["contact"] == (
        "Office of Student Data Privacy, privacy@example.org, https://example.org/privacy")
    # Copies whose destruction is recorded are no longer where the data is kept; a retired
    # system still holding data says so.
    grades = rows["student-section-grade"]["systems"]
    assert "Chalkboard" not in grades and "Legacy gradebook" not in grades
    assert "(retired on 2024-06-28)" in rows["student-assignment-submissions"]["systems"]
    # Shared under an expired agreement while the flow still runs: published as it is.
    assert "Pathfinder College & Career NDPA (expired on 2026-06-30)" in rows["student-gpa"]["bases"]
    assert "Consent: " in rows["parent-email"]["bases"]
    assert "Law: " in rows["student-state-id"]["bases"]


def test_provider_pages_say_what_each_receives_and_on_what_terms(site: dict[str, bytes]) -> None:
    pathfinder = readable(site["inventory/org-pathfinder-ccr.html"])
    assert "expired on 2026-06-30" in pathfinder and "within 90 days after the agreement ends" in pathfinder
    assert "Cohort graduation year" in pathfinder and "College and career planning" in pathfinder
    chalkboard = readable(site["inventory/org-chalkboard-classroom.html"])
    assert "receives no data from the district as of 2026-09-01" in chalkboard
    lakeside = readable(site["inventory/org-lakeside-portraits.html"])
    assert "no data-sharing agreement" in lakeside and "Consent: " in lakeside
    listed = readable(site["inventory/shared-with.html"])
    providers = [o["name"] for o in seed_sections()["organizations"] if o["kind"] == "SERVICE_PROVIDER"]
    assert len(providers) == 17 and all(name in listed for name in providers)


def test_family_pages_list_what_is_held_about_each_subject(site: dict[str, bytes]) -> None:
    objects = json_rows(site)
    for subject, page in (("STUDENT", "inventory/student.html"), ("PARENT", "inventory/parent.html")):
        text = readable(site[page])
        mine = [e for e in objects.values() if e["subject"] == subject]
        assert mine and all(e["name"] in text and e["retention"] in text for e in mine)
        assert "How families see and correct student records" in text
    assert "Staff salary" not in readable(site["inventory/student.html"])


def test_policies_page_lists_the_public_policies(site: dict[str, bytes]) -> None:
    text = readable(site["inventory/policies.html"])
    public = [p for p in seed_sections()["policies"] if p["public"]]
    raw = site["inventory/policies.html"].decode("utf-8")
    assert len(public) == 7 and all(p["name"] in text and f'href="{p["url"]}"' in raw for p in public)


def test_every_relative_link_resolves_inside_the_site(site: dict[str, bytes]) -> None:
    ids = {path: links(content).ids for path, content in site.items() if path.endswith(".html")}
    for path, content in site.items():
        if not path.endswith(".html"):
            continue
        for href in links(content).hrefs:
            if href.startswith(("http://", "https://", "mailto:")):
                continue
            target, _, anchor = href.partition("#")
            resolved = (Path("/") / path).parent.joinpath(target).resolve().as_posix().lstrip("/") if target else path
            assert resolved in site, (path, href)
            assert not anchor or anchor in ids[resolved], (path, href)


# --- reproducible, written, served -----------------------------------------------------------


def test_two_builds_are_byte_identical(store: EmbeddedStore, site: dict[str, bytes], tmp_path: Path) -> None:
    assert publish(store) == site
    assert publish(seeded_store(tmp_path / "again")) == site  # another store, the same catalog
    assert build_site(store, AS_OF.replace(day=2), BASE_URL) != site  # as_of is an input


def test_write_site_writes_every_file_and_removes_stale_pages(site: dict[str, bytes], tmp_path: Path) -> None:
    out = tmp_path / "site"
    (out / "inventory").mkdir(parents=True)
    (out / "inventory" / "org-gone.html").write_text("old")
    (out / "CNAME").write_text("privacy.example.org")  # not ours: kept
    assert write_site(site, out) == ["inventory/org-gone.html"]
    written = {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert written == {**site, "CNAME": b"privacy.example.org"}


def test_the_live_routes_serve_the_same_bytes(store: EmbeddedStore, site: dict[str, bytes]) -> None:
    app = Starlette(routes=make_routes(store, lambda: AS_OF, BASE_URL))
    with TestClient(app) as client:
        for url, path in (("/inventory", "inventory.html"), ("/inventory.html", "inventory.html"),
                          ("/inventory.csv", "inventory.csv"), ("/inventory.json", "inventory.json"),
                          ("/data.json", "data.json"), ("/inventory/student.html", "inventory/student.html"),
                          ("/inventory/org-keystone-student-systems.html",
                           "inventory/org-keystone-student-systems.html")):
            response = client.get(url)
            assert response.status_code == 200 and response.content == site[path], url
        assert client.get("/inventory.csv").headers["content-type"] == "text/csv; charset=utf-8"
        assert client.get("/inventory/nothing.html").status_code == 404
        moved = client.get("/inventory/", follow_redirects=False)
        assert moved.status_code == 308 and moved.headers["location"] == "http://testserver/inventory"


def test_the_publish_verb_writes_the_site(tmp_path: Path) -> None:
    runner, store = CliRunner(), tmp_path / "store"
    assert runner.invoke(cli, ["--store", str(store), "load", "-q", str(SEEDS)]).exit_code == 0
    result = runner.invoke(cli, ["--store", str(store), "publish", str(tmp_path / "out"), "--as-of", "2026-09-01",
                                 "--base-url", "https://example.org/privacy", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    opened = EmbeddedStore(store)
    try:
        expected = build_site(opened, AS_OF, "https://example.org/privacy/")
    finally:
        opened.close()
    assert [f["path"] for f in report["files"]] == list(expected)
    assert all((tmp_path / "out" / p).read_bytes() == c for p, c in expected.items())
    bad = runner.invoke(cli, ["--store", str(store), "publish", str(tmp_path / "x"), "--base-url", "ftp://x"])
    assert bad.exit_code == 2 and "absolute http(s) URL" in bad.stderr


def test_rebuilt_from_the_files_with_the_same_source_date_the_site_is_the_same(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    # A catalog repository's CI loads its files into a fresh store each time; stamped
    # with the commit's time, every rebuild publishes the same bytes.
    runner, sites = CliRunner(), []
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1788220800")  # 2026-09-01T00:00:00Z
    for name in ("first", "second"):
        store = tmp_path / name
        assert runner.invoke(cli, ["--store", str(store), "load", "-q", str(SEEDS)]).exit_code == 0
        assert runner.invoke(cli, ["--store", str(store), "publish", str(tmp_path / f"{name}-site"),
                                   "--as-of", "2026-09-01"]).exit_code == 0
        sites.append({p.relative_to(tmp_path / f"{name}-site").as_posix(): p.read_bytes()
                      for p in (tmp_path / f"{name}-site").rglob("*") if p.is_file()})
    assert sites[0] == sites[1]
    assert json.loads(sites[0]["data.json"])["dataset"][0]["modified"] == "2026-09-01T00:00:00Z"
    at = runner.invoke(cli, ["--store", str(tmp_path / "third"), "load", "-q", "--at", "2026-10-01T08:30:00+02:00",
                             str(DATA / "design-example.yaml")])
    assert at.exit_code == 0, at.output
    shown = runner.invoke(cli, ["--store", str(tmp_path / "third"), "show", "sis", "--json"])
    assert json.loads(shown.stdout)["props"]["updated_at"] == "2026-10-01T06:30:00Z"
    bad = runner.invoke(cli, ["--store", str(tmp_path / "third"), "load", "--at", "soon", str(SEEDS)])
    assert bad.exit_code == 2 and "--at 'soon' is not a time" in bad.stderr


def test_a_small_catalog_publishes_and_an_empty_one_says_why(tmp_path: Path) -> None:
    store = EmbeddedStore(tmp_path / "store")
    with pytest.raises(InventoryError, match="no organization to publish for"):
        build_site(store, AS_OF)
    load_paths(store, [DATA / "design-example.yaml"], now="2026-01-01T00:00:00Z")
    site = build_site(store, AS_OF)
    store.close()
    row = csv_rows(site)["student-birth-date"]
    assert row["systems"] == "State longitudinal data system | Student Information System"  # Acme's copy destroyed
    assert row["bases"] == ("Agreement: dpa-acme (expired on 2026-06-30) | "
                            "Law: State enrollment reporting (Ed. Code 49060)")
    assert "lists no information about a parent" in readable(site["inventory/parent.html"])
