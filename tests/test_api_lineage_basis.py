"""What the web UI's lineage draws, judged by the API with the catalog's predicates: each
flow's legal basis on a day, whether it leaves the district, and the organisations
reached; and `me`, who the caller is. On both backends."""

from __future__ import annotations

from pathlib import Path

import pytest

from api.auth import Role
from graph.store import Store

from .api_support import Api, make_api
from .conftest import DATA

# Beside the design example: a flow inside the district with no basis, one inside under a
# consent that is later withdrawn.
EXTRA = """
systems:
  - {id: gradebook, name: Gradebook, kind: APPLICATION, operated_by: district,
     holds: [{element: student-birth-date}]}
consents:
  - {id: photo-release, name: Photo release, given_by: PARENT, covers: [student-birth-date],
     collected_from: 2025-09-01, withdrawn_on: 2026-03-01}
flows:
  - {id: sis-to-gradebook, from: sis, to: gradebook, carries: [student-birth-date]}
  - {id: sis-to-gradebook-photos, from: sis, to: gradebook, carries: [student-birth-date], under: [photo-release]}
"""

LINEAGE = """query($asOf: Date!) { lineage(id: "student-birth-date", direction: DOWN) {
  flows { nodes { flow leavesDistrict basisInForce(asOf: $asOf) } }
  operators { id name insideDistrict }
  bases { id label name inForce(asOf: $asOf) } } }"""


@pytest.fixture
def api(store: Store, tmp_path: Path) -> Api:
    extra = tmp_path / "extra.yaml"
    extra.write_text(EXTRA)
    return make_api(store, paths=[DATA / "design-example.yaml", extra])


def test_each_flow_says_whether_it_leaves_the_district_and_has_a_basis_on_the_day(api: Api) -> None:
    def verdicts(as_of: str) -> dict[str, tuple[bool, bool]]:
        found = api.data(LINEAGE, asOf=as_of)["lineage"]["flows"]["nodes"]
        return {h["flow"]: (h["leavesDistrict"], h["basisInForce"]) for h in found}

    # dpa-acme is in force until 2026-06-30; the photo release until its withdrawal on 2026-03-01.
    assert verdicts("2026-01-15") == {"sis-to-acme": (True, True), "sis-to-state": (True, True),
                                      "sis-to-gradebook": (False, True), "sis-to-gradebook-photos": (False, True)}
    assert verdicts("2026-09-01") == {"sis-to-acme": (True, False), "sis-to-state": (True, True),
                                      "sis-to-gradebook": (False, True), "sis-to-gradebook-photos": (False, False)}


def test_lineage_names_its_operators_and_bases_with_each_basis_in_force_on_the_day(api: Api) -> None:
    early = api.data(LINEAGE, asOf="2026-01-15")["lineage"]
    assert early["operators"] == [
        {"id": "acme-learning", "name": "Acme Learning Inc.", "insideDistrict": False},
        {"id": "district", "name": "Riverside Unified School District", "insideDistrict": True},
        {"id": "state-ed", "name": "State Department of Education", "insideDistrict": False}]
    assert early["bases"] == [
        {"id": "dpa-acme", "label": "Agreement", "name": "dpa-acme", "inForce": True},
        {"id": "photo-release", "label": "Consent", "name": "Photo release", "inForce": True},
        {"id": "state-reporting", "label": "Mandate", "name": "State enrollment reporting", "inForce": True}]
    late = api.data(LINEAGE, asOf="2026-09-01")["lineage"]["bases"]
    assert {b["id"]: b["inForce"] for b in late} == {"dpa-acme": False, "photo-release": False,
                                                     "state-reporting": True}
    assert api.error(LINEAGE.replace("$asOf: Date!", "$asOf: Date"), asOf=None)["extensions"]["code"] \
        == "VALIDATION"  # the day is required: nothing judges a basis as of today unasked


def test_me_is_the_callers_role_and_token_name_and_public_without_a_token(api: Api) -> None:
    assert api.data("{ me { role tokenName } }", Role.PUBLIC) == {"me": {"role": "PUBLIC", "tokenName": None}}
    for role in (Role.VIEWER, Role.STEWARD, Role.ADMIN):
        body = api.run("{ me { role tokenName } }", role)
        assert body["data"]["me"] == {"role": role.name, "tokenName": f"{role.name.lower()}-token"}
        assert api.tokens[role] not in str(body)  # never the secret
