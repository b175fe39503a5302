import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { AppUserTable } from "../../db/schema";
import type { User } from "./schema";

/** A user with its placement and the enterprises it acts for (find-users.ts loads it). */
export type UserRecord = Pick<
  Selectable<AppUserTable>,
  "id" | "username" | "display_name" | "role" | "industries" | "disabled" | "created_at"
> & {
  territory_id: string | null;
  territory_code: string | null;
  territory_name: string | null;
  organisation_id: string | null;
  organisation_name: string | null;
  enterprise_ids: string[];
};

export function presentUser(record: UserRecord): Static<typeof User> {
  return {
    id: record.id,
    username: record.username,
    displayName: record.display_name,
    role: record.role,
    territory: record.territory_id
      ? { id: record.territory_id, code: record.territory_code!, name: record.territory_name! }
      : null,
    industries: record.industries,
    enterpriseIds: record.enterprise_ids,
    organisation: record.organisation_id ? { id: record.organisation_id, name: record.organisation_name! } : null,
    disabled: record.disabled,
    createdAt: record.created_at.toISOString(),
  };
}
