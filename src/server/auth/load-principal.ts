import type { Kysely } from "kysely";
import { isEnterpriseScoped, permissionsOf, type Role } from "../../domain/access/roles";
import type { DB } from "../db/schema";
import type { Credential, Principal, Scope } from "./principal";

/** Builds what a user may do and where, from the user row; null when the user is missing or disabled. */
export async function loadPrincipal(db: Kysely<DB>, userId: string, credential: Credential): Promise<Principal | null> {
  const user = await db
    .selectFrom("app_user")
    .leftJoin("territory", "territory.id", "app_user.territory_id")
    .select([
      "app_user.id",
      "app_user.username",
      "app_user.display_name",
      "app_user.role",
      "app_user.industries",
      "app_user.disabled",
      "app_user.territory_id",
      "app_user.organisation_id",
      "territory.path as territory_path",
    ])
    .where("app_user.id", "=", userId)
    .executeTakeFirst();
  if (!user || user.disabled) return null;
  const role = user.role as Role;
  let scope: Scope;
  if (isEnterpriseScoped(role)) {
    const links = await db
      .selectFrom("user_enterprise")
      .select("enterprise_id")
      .where("user_id", "=", userId)
      .execute();
    scope = { kind: "enterprises", enterpriseIds: links.map((l) => l.enterprise_id) };
  } else if (user.territory_path) {
    scope = { kind: "territory", path: user.territory_path, industries: user.industries };
  } else if (role === "admin") {
    // An administrator without a territory administers the whole installation.
    scope = { kind: "territory", path: "/", industries: [] };
  } else {
    // A territory role with no territory sees nothing rather than everything.
    scope = { kind: "enterprises", enterpriseIds: [] };
  }
  return {
    userId: user.id,
    username: user.username,
    displayName: user.display_name,
    role,
    permissions: permissionsOf(role),
    scope,
    territoryId: user.territory_id,
    organisationId: user.organisation_id,
    via: credential.via,
    csrfToken: credential.via === "session" ? credential.csrfToken : null,
    credential,
  };
}
