import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { OrganisationTable } from "../../db/schema";
import type { Organisation } from "./schema";

/** An organisation with the territory it is placed in (find-organisations.ts selects it). */
export type OrganisationRow = Pick<Selectable<OrganisationTable>, "id" | "kind" | "name" | "industries" | "phone"> & {
  territory_id: string;
  territory_name: string;
};

export function presentOrganisation(row: OrganisationRow): Static<typeof Organisation> {
  return {
    id: row.id,
    kind: row.kind,
    name: row.name,
    territory: { id: row.territory_id, name: row.territory_name },
    industries: row.industries,
    phone: row.phone,
  };
}
