import type { Static } from "typebox";
import type { ChecklistItemRow, InspectionTaskRow, TaskItemRow } from "./inspection-queries";
import type { ChecklistItem, InspectionTask, InspectionTaskItem } from "./schema";

export function presentInspectionTask(row: InspectionTaskRow): Static<typeof InspectionTask> {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    title: row.title,
    frequency: row.frequency,
    controlLevel: row.control_level,
    periodStart: row.period_start.toISOString(),
    dueAt: row.due_at.toISOString(),
    status: row.status,
    completedAt: row.completed_at?.toISOString() ?? null,
    itemCount: Number(row.item_count),
    doneCount: Number(row.done_count),
  };
}

export function presentTaskItem(row: TaskItemRow): Static<typeof InspectionTaskItem> {
  return {
    checklistItemId: row.checklist_item_id,
    content: row.content,
    riskPointId: row.risk_point_id,
    outcome: row.outcome,
    note: row.note,
    photoIds: row.photo_ids,
    lng: row.lng,
    lat: row.lat,
    recordedAt: row.recorded_at?.toISOString() ?? null,
    hiddenDangerId: row.hidden_danger_id,
  };
}

export function presentChecklistItem(row: ChecklistItemRow): Static<typeof ChecklistItem> {
  return {
    id: row.id,
    source: row.source,
    templateKind: row.template_kind,
    riskPointId: row.risk_point_id,
    controlMeasureId: row.control_measure_id,
    content: row.content,
    checkFrequency: row.check_frequency,
    controlLevel: row.control_level,
    responsiblePerson: row.responsible_person,
  };
}
