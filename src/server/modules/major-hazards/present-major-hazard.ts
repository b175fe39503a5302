import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { ThresholdTable } from "../../../domain/major-hazard/threshold-table";
import type { MajorHazardFilingTable, MajorHazardSubstanceTable, MajorHazardUnitTable } from "../../db/schema";
import type { Filing, Gb18218Table, Unit } from "./schema";

/** A filing row with its enterprise's and unit's names (major-hazard-queries.ts selects it). */
export type FilingRow = Selectable<MajorHazardFilingTable> & { enterprise_name: string; unit_name: string };

/** A unit with its substance lines, its stored identification (with the table version it used) and its filings. */
export function presentUnit(
  unit: Selectable<MajorHazardUnitTable> & { enterprise_name: string },
  substances: Selectable<MajorHazardSubstanceTable>[],
  filings: FilingRow[],
): Static<typeof Unit> {
  return {
    id: unit.id,
    enterpriseId: unit.enterprise_id,
    enterpriseName: unit.enterprise_name,
    name: unit.name,
    unitKind: unit.unit_kind,
    exposedPopulation: unit.exposed_population,
    lng: unit.lng,
    lat: unit.lat,
    substances: substances.map((s) => ({
      cas: s.cas,
      name: s.name,
      hazardClass: s.hazard_class,
      quantityTonnes: s.quantity_tonnes,
    })),
    result:
      unit.computed_at && unit.table_version
        ? {
            tableVersion: unit.table_version,
            s: unit.s!,
            isMajorHazard: unit.is_major!,
            alpha: unit.alpha!,
            r: unit.r!,
            level: unit.level,
            terms: unit.terms ?? [],
            computedAt: unit.computed_at.toISOString(),
          }
        : null,
    filings: filings.map(presentFiling),
  };
}

/** A filing; its level is the one the unit had when it was filed. */
export function presentFiling(row: FilingRow): Static<typeof Filing> {
  return {
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    status: row.status,
    level: ((row.snapshot as { result?: { level?: number | null } }).result?.level ?? null) as number | null,
    safetyMeasures: row.safety_measures,
    emergencyMeasures: row.emergency_measures,
    snapshot: row.snapshot,
    submittedAt: row.submitted_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionReason: row.decision_reason,
  };
}

/** A threshold table version as the API shows it. */
export function presentThresholdTable(table: ThresholdTable): Static<typeof Gb18218Table> {
  return {
    version: table.version,
    substances: table.substances.map(({ otherCas, ...s }) => ({
      ...s,
      aliases: [...s.aliases],
      ...(otherCas ? { otherCas: [...otherCas] } : {}),
    })),
    classes: table.classes.map((c) => ({ ...c })),
  };
}
