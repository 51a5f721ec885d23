"""The principle checks. Importing this package registers every rule with
`catalog.findings`; a new rule module is added to the import list below, and nowhere else."""

from catalog.rules import (
    access,
    breach,
    governance,
    minimisation,
    providers,
    purpose,
    records,
    requests,
    rules_and_retention,
    security,
    sharing,
)

__all__ = ["access", "breach", "governance", "minimisation", "providers", "purpose", "records", "requests",
           "rules_and_retention", "security", "sharing"]
