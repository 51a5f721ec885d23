// Whether a flow's legal basis holds on a day. It mirrors catalog/model.py (Agreement and
// Consent `in_force_on`): the API gives the dates, not the verdict.
import type { BasesQuery } from "./generated/graphql";

type Agreement = BasesQuery["agreements"]["nodes"][number];
type Consent = BasesQuery["consents"]["nodes"][number];

export type BasisKind = "agreement" | "consent" | "mandate" | "unknown";

export interface BasisState { id: string; name: string; kind: BasisKind; inForce: boolean }

function agreementInForce(a: Agreement, day: string): boolean {
  const start = a.effectiveOn ?? a.signedOn, end = a.terminatedOn ?? a.expiresOn;
  return (start === null || start <= day) && (end === null || day <= end);
}

function consentInForce(c: Consent, day: string): boolean {
  if (c.collectedFrom !== null && day < c.collectedFrom) return false;
  return (c.expiresOn === null || day <= c.expiresOn) && (c.withdrawnOn === null || day < c.withdrawnOn);
}

export function basisStates(ids: string[], known: BasesQuery, day: string): BasisState[] {
  return ids.map((id) => {
    const agreement = known.agreements.nodes.find((a) => a.id === id);
    if (agreement) return { id, name: agreement.name, kind: "agreement", inForce: agreementInForce(agreement, day) };
    const consent = known.consents.nodes.find((c) => c.id === id);
    if (consent) return { id, name: consent.name, kind: "consent", inForce: consentInForce(consent, day) };
    const mandate = known.mandates.nodes.find((m) => m.id === id);
    if (mandate) return { id, name: mandate.name, kind: "mandate", inForce: true };
    return { id, name: id, kind: "unknown", inForce: false };
  });
}

// catalog/predicates.py INTERNAL_ORG_KINDS: data held by these has not left the district.
const INTERNAL_KINDS = new Set(["DISTRICT", "SCHOOL", "COMMITTEE"]);

/** Inside the district (is_internal_org): an organisation of unknown kind is outside. */
export function isInternal(kind: string | null | undefined): boolean {
  return kind !== null && kind !== undefined && INTERNAL_KINDS.has(kind.toUpperCase());
}

/** A flow is sound on a day when one of its bases is in force then; a flow that stays
 * inside the district needs none, but one it names must hold. */
export function sound(states: BasisState[], leavesDistrict: boolean): boolean {
  if (states.length === 0) return !leavesDistrict;
  return states.some((s) => s.inForce);
}
