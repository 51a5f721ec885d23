"""Who may do what: every permission check of the API lives here.

Reading: PUBLIC sees only what `catalog.visibility` allows (nodes and fields the public
inventory shows); VIEWER and above see everything. Writing: STEWARD and above.
Managing tokens: ADMIN."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry
from strawberry.permission import BasePermission

from api.auth import Role
from catalog import visibility
from catalog.records import EdgeRecord, NodeRecord

FORBIDDEN = "FORBIDDEN"


def role_of(info: strawberry.Info) -> Role:
    return info.context.principal.role  # type: ignore[no-any-return]


class _AtLeast(BasePermission):
    role = Role.ADMIN
    error_extensions = {"code": FORBIDDEN}

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        allowed = role_of(info) >= self.role
        if not allowed:
            self.message = f"requires the {self.role.name} role or above"
        return allowed


class IsViewer(_AtLeast):
    role = Role.VIEWER


class IsSteward(_AtLeast):
    role = Role.STEWARD


class IsAdmin(_AtLeast):
    role = Role.ADMIN


def readable(role: Role, node: NodeRecord | None) -> NodeRecord | None:
    """The node as this role may see it, or None when it may not see it at all."""
    if node is None or role >= Role.VIEWER:
        return node
    if not visibility.is_public(node):
        return None
    return NodeRecord(node.label, node.id, visibility.public_props(node))


def readable_edge(role: Role, edge: EdgeRecord, nodes: Mapping[str, NodeRecord]) -> EdgeRecord | None:
    if role >= Role.VIEWER:
        return edge
    if not visibility.is_public_edge(edge, nodes):
        return None
    return EdgeRecord(edge.type, edge.source, edge.target, visibility.public_edge_props(edge))
