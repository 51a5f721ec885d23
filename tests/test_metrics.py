"""/metrics as Prometheus reads it: parsed with prometheus-client's own parser after real
requests, the counts moved as they should, and raw paths never become label values."""

from __future__ import annotations

from typing import Any

from prometheus_client.parser import text_string_to_metric_families
from starlette.testclient import TestClient

from api.app import Settings, create_app
from api.auth import Role
from graph.store import Store

from .api_support import make_api

Samples = dict[str, list[Any]]
SYSTEMS = "{ systems { totalCount nodes { id name } } }"


def scrape(client: TestClient, token: str | None = None) -> Samples:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    response = client.get("/metrics", headers=headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/plain")
    samples: Samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples.setdefault(sample.name, []).append(sample)
    return samples


def value(samples: Samples, name: str, **labels: str) -> float:
    found = [s.value for s in samples.get(name, []) if all(s.labels.get(k) == v for k, v in labels.items())]
    return float(sum(found))


def test_requests_are_timed_per_route_and_count_their_store_round_trips(store: Store) -> None:
    api = make_api(store)
    viewer = api.tokens[Role.VIEWER]
    before = scrape(api.client, viewer)
    trips = store.round_trips  # type: ignore[attr-defined]
    for _ in range(3):
        # Without a token: no token look-up, so every round trip of the store is the request's own.
        body = api.client.post("/graphql", json={"query": SYSTEMS}).json()
        assert body["data"]["systems"]["totalCount"] > 0
    made = store.round_trips - trips  # type: ignore[attr-defined]
    after = scrape(api.client, viewer)

    graphql = {"route": "/graphql", "method": "POST", "status": "2xx"}
    assert value(after, "steward_request_seconds_count", **graphql) - \
        value(before, "steward_request_seconds_count", **graphql) == 3
    assert value(after, "steward_request_seconds_bucket", le="+Inf", **graphql) == \
        value(after, "steward_request_seconds_count", **graphql)
    requests = value(after, "steward_request_round_trips_count") - value(before, "steward_request_round_trips_count")
    assert requests == 3
    counted = value(after, "steward_request_round_trips_sum") - value(before, "steward_request_round_trips_sum")
    assert counted == made > 0
    # The store calls the resolvers made, by operation.
    assert value(after, "steward_store_call_seconds_count", operation="find_nodes") - \
        value(before, "steward_store_call_seconds_count", operation="find_nodes") == 3
    assert value(after, "steward_store_round_trips_total") >= made


def test_the_process_is_described(store: Store) -> None:
    api = make_api(store)
    samples = scrape(api.client, api.tokens[Role.VIEWER])
    assert value(samples, "process_resident_memory_bytes") > 0
    assert "process_cpu_seconds_total" in samples and "process_open_fds" in samples
    assert value(samples, "python_info") == 1


def test_a_thousand_raw_paths_make_a_handful_of_label_values(store: Store) -> None:
    api = make_api(store)
    client = TestClient(api.client.app, raise_server_exceptions=False)
    for i in range(1000):
        match i % 4:
            case 0:
                client.get(f"/node/element-{i}")  # a UI view with an id
            case 1:
                client.get(f"/no/such/path/{i}")
            case 2:
                client.get(f"/graphiql/asset-{i}.js")
            case _:
                client.request(f"VERB{i}", f"/healthz?x={i}")
    samples = scrape(client, api.tokens[Role.VIEWER])
    series = samples["steward_request_seconds_count"]
    routes = {s.labels["route"] for s in series}
    assert routes <= {"/node/{rest:path}", "unmatched", "/graphiql/{name}", "/healthz", "/metrics"}, routes
    assert {s.labels["method"] for s in series} <= {"GET", "other"}
    assert len(series) <= 12
    assert sum(s.value for s in series) >= 1000


def test_each_app_keeps_its_own_metrics(store: Store) -> None:
    first = make_api(store)
    second = TestClient(create_app(store, Settings(metrics_public=True)))
    first.data(SYSTEMS)
    assert value(scrape(second), "steward_request_seconds_count", route="/graphql") == 0
    assert value(scrape(first.client, first.tokens[Role.VIEWER]), "steward_request_seconds_count",
                 route="/graphql") == 1

