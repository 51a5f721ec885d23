"""Choosing and opening a backend: the one place where stores are wired."""

from __future__ import annotations

from dataclasses import dataclass

from graph.store import Store, StoreError

BACKENDS = ("embedded",)


@dataclass(frozen=True)
class StoreConfig:
    backend: str = "embedded"
    store: str = ".steward"


def open_store(config: StoreConfig) -> Store:
    if config.backend == "embedded":
        from graph.embedded.store import EmbeddedStore

        return EmbeddedStore(config.store)
    raise StoreError(f"unknown backend {config.backend!r}; expected one of {', '.join(BACKENDS)}")
