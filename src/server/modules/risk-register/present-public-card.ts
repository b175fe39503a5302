import type { Static } from "typebox";
import { MEASURE_KINDS } from "../../../domain/risk/vocabulary";
import { accidentTypeName, levelLabel } from "./pdf/print-labels";
import type { PublicRiskCard, RiskPoint } from "./schema";

/** What a posted notice card's QR code shows anyone: no ids, coordinates or people's phone numbers. */
export function presentPublicCard(point: Static<typeof RiskPoint>): Static<typeof PublicRiskCard> {
  const level = levelLabel(point.level);
  const contentsOf = (kind: string) =>
    point.measures.filter((measure) => measure.kind === kind).map((measure) => measure.content);
  return {
    ownerName: point.ownerName,
    pointName: point.name,
    unit: point.unit,
    level: level.level,
    colour: level.colour,
    levelName: level.name,
    hazards: point.hazards.map((hazard) => ({
      description: hazard.description,
      accidentTypes: hazard.accidentTypes.map(accidentTypeName),
    })),
    measures: Object.fromEntries(MEASURE_KINDS.map((kind) => [kind, contentsOf(kind)])) as Static<
      typeof PublicRiskCard
    >["measures"],
    emergencyPhone: point.emergencyPhone,
    controllingUnit: point.controllingUnit,
    responsiblePerson: point.responsiblePerson,
    updatedAt: point.updatedAt,
  };
}
