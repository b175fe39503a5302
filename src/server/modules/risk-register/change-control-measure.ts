import type { Kysely, Selectable } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { ControlMeasureTable, DB } from "../../db/schema";
import { auditPlace, measureFor } from "./register-owner";
import type { MeasurePatchBody } from "./schema";

/** Changes a control measure: its kind, content, what to check, how often or who is responsible. */
export async function changeControlMeasure(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  body: Static<typeof MeasurePatchBody>,
): Promise<Selectable<ControlMeasureTable>> {
  const { measure, owner } = await measureFor(db, principal, id);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable("control_measure")
      .set({
        kind: body.kind,
        content: body.content,
        check_content: body.checkContent,
        check_frequency: body.checkFrequency,
        responsible_person: body.responsiblePerson,
        updated_at: new Date(),
      })
      .where("owner_id", "=", measure.owner_id)
      .where("id", "=", measure.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "control_measure",
      entityId: measure.id,
      ...auditPlace(owner),
      before: measure,
      after: body,
    });
    return row;
  });
}
