"""A synthetic catalog shaped like a state: a state agency with its systems and research
partners, and N districts, each with its schools, systems, people, providers, flows,
agreements, retention schedule, exit cohorts, purges and holds. Deterministic: the same
N and seed give the same documents, byte for byte once written.

The shape is what makes lineage both deep and wide: every district reports to the
state's SIS, which feeds the state warehouse, which feeds research enclaves, whose
extracts are aggregated into public reports. Pure: this builds the documents of the
catalog file format (docs/catalog-format.md); writing them is the caller's business."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

Doc = dict[str, list[dict[str, Any]]]

CATEGORIES = ("demographic", "identity", "contact", "enrollment", "attendance", "assessment", "grades",
              "discipline", "health", "special_education", "program")
SENSITIVITY = ("DIRECTORY", "PII", "SENSITIVE")
SENSITIVITY_WEIGHTS = (2, 6, 3)
PROVIDERS = 10
RESEARCHERS = 3
COHORTS = ((2020, "2020-06-12"), (2021, "2021-06-11"), (2022, "2022-06-10"), (2023, "2023-06-09"),
           (2024, "2024-06-07"), (2025, "2025-06-13"), (2026, "2026-06-12"))
# District systems: (suffix, kind, share of the district's elements it holds)
SYSTEMS = (("sis", "SIS", 0.7), ("lms", "LMS", 0.25), ("assessment", "ASSESSMENT", 0.2),
           ("iep", "APPLICATION", 0.15), ("health", "APPLICATION", 0.12), ("warehouse", "WAREHOUSE", 0.45),
           ("library", "APPLICATION", 0.06), ("files", "FILE_STORE", 0.1), ("transport", "APPLICATION", 0.08))
CONTROLS = ["ENCRYPTION_AT_REST", "ENCRYPTION_IN_TRANSIT", "MFA", "AUDIT_LOG"]


@dataclass(frozen=True)
class Shape:
    """The sizes of one generated state (the defaults give a realistic district)."""

    districts: int
    vocabulary: int = 400  # data elements shared by every district
    held: int = 150  # elements each district holds
    people: int = 400  # staff per district
    roles: int = 20
    provider_apps: int = 6  # of the PROVIDERS, how many each district uses
    purposes: int = 40


def generate(shape: Shape, seed: int) -> dict[str, Doc]:
    """The catalog as documents by file name: `state.yaml` then one file per district."""
    rng = random.Random(seed)
    state = _State(shape, rng)
    files = {"state.yaml": state.document()}
    for number in range(1, shape.districts + 1):
        files[f"districts/d{number:04d}.yaml"] = _District(shape, rng, state, number).document()
    return files


class _State:
    """What every district shares: the vocabulary, purposes, rules, providers and the
    state's own systems, flows and research partners."""

    def __init__(self, shape: Shape, rng: random.Random) -> None:
        self.shape, self.rng = shape, rng
        self.elements = [self._element(i) for i in range(shape.vocabulary)]
        self.student = [e["id"] for e in self.elements if e["subject"] == "STUDENT"]
        self.staff = [e["id"] for e in self.elements if e["subject"] == "STAFF"]
        self.purposes = [self._purpose(i) for i in range(shape.purposes)]
        self.providers = [f"vendor-{i:02d}" for i in range(1, PROVIDERS + 1)]
        self.reported = sorted(rng.sample(self.student, min(60, len(self.student))))

    def _element(self, i: int) -> dict[str, Any]:
        category = CATEGORIES[i % len(CATEGORIES)]
        subject = "STAFF" if i % 10 == 9 else ("PARENT" if i % 10 == 8 else "STUDENT")
        element: dict[str, Any] = {
            "id": f"e{i:03d}-{category.replace('_', '-')}", "name": f"{category.replace('_', ' ').title()} item {i}",
            "category": category, "sensitivity": self.rng.choices(SENSITIVITY, SENSITIVITY_WEIGHTS)[0],
            "subject": subject,
            "public": subject != "STAFF", "retained_under": "staff-record" if subject == "STAFF" else
            ("permanent-record" if i % 7 == 0 else "temporary-record")}
        if i % 3 == 0:
            element["standard_ref"] = f"CEDS:{i + 1:06d}"
        return element

    def _purpose(self, i: int) -> dict[str, Any]:
        category = ("INSTRUCTION", "ASSESSMENT", "OPERATIONS", "SAFETY", "REPORTING")[i % 5]
        return {"id": f"purpose-{i:02d}", "name": f"{category.title()} purpose {i}", "category": category,
                "educational": True, "requires": sorted(self.rng.sample(self.student, 8))}

    def document(self) -> Doc:
        enclaves = [f"enclave-{k}" for k in range(1, RESEARCHERS + 1)]
        extracts = [{"id": f"extract-{k}", "name": f"Research extract {k}", "category": "derived",
                     "sensitivity": "DEIDENTIFIED", "subject": "STUDENT", "retained_under": "research-data",
                     "derived_from": [{"element": e, "transform": "de-identify"} for e in self.reported[k::7][:5]]}
                    for k in range(1, RESEARCHERS + 1)]
        aggregates = [{"id": "state-aggregate-report", "name": "State aggregate report", "category": "derived",
                       "sensitivity": "AGGREGATE", "subject": "STUDENT", "retained_under": "research-data",
                       "public": True, "derived_from": [{"element": x["id"], "transform": "aggregate"}
                                                        for x in extracts]}]
        return {
            "organizations": [
                {"id": "state-ed", "name": "State Department of Education", "kind": "STATE_AGENCY"},
                *({"id": p, "name": f"Vendor {p[-2:]} Inc.", "kind": "SERVICE_PROVIDER"} for p in self.providers),
                *({"id": f"university-{k}", "name": f"University {k}", "kind": "RESEARCHER"}
                  for k in range(1, RESEARCHERS + 1))],
            "trainings": [{"id": "ferpa-basics", "name": "FERPA basics", "valid_for": "P1Y"},
                          {"id": "security-awareness", "name": "Security awareness", "valid_for": "P1Y"}],
            "purposes": [
                *self.purposes,
                {"id": "state-reporting-purpose", "name": "State reporting", "category": "REPORTING",
                 "educational": True},
                {"id": "research", "name": "Research on outcomes", "category": "RESEARCH", "educational": True}],
            "retention_rules": [
                {"id": "temporary-record", "name": "Temporary record", "period": "P5Y", "trigger": "WITHDRAWAL",
                 "action": "DESTROY"},
                {"id": "permanent-record", "name": "Permanent record", "keep_at_least": "P60Y",
                 "trigger": "GRADUATION", "action": "DESTROY"},
                {"id": "staff-record", "name": "Staff record", "period": "P60Y", "trigger": "EVENT",
                 "topic": "staff-separation", "action": "DESTROY"},
                {"id": "research-data", "name": "Research data", "period": "P5Y", "trigger": "SCHOOL_YEAR_END",
                 "action": "REVIEW"},
                {"id": "state-schedule", "name": "State schedule", "period": "P75Y", "trigger": "WITHDRAWAL",
                 "action": "DESTROY"}],
            "elements": self.elements + extracts + aggregates,
            "mandates": [{"id": "state-reporting", "name": "State student reporting", "citation": "State Code 1-101"},
                         {"id": "educator-reporting", "name": "Educator reporting", "citation": "State Code 1-202"}],
            "systems": [
                {"id": "state-sis", "name": "State student information system", "kind": "WAREHOUSE",
                 "operated_by": "state-ed", "controls": CONTROLS,
                 "holds": [{"element": e, "since": "2015-07-01", "retention_rule": "state-schedule"}
                           for e in self.reported]},
                {"id": "state-eis", "name": "State educator information system", "kind": "WAREHOUSE",
                 "operated_by": "state-ed", "controls": CONTROLS,
                 "holds": [{"element": e, "since": "2015-07-01"} for e in self.staff[:10]]},
                {"id": "state-warehouse", "name": "State longitudinal warehouse", "kind": "WAREHOUSE",
                 "operated_by": "state-ed", "controls": CONTROLS,
                 "holds": [{"element": e, "since": "2015-07-01", "retention_rule": "state-schedule"}
                           for e in self.reported]},
                *({"id": enclave, "name": f"Research enclave {k}", "kind": "WAREHOUSE",
                   "operated_by": f"university-{k}", "controls": CONTROLS,
                   "holds": [{"element": f"extract-{k}", "since": "2024-01-01"}]}
                  for k, enclave in enumerate(enclaves, start=1)),
                {"id": "state-reports", "name": "State public reports", "kind": "REPORTING",
                 "operated_by": "state-ed", "holds": [{"element": "state-aggregate-report", "since": "2024-01-01"}]}],
            "agreements": [
                {"id": f"research-agreement-{k}", "kind": "RESEARCH", "with": f"university-{k}",
                 "covers": [f"extract-{k}", *self.reported[k::7][:5]], "permits": ["research"],
                 "effective_on": "2024-01-01", "expires_on": "2028-12-31", "destruction_days": 30,
                 "breach_notice_hours": 24, "public_url": f"https://state.example/agreements/research-{k}.pdf"}
                for k in range(1, RESEARCHERS + 1)],
            "flows": [
                {"id": "state-sis-to-warehouse", "from": "state-sis", "to": "state-warehouse",
                 "carries": self.reported, "for": ["state-reporting-purpose"], "under": ["state-reporting"],
                 "method": "API", "frequency": "nightly"},
                *({"id": f"warehouse-to-{enclave}", "from": "state-warehouse", "to": enclave,
                   "carries": [f"extract-{k}"], "for": ["research"], "under": [f"research-agreement-{k}"],
                   "method": "SFTP", "frequency": "yearly"} for k, enclave in enumerate(enclaves, start=1)),
                *({"id": f"{enclave}-to-reports", "from": enclave, "to": "state-reports",
                   "carries": ["state-aggregate-report"], "for": ["state-reporting-purpose"],
                   "under": ["state-reporting"], "method": "FILE", "frequency": "yearly"}
                  for enclave in enclaves)],
        }


