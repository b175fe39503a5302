import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { checkReferenceCodes } from "./register-checks";
import { auditPlace, hazardFor, type RiskPointRef } from "./register-owner";
import type { HazardPatchBody } from "./schema";

/** Changes a hazard's description, factor, accident types or consequences; its assessments stay as they are. */
export async function changeHazard(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  body: Static<typeof HazardPatchBody>,
): Promise<RiskPointRef> {
  const { hazard, owner } = await hazardFor(db, principal, id, "write");
  await checkReferenceCodes(db, body.factorCode ?? hazard.factor_code, body.accidentTypes ?? hazard.accident_types);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("hazard")
      .set({
        description: body.description,
        factor_code: body.factorCode,
        accident_types: body.accidentTypes ? [...new Set(body.accidentTypes)] : undefined,
        consequences: body.consequences,
        updated_at: new Date(),
      })
      .where("owner_id", "=", hazard.owner_id)
      .where("id", "=", hazard.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "hazard",
      entityId: hazard.id,
      ...auditPlace(owner),
      before: hazard,
      after: body,
    });
  });
  return { ownerId: hazard.owner_id, riskPointId: hazard.risk_point_id };
}
