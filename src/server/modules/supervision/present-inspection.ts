import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { EnforcementInspectionTable } from "../../db/schema";
import type { Inspection } from "./schema";

/** A stored enforcement inspection with the names of its enterprise and department. */
export type InspectionRow = Selectable<EnforcementInspectionTable> & {
  enterprise_name: string;
  organisation_name: string | null;
};

export function presentInspection(row: InspectionRow, today: string): Static<typeof Inspection> {
  return {
    id: row.id,
    code: row.code,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    organisation: row.organisation_id ? { id: row.organisation_id, name: row.organisation_name ?? "" } : null,
    planItemId: row.plan_item_id,
    recheckOfId: row.recheck_of_id,
    inspectedOn: row.inspected_on,
    inspectorIds: row.inspector_ids,
    inspectorNames: row.inspector_names,
    itemsChecked: row.items_checked as Static<typeof Inspection>["itemsChecked"],
    findings: row.findings,
    hiddenDangerIds: row.hidden_danger_ids,
    rectificationDeadline: row.rectification_deadline,
    penalties: row.penalties as Static<typeof Inspection>["penalties"],
    penaltyTotalYuan: row.penalty_total_yuan,
    violations: row.violations,
    recheckDue: row.recheck_due,
    recheckInspectionId: row.recheck_inspection_id,
    recheckOverdue: row.recheck_due !== null && row.recheck_inspection_id === null && row.recheck_due < today,
    createdAt: row.created_at.toISOString(),
  };
}
