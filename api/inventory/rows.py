"""The published facts as plain data: what every page and file of the inventory states.

`model.collect` fills them from the public graph; the pages and files only format them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Contact:
    organization: str
    name: str
    email: str | None
    url: str | None

    @property
    def text(self) -> str:
        return ", ".join(p for p in (self.name, self.email, self.url) if p)


@dataclass(frozen=True, order=True)
class Basis:
    """Why a recipient may have the data: an agreement, a consent or a law."""

    rank: int  # agreements first, then consents, then laws
    name: str
    id: str
    kind: str
    url: str | None
    detail: str

    @property
    def text(self) -> str:
        return f"{self.kind.capitalize()}: {self.name}" + (f" ({self.detail})" if self.detail else "")


@dataclass(frozen=True)
class Recipient:
    """An organisation outside the district that receives an element, and on what basis."""

    id: str
    name: str
    page: str
    bases: tuple[Basis, ...]


@dataclass(frozen=True)
class ElementRow:
    id: str
    name: str
    definition: str
    category: str
    subject: str
    sensitivity: str
    standard_ref: str
    purposes: tuple[str, ...]
    systems: tuple[str, ...]
    recipients: tuple[Recipient, ...]
    retention: str
    updated_at: str

    @property
    def shared_with(self) -> tuple[str, ...]:
        return tuple(r.name for r in self.recipients)

    @property
    def bases(self) -> tuple[Basis, ...]:
        return tuple(sorted({b for r in self.recipients for b in r.bases}))


@dataclass(frozen=True)
class Terms:
    """An agreement as a provider's page states it."""

    id: str
    name: str
    kind: str
    url: str | None
    effective_on: str
    status: str
    breach_notice: str
    destruction: tuple[str, ...]


@dataclass(frozen=True)
class Receipt:
    """One element an organisation receives: for what, how and on what basis."""

    element_id: str
    element_name: str
    purposes: tuple[str, ...]
    how: tuple[str, ...]
    bases: tuple[Basis, ...]


@dataclass(frozen=True)
class RecipientPage:
    id: str
    name: str
    kind: str
    description: str
    url: str | None
    contact: Contact | None
    page: str
    agreements: tuple[Terms, ...]
    systems: tuple[str, ...]
    receives: tuple[Receipt, ...]


@dataclass(frozen=True)
class PolicyRow:
    id: str
    name: str
    kind: str
    description: str
    url: str
    adopted_on: str
    reviewed_on: str
    adopted_by: tuple[str, ...]


@dataclass(frozen=True)
class Inventory:
    as_of: date
    publisher_id: str
    publisher: str
    publisher_url: str | None
    description: str
    contact: Contact
    modified: str  # the latest `updated_at` of anything published, else as_of
    elements: tuple[ElementRow, ...]
    recipients: tuple[RecipientPage, ...]
    policies: tuple[PolicyRow, ...]
