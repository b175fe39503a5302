import type { Static } from "typebox";
import type { UserRecord } from "./find-users";
import type { User } from "./schema";

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
