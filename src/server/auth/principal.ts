import type { Permission, Role } from "../../domain/access/roles";

/**
 * Where a signed-in user may act: a territory subtree (by materialised path,
 * optionally limited to industries), or a set of enterprises.
 */
export type Scope =
  | { kind: "territory"; path: string; industries: string[] }
  | { kind: "enterprises"; enterpriseIds: string[] };

export interface Principal {
  userId: string;
  username: string;
  displayName: string;
  role: Role;
  permissions: readonly Permission[];
  scope: Scope;
  territoryId: string | null;
  organisationId: string | null;
  /** How the request proved who it is; CSRF applies to cookie sessions only. */
  via: "session" | "token";
  csrfToken: string | null;
  /** The session or API token it proved it with, to ask again later (a long event stream); absent for the server's own work. */
  credential?: Credential;
}

export type Credential = { via: "session"; tokenHash: string; csrfToken: string } | { via: "token"; tokenId: string };
