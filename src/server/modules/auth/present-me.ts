import type { Static } from "typebox";
import type { Principal } from "../../auth/principal";
import type { Me, SessionResponse } from "./schema";

/** Where the signed-in user is placed (find-placement.ts loads it). */
export interface Placement {
  territory: { id: string; code: string; name: string; nameEn: string; path: string } | null;
  organisation: { id: string; name: string; kind: string } | null;
}

/** The signed-in user as the web shell needs it: who, where, what it may do. */
export function presentMe(principal: Principal, placement: Placement): Static<typeof Me> {
  return {
    id: principal.userId,
    username: principal.username,
    displayName: principal.displayName,
    role: principal.role,
    territory: placement.territory,
    industries: principal.scope.kind === "territory" ? principal.scope.industries : [],
    enterpriseIds: principal.scope.kind === "enterprises" ? principal.scope.enterpriseIds : [],
    organisation: placement.organisation,
    permissions: [...principal.permissions],
  };
}

/** The answer of sign-in and of /auth/me: the user and the token to send back with every change. */
export function presentSession(principal: Principal, placement: Placement): Static<typeof SessionResponse> {
  return { user: presentMe(principal, placement), csrfToken: principal.csrfToken };
}
