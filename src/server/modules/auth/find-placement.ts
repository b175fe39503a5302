import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import type { Placement } from "./present-me";

/** Where the signed-in user is placed: its territory and its organisation, each if it has one. */
export async function findPlacement(db: Kysely<DB>, principal: Principal): Promise<Placement> {
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
  return { territory: territory ?? null, organisation: organisation ?? null };
}
