import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, type AuditRecord, recordAuditBatch } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import type { TableRows } from "../../exchange/table-file";
import { readRegisterRows } from "./read-register-rows";
import { recordAssessment } from "./record-assessment";
import { refreshRiskPointLevel } from "./refresh-risk-point-level";
import { auditPlace, type RegisterOwner } from "./register-owner";

export interface RegisterImportSummary {
  riskPoints: { created: number; updated: number; unchanged: number };
  hazards: { created: number; updated: number; unchanged: number };
  assessments: number;
}

/**
 * Reads and checks every row first; nothing is written unless all rows are
 * valid. Then, in one transaction, creates what is new and changes what
 * differs, so importing the same file again changes nothing.
 */
export async function importRegister(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  owner: RegisterOwner,
  rows: TableRows,
): Promise<RegisterImportSummary> {
  const points = await readRegisterRows(db, rows);
  const summary: RegisterImportSummary = {
    riskPoints: { created: 0, updated: 0, unchanged: 0 },
    hazards: { created: 0, updated: 0, unchanged: 0 },
    assessments: 0,
  };
  await db.transaction().execute(async (trx) => {
    // Entries are appended together at the end, so the audit chain's lock is not held while rows are written.
    const audit: AuditRecord[] = [];
    for (const plan of points.values()) {
      const stored = await trx
        .selectFrom("risk_point")
        .selectAll()
        .where("owner_id", "=", owner.id)
        .where("name", "=", plan.name)
        .where("unit", "=", plan.unit)
        .executeTakeFirst();
      let pointId: string;
      if (!stored) {
        const created = await trx
          .insertInto("risk_point")
          .values({
            owner_id: owner.id,
            owner_kind: owner.kind,
            territory_path: owner.territoryPath,
            kind: plan.kind,
            public_category: owner.kind === "territory" ? "other" : null,
            name: plan.name,
            unit: plan.unit,
            lng: null,
            lat: null,
            area: null,
            control_level: null,
            controlling_unit: plan.controllingUnit,
            responsible_person: plan.responsiblePerson,
            responsible_phone: "",
            emergency_phone: "",
            level: null,
            public_token: randomBytes(12).toString("base64url"),
            updated_at: new Date(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        pointId = created.id;
        summary.riskPoints.created++;
        audit.push({
          action: "import",
          entityType: "risk_point",
          entityId: pointId,
          ...auditPlace(owner),
          after: plan,
        });
      } else {
        pointId = stored.id;
        const changed =
          stored.kind !== plan.kind ||
          stored.controlling_unit !== plan.controllingUnit ||
          stored.responsible_person !== plan.responsiblePerson;
        if (changed) {
          await trx
            .updateTable("risk_point")
            .set({
              kind: plan.kind,
              controlling_unit: plan.controllingUnit,
              responsible_person: plan.responsiblePerson,
              updated_at: new Date(),
            })
            .where("owner_id", "=", owner.id)
            .where("id", "=", pointId)
            .execute();
          summary.riskPoints.updated++;
          audit.push({
            action: "import",
            entityType: "risk_point",
            entityId: pointId,
            ...auditPlace(owner),
            before: stored,
            after: plan,
          });
        } else summary.riskPoints.unchanged++;
      }
      for (const hazardPlan of plan.hazards) {
        const existing = await trx
          .selectFrom("hazard")
          .leftJoin("hazard_assessment", (join) =>
            join
              .onRef("hazard_assessment.owner_id", "=", "hazard.owner_id")
              .onRef("hazard_assessment.id", "=", "hazard.current_assessment_id"),
          )
          .select([
            "hazard.id",
            "hazard.factor_code",
            "hazard.accident_types",
            "hazard.consequences",
            "hazard_assessment.method",
            "hazard_assessment.factors",
          ])
          .where("hazard.owner_id", "=", owner.id)
          .where("hazard.risk_point_id", "=", pointId)
          .where("hazard.description", "=", hazardPlan.description)
          .executeTakeFirst();
        let hazardId: string;
        if (!existing) {
          const created = await trx
            .insertInto("hazard")
            .values({
              owner_id: owner.id,
              risk_point_id: pointId,
              description: hazardPlan.description,
              factor_code: hazardPlan.factorCode,
              accident_types: hazardPlan.accidentTypes,
              consequences: hazardPlan.consequences,
              current_assessment_id: null,
              level: null,
              updated_at: new Date(),
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          hazardId = created.id;
          summary.hazards.created++;
        } else {
          hazardId = existing.id;
          const same =
            existing.factor_code === hazardPlan.factorCode &&
            existing.consequences === hazardPlan.consequences &&
            [...existing.accident_types].sort().join() === [...hazardPlan.accidentTypes].sort().join();
          if (same) summary.hazards.unchanged++;
          else {
            await trx
              .updateTable("hazard")
              .set({
                factor_code: hazardPlan.factorCode,
                accident_types: hazardPlan.accidentTypes,
                consequences: hazardPlan.consequences,
                updated_at: new Date(),
              })
              .where("owner_id", "=", owner.id)
              .where("id", "=", hazardId)
              .execute();
            summary.hazards.updated++;
          }
        }
        const wanted = hazardPlan.assessment;
        const sameAssessment =
          wanted &&
          existing?.method === wanted.method &&
          JSON.stringify(Object.entries(existing.factors ?? {}).sort()) ===
            JSON.stringify(Object.entries(wanted.factors).sort());
        if (wanted && !sameAssessment) {
          const outcome = await recordAssessment(
            trx,
            principal,
            { ownerId: owner.id, id: hazardId },
            { ...wanted, note: "import" },
          );
          if (outcome.ok) summary.assessments++;
        }
      }
      await refreshRiskPointLevel(trx, owner.id, pointId);
    }
    await recordAuditBatch(
      trx,
      audit.map((record) => ({ actor, record })),
    );
  });
  return summary;
}
