import type { Static } from "typebox";
import type { OrganisationRow } from "./find-organisations";
import type { Organisation } from "./schema";

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
