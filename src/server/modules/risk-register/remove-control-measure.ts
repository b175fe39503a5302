import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { auditPlace, measureFor } from "./register-owner";

/** Removes a control measure; the audit entry keeps what it was. */
export async function removeControlMeasure(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
): Promise<void> {
  const { measure, owner } = await measureFor(db, principal, id);
  await db.transaction().execute(async (trx) => {
    await trx
      .deleteFrom("control_measure")
      .where("owner_id", "=", measure.owner_id)
      .where("id", "=", measure.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "delete",
      entityType: "control_measure",
      entityId: measure.id,
      ...auditPlace(owner),
      before: measure,
    });
  });
}
