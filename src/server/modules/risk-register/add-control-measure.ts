import type { Kysely, Selectable } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { ControlMeasureTable, DB } from "../../db/schema";
import { checkHazardOfPoint } from "./register-checks";
import { auditPlace, riskPointFor } from "./register-owner";
import type { MeasureBody } from "./schema";

/** Adds a control measure to a risk point (optionally to one of its hazards), with what to check and how often. */
export async function addControlMeasure(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  riskPointId: string,
  body: Static<typeof MeasureBody>,
): Promise<Selectable<ControlMeasureTable>> {
  const { point, owner } = await riskPointFor(db, principal, riskPointId, "write");
  await checkHazardOfPoint(db, point, body.hazardId);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto("control_measure")
      .values({
        owner_id: point.owner_id,
        risk_point_id: point.id,
        hazard_id: body.hazardId ?? null,
        kind: body.kind,
        content: body.content,
        check_content: body.checkContent ?? "",
        check_frequency: body.checkFrequency,
        responsible_person: body.responsiblePerson ?? "",
        updated_at: new Date(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "control_measure",
      entityId: row.id,
      ...auditPlace(owner),
      after: { riskPointId: point.id, ...body },
    });
    return row;
  });
}
