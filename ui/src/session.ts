// Who the visitor is, as the API says (`me`): the views show what the role may do, and
// never guess it from whether a token is stored. One request per token per page load.
import { useEffect, useState } from "preact/hooks";
import { token } from "./auth";
import { request } from "./client";
import type { MeQuery, MeQueryVariables, TokenRole } from "./generated/graphql";
import SESSION from "./queries/session.graphql?raw";

export type Me = MeQuery["me"];

const RANK: Record<TokenRole, number> = { PUBLIC: 0, VIEWER: 1, STEWARD: 2, ADMIN: 3 };
const asked = new Map<string, Promise<Me>>();

/** The caller for the token stored now; a refused token is an error (ApiError UNAUTHENTICATED). */
export function whoAmI(): Promise<Me> {
  const key = token() ?? "";
  let found = asked.get(key);
  if (!found) {
    found = request<MeQuery, MeQueryVariables>(SESSION, "Me").then((data) => data.me);
    found.catch(() => asked.delete(key));
    asked.set(key, found);
  }
  return found;
}

/** `me` may do what `role` may (roles are ordered); nobody may while it is not known. */
export function atLeast(me: Me | null, role: TokenRole): boolean {
  return me !== null && RANK[me.role] >= RANK[role];
}

// A token the API refuses (revoked since sign-in) may do nothing more than the public may:
// the header then offers to sign in again.
const REFUSED: Me = { role: "PUBLIC", tokenName: null };

/** The caller, or null until the API has said. */
export function useMe(): Me | null {
  const key = token() ?? "";
  const [me, setMe] = useState<{ key: string; me: Me } | null>(null);
  useEffect(() => {
    let current = true;
    whoAmI().then((found) => current && setMe({ key, me: found }), () => current && setMe({ key, me: REFUSED }));
    return () => { current = false; };
  }, [key]);
  return me && me.key === key ? me.me : null;
}
