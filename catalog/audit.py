"""The audit trail's record of one change, and API tokens as stored (hashed).

Kept in the store beside the graph, written in the same transaction as the change."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Change:
    at: str  # ISO 8601 timestamp, UTC
    actor: str  # the token's name, or "cli" for the command line
    action: str  # create, update, delete, link, unlink
    target: str  # a node id, or TYPE:source->target for a relationship
    nodes: tuple[str, ...]  # every node id the change touches, for look-ups by node
    before: dict[str, Any] | None = None
    after: dict[str, Any] | None = None
    seq: int = 0  # assigned by the store, increasing
    # The version of the node the change wrote (for a relationship, of the node that
    # declares it); None for a deletion and for changes recorded before versions.
    version: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "at": self.at, "actor": self.actor, "action": self.action,
                "target": self.target, "nodes": list(self.nodes), "before": self.before,
                "after": self.after, "version": self.version}


@dataclass(frozen=True)
class Token:
    name: str
    role: str
    digest: str = field(repr=False)  # SHA-256 of the secret; the secret itself is never stored
    created_at: str = ""
    revoked_at: str | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None
