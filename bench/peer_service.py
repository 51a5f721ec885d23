"""Amundsen's metadata service (amundsen-metadata 3.13.0) over a Neo4j 5 server, for the
peer comparison. It runs in its own virtualenv (bench/.venv-amundsen: Amundsen pins the
neo4j driver 4.4), never in the project's:

    bench/.venv-amundsen/bin/python bench/peer_service.py PORT BOLT_URI

Stock Amundsen 3.13 answers 404 on Neo4j 5 for lineage: its Cypher wraps an aggregation
in a CASE (`CASE WHEN x IS NULL THEN [] ELSE collect(distinct {...}) END`), which Neo4j 5
rejects as an implicit grouping key. The proxy below rewrites each such expression into
`collect(distinct CASE WHEN x IS NULL THEN NULL ELSE {...} END)`, which gives the same
lists (collect skips nulls) and which Neo4j 5 accepts. Nothing else of Amundsen changes.
The service is Flask's, served by werkzeug's threaded server."""

from __future__ import annotations

import logging
import re
import sys
from typing import Any

from metadata_service import create_app
from metadata_service.config import LocalConfig
from metadata_service.proxy.neo4j_proxy import Neo4jProxy
from werkzeug.serving import make_server

AGGREGATE_IN_CASE = re.compile(
    r"CASE WHEN (?P<var>\w+) IS NULL THEN \[\]\s*ELSE\s+(?P<collect>collect\(\s*distinct)\s*(?P<item>.*?)\)\s*END",
    re.IGNORECASE | re.DOTALL)


def for_neo4j5(statement: str) -> str:
    return AGGREGATE_IN_CASE.sub(
        lambda m: f"{m['collect']} CASE WHEN {m['var']} IS NULL THEN NULL ELSE {m['item']} END)", statement)


class Neo4j5Proxy(Neo4jProxy):  # type: ignore[misc]
    def _execute_cypher_query(self, *, statement: str, param_dict: dict[str, Any]) -> Any:
        return super()._execute_cypher_query(statement=for_neo4j5(statement), param_dict=param_dict)


def main(port: int, bolt_uri: str) -> None:
    host, _, bolt_port = bolt_uri.rpartition(":")

    class BenchConfig(LocalConfig):  # type: ignore[misc]
        DEBUG = False
        LOG_LEVEL = "WARNING"
        SWAGGER_ENABLED = False
        PROXY_HOST = host
        PROXY_PORT = int(bolt_port)
        PROXY_CLIENT = f"{__name__}.Neo4j5Proxy"
        PROXY_ENCRYPTED = False
        PROXY_PASSWORD = ""  # the suite's server has auth off

    globals()["BenchConfig"] = BenchConfig
    app = create_app(config_module_class=f"{__name__}.BenchConfig")
    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    make_server("127.0.0.1", port, app, threaded=True).serve_forever()


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
