import type { Transaction } from "kysely";
import type { MajorHazardSubstanceInput } from "../../../domain/major-hazard/assess-major-hazard";
import type { MajorHazardUnitKind } from "../../../domain/major-hazard/vocabulary";
import type { DB } from "../../db/schema";
import type { Identification } from "./identify-major-hazard";

export interface MajorHazardUnitValues {
  name: string;
  unitKind: MajorHazardUnitKind;
  exposedPopulation: number;
  lng?: number | null;
  lat?: number | null;
  substances: MajorHazardSubstanceInput[];
}

/** The stored result of an identification, with the table version it used. */
export function resultColumns(result: Identification) {
  return {
    table_version: result.tableVersion,
    s: result.s,
    r: result.r,
    alpha: result.alpha,
    is_major: result.isMajorHazard,
    level: result.level,
    terms: JSON.stringify(result.terms),
    computed_at: new Date(),
    updated_at: new Date(),
  };
}

/** A unit's substance lines, replaced as a whole. */
export async function replaceSubstances(
  trx: Transaction<DB>,
  enterpriseId: string,
  unitId: string,
  substances: MajorHazardSubstanceInput[],
): Promise<void> {
  await trx
    .deleteFrom("major_hazard_substance")
    .where("enterprise_id", "=", enterpriseId)
    .where("unit_id", "=", unitId)
    .execute();
  await trx
    .insertInto("major_hazard_substance")
    .values(
      substances.map((s) => ({
        enterprise_id: enterpriseId,
        unit_id: unitId,
        cas: s.cas ?? null,
        name: s.name ?? null,
        hazard_class: s.hazardClass ?? null,
        quantity_tonnes: s.quantityTonnes,
      })),
    )
    .execute();
}

/** Stores a new unit of an enterprise with its substance lines and its identification; returns its id. */
export async function storeMajorHazardUnit(
  trx: Transaction<DB>,
  enterpriseId: string,
  unit: MajorHazardUnitValues,
  identification: Identification,
): Promise<string> {
  const created = await trx
    .insertInto("major_hazard_unit")
    .values({
      enterprise_id: enterpriseId,
      name: unit.name,
      unit_kind: unit.unitKind,
      exposed_population: unit.exposedPopulation,
      lng: unit.lng ?? null,
      lat: unit.lat ?? null,
      ...resultColumns(identification),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await replaceSubstances(trx, enterpriseId, created.id, unit.substances);
  return created.id;
}
