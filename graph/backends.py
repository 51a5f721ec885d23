"""Choosing and opening a backend: the one place where stores are wired."""

from __future__ import annotations

from dataclasses import dataclass, field

from graph.store import Store, StoreError

BACKENDS = ("embedded", "neo4j")


@dataclass(frozen=True)
class StoreConfig:
    backend: str = "embedded"
    store: str = ".steward"
    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: str | None = field(default=None, repr=False)  # None: the server has auth off
    neo4j_database: str | None = None  # None: the user's home database
    timeout: float | None = None  # seconds a query may run on Neo4j before the server ends it
    # Embedded: keep the graph in memory (a server) rather than read SQLite per question.
    in_memory: bool = True

    @property
    def location(self) -> str:
        """Where the catalog lives, for people: a folder or a server."""
        if self.backend == "neo4j":
            return self.neo4j_uri + (f" (database {self.neo4j_database})" if self.neo4j_database else "")
        return self.store


def open_store(config: StoreConfig) -> Store:
    if config.backend == "embedded":
        from graph.embedded.store import EmbeddedStore

        return EmbeddedStore(config.store, in_memory=config.in_memory)
    if config.backend == "neo4j":
        # Imported here so that the embedded backend never loads the driver.
        from graph.neo4j import Neo4jConfig, Neo4jStore

        return Neo4jStore(Neo4jConfig(uri=config.neo4j_uri, user=config.neo4j_user,
                                      password=config.neo4j_password, database=config.neo4j_database,
                                      timeout=config.timeout))
    raise StoreError(f"unknown backend {config.backend!r}; expected one of {', '.join(BACKENDS)}")
