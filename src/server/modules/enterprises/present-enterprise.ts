import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { EnterpriseTable } from "../../db/schema";
import type { Enterprise, EnterpriseSummary } from "./schema";

/** An enterprise's list columns with its industry's and places' names (find-enterprises.ts selects them). */
export type EnterpriseSummaryRecord = Pick<
  Selectable<EnterpriseTable>,
  "id" | "name" | "uscc" | "industry_code" | "scale" | "territory_id" | "status" | "address" | "territory_path"
> & { industry_name: string; territory_name: string; territory_full_name: string };

/** An enterprise's whole record, and whether records are kept against it. */
export type EnterpriseRecord = EnterpriseSummaryRecord &
  Pick<
    Selectable<EnterpriseTable>,
    | "lng"
    | "lat"
    | "principal_name"
    | "principal_phone"
    | "safety_managers"
    | "contacts"
    | "closed_at"
    | "closed_reason"
    | "created_at"
    | "updated_at"
  > & { has_history: boolean };

/** An enterprise as a list shows it. */
export function presentEnterpriseSummary(record: EnterpriseSummaryRecord): Static<typeof EnterpriseSummary> {
  return {
    id: record.id,
    name: record.name,
    uscc: record.uscc,
    industryCode: record.industry_code,
    industryName: record.industry_name,
    scale: record.scale,
    territoryId: record.territory_id,
    territoryName: record.territory_name,
    territoryFullName: record.territory_full_name,
    status: record.status,
    address: record.address,
  };
}

/** One enterprise's whole record, as its page shows it. */
export function presentEnterprise(record: EnterpriseRecord): Static<typeof Enterprise> {
  return {
    ...presentEnterpriseSummary(record),
    lng: record.lng,
    lat: record.lat,
    principalName: record.principal_name,
    principalPhone: record.principal_phone,
    safetyManagers: record.safety_managers,
    contacts: record.contacts,
    territoryPath: record.territory_path,
    closedAt: record.closed_at?.toISOString() ?? null,
    closedReason: record.closed_reason,
    hasHistory: record.has_history,
    createdAt: record.created_at.toISOString(),
    updatedAt: record.updated_at.toISOString(),
  };
}
