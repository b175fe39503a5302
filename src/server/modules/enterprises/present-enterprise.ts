import type { Static } from "typebox";
import type { EnterpriseRecord, EnterpriseSummaryRecord } from "./find-enterprises";
import type { Enterprise, EnterpriseSummary } from "./schema";

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
