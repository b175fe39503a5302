import type { Kysely } from "kysely";
import type { Scope } from "../../auth/principal";
import { territoryInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import type { OrganisationRow } from "./present-organisation";

function withTerritory(db: Kysely<DB>) {
  return db
    .selectFrom("organisation")
    .innerJoin("territory", "territory.id", "organisation.territory_id")
    .select([
      "organisation.id",
      "organisation.kind",
      "organisation.name",
      "organisation.industries",
      "organisation.phone",
      "territory.id as territory_id",
      "territory.name as territory_name",
    ]);
}

/** The organisations placed in the scope's territory subtree, by kind and name. */
export function findOrganisations(db: Kysely<DB>, scope: Scope): Promise<OrganisationRow[]> {
  return withTerritory(db)
    .where((eb) => territoryInScope(eb, scope))
    .orderBy("organisation.kind")
    .orderBy("organisation.name")
    .execute();
}

/** One organisation, for the answer to the write that made it (the write checked its scope). */
export function getOrganisation(db: Kysely<DB>, id: string): Promise<OrganisationRow> {
  return withTerritory(db).where("organisation.id", "=", id).executeTakeFirstOrThrow();
}
