import type { Kysely } from "kysely";
import type { Static } from "typebox";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import type { Me } from "./schema";

/** The signed-in user as the web shell needs it: who, where, what it may do. */
export async function presentMe(db: Kysely<DB>, principal: Principal): Promise<Static<typeof Me>> {
  const territory = principal.territoryId
    ? await db
        .selectFrom("territory")
        .select(["id", "code", "name", "name_en as nameEn", "path"])
        .where("id", "=", principal.territoryId)
        .executeTakeFirst()
    : undefined;
  const organisation = principal.organisationId
    ? await db
        .selectFrom("organisation")
        .select(["id", "name", "kind"])
        .where("id", "=", principal.organisationId)
        .executeTakeFirst()
    : undefined;
  return {
    id: principal.userId,
    username: principal.username,
    displayName: principal.displayName,
    role: principal.role,
    territory: territory ?? null,
    industries: principal.scope.kind === "territory" ? principal.scope.industries : [],
    enterpriseIds: principal.scope.kind === "enterprises" ? principal.scope.enterpriseIds : [],
    organisation: organisation ?? null,
    permissions: [...principal.permissions],
  };
}