class _District:
    """One district: its own organisations, people, systems, flows and records."""

    def __init__(self, shape: Shape, rng: random.Random, state: _State, number: int) -> None:
        self.shape, self.rng, self.state = shape, rng, state
        self.d = f"d{number:04d}"
        pool = sorted(rng.sample(state.student, min(shape.held, len(state.student))))
        self.held = sorted(set(pool) | set(state.reported[:20]))
        self.providers = sorted(rng.sample(state.providers, shape.provider_apps))

    def _id(self, suffix: str) -> str:
        return f"{self.d}-{suffix}"

    def document(self) -> Doc:
        d, rng = self.d, self.rng
        systems = self._systems()
        return {
            "organizations": [
                {"id": d, "name": f"District {d[1:]}", "kind": "DISTRICT", "access_response_days": 30,
                 "contact": {"name": "Privacy office", "email": f"privacy@{d}.example",
                             "url": f"https://{d}.example/privacy"}},
                {"id": self._id("committee"), "name": f"District {d[1:]} data committee", "kind": "COMMITTEE",
                 "accountable_to": [d]},
                *({"id": self._id(f"school-{k}"), "name": f"School {k} of district {d[1:]}", "kind": "SCHOOL",
                   "accountable_to": [d]} for k in range(1, 5))],
            "roles": self._roles(),
            "people": self._people(),
            "systems": systems,
            "agreements": self._agreements(),
            "flows": self._flows(),
            "events": self._events(),
            "destructions": self._purges(),
            "policies": [
                {"id": self._id(kind.lower().replace("_", "-")), "name": f"{kind.title()} policy", "kind": kind,
                 "public": True, "url": f"https://{d}.example/policies/{kind.lower()}", "adopted_by": [d],
                 "adopted_on": "2022-08-15"}
                for kind in ("PRIVACY", "RETENTION", "BREACH_RESPONSE", "SECURITY", "ANNUAL_NOTICE")],
            "legal_holds": ([{"id": self._id("hold"), "name": "Litigation hold", "reason": "pending litigation",
                              "placed_on": "2026-03-01", "in": [self._id("sis")], "cohorts": ["2021"]}]
                            if rng.random() < 0.1 else []),
            "access_requests": [
                {"id": self._id(f"request-{k}"), "kind": "INSPECT", "requester": "PARENT",
                 "received_on": f"2026-0{k + 2}-10", "answered_on": f"2026-0{k + 2}-20",
                 "concerns": [self._id("sis")]} for k in range(1, 3)],
        }

    def _systems(self) -> list[dict[str, Any]]:
        d, rng = self.d, self.rng
        found = []
        for suffix, kind, share in SYSTEMS:
            count = max(3, int(len(self.held) * share))
            elements = self.held if suffix == "sis" else sorted(rng.sample(self.held, min(count, len(self.held))))
            if suffix == "sis":
                elements = sorted(rng.sample(self.held, count) + self.state.reported[:20])
            found.append({"id": self._id(suffix), "name": f"{suffix.title()} of district {d[1:]}", "kind": kind,
                          "operated_by": d, "controls": CONTROLS, "owners": [self._id("p001")],
                          "holds": [{"element": e, "since": "2016-07-01"} for e in sorted(set(elements))],
                          **({"collects": sorted(set(elements))} if suffix == "sis" else {})})
        found.append({"id": self._id("hr"), "name": f"HR of district {d[1:]}", "kind": "APPLICATION",
                      "operated_by": d, "controls": CONTROLS, "owners": [self._id("p002")],
                      "holds": [{"element": e, "since": "2016-07-01"} for e in self.state.staff[:20]]})
        for provider in self.providers:
            elements = sorted(rng.sample(self.held, 15))
            found.append({"id": self._id(f"{provider}-app"), "name": f"{provider} app for district {d[1:]}",
                          "kind": "APPLICATION", "operated_by": provider, "controls": CONTROLS,
                          "holds": [{"element": e, "since": "2023-08-15"} for e in elements]})
        return found

    def _agreements(self) -> list[dict[str, Any]]:
        return [{"id": self._id(f"dpa-{p}"), "kind": "NDPA", "with": p,
                 "covers": self.held, "permits": [x["id"] for x in self.state.purposes[:10]],
                 "effective_on": "2024-07-01", "expires_on": "2027-06-30", "destruction_days": 60,
                 "breach_notice_hours": 72, "public_url": f"https://{self.d}.example/agreements/{p}.pdf"}
                for p in self.providers]

    def _flows(self) -> list[dict[str, Any]]:
        sis = self._id("sis")
        purposes = [p["id"] for p in self.state.purposes]
        flows = []
        for suffix, _, _ in SYSTEMS[1:]:
            carried = sorted(self.rng.sample(self.held, 12))
            flows.append({"id": self._id(f"sis-to-{suffix}"), "from": sis, "to": self._id(suffix),
                          "carries": carried, "for": purposes[:2], "method": "API", "frequency": "nightly"})
        for suffix in ("lms", "assessment", "iep", "health"):
            flows.append({"id": self._id(f"{suffix}-to-warehouse"), "from": self._id(suffix),
                          "to": self._id("warehouse"), "carries": sorted(self.rng.sample(self.held, 10)),
                          "for": purposes[2:3], "method": "API", "frequency": "nightly"})
        for provider in self.providers:
            flows.append({"id": self._id(f"sis-to-{provider}"), "from": sis, "to": self._id(f"{provider}-app"),
                          "carries": sorted(self.rng.sample(self.held, 10)), "for": purposes[:3],
                          "under": [self._id(f"dpa-{provider}")], "method": "API", "frequency": "nightly"})
        for provider in self.providers[:2]:
            flows.append({"id": self._id(f"{provider}-to-warehouse"), "from": self._id(f"{provider}-app"),
                          "to": self._id("warehouse"), "carries": sorted(self.rng.sample(self.held, 5)),
                          "for": purposes[3:4], "under": [self._id(f"dpa-{provider}")], "method": "SFTP",
                          "frequency": "weekly"})
        for k in range(4):
            flows.append({"id": self._id(f"sis-to-state-{k}"), "from": sis, "to": "state-sis",
                          "carries": self.state.reported[k * 5:(k + 1) * 5 + 15],
                          "for": ["state-reporting-purpose"], "under": ["state-reporting"], "method": "SFTP",
                          "frequency": "quarterly"})
        flows.append({"id": self._id("hr-to-state"), "from": self._id("hr"), "to": "state-eis",
                      "carries": self.state.staff[:10], "for": ["state-reporting-purpose"],
                      "under": ["educator-reporting"], "method": "SFTP", "frequency": "yearly"})
        return flows

    def _roles(self) -> list[dict[str, Any]]:
        found = []
        for k in range(1, self.shape.roles + 1):
            purpose = self.state.purposes[k % len(self.state.purposes)]
            found.append({"id": self._id(f"role-{k:02d}"), "name": f"Role {k}", "serves": [purpose["id"]],
                          "requires_training": ["ferpa-basics"],
                          "can_access": [{"target": e, "level": "read"} for e in purpose["requires"][:4]]})
        return found

    def _people(self) -> list[dict[str, Any]]:
        found = []
        for k in range(1, self.shape.people + 1):
            school = self._id(f"school-{k % 4 + 1}")
            member_of = [school] + ([self._id("committee")] if k <= 5 else [])
            found.append({"id": self._id(f"p{k:03d}"), "name": f"Staff member {k} of {self.d}",
                          "roles": [self._id(f"role-{k % self.shape.roles + 1:02d}")], "member_of": member_of,
                          "completed": [{"training": "ferpa-basics", "on": "2026-02-01"}]})
        return found

    def _events(self) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = [
            {"id": self._id(f"exits-{year}"), "kind": "WITHDRAWAL", "cohort": str(year), "occurred_on": day,
             "concerns": [self.d]} for year, day in COHORTS]
        events += [{"id": self._id(f"class-of-{year}"), "kind": "GRADUATION", "cohort": f"class-of-{year}",
                    "occurred_on": day, "concerns": [self.d]} for year, day in COHORTS[-2:]]
        events.append({"id": self._id("separations-2026"), "kind": "EVENT", "topic": "staff-separation",
                       "occurred_on": "2026-06-30", "concerns": [self.d]})
        return events

    def _purges(self) -> list[dict[str, Any]]:
        sis = next(s for s in self._systems_ids() if s.endswith("-sis"))
        return [{"id": self._id(f"purge-{year}"), "of": self.held, "in": sis, "cohort": str(year),
                 "performed_on": f"{year + 5}-06-01"} for year, _ in COHORTS[:2]]

    def _systems_ids(self) -> list[str]:
        return [self._id(suffix) for suffix, _, _ in SYSTEMS]
