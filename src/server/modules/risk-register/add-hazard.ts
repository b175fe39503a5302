import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { checkReferenceCodes } from "./register-checks";
import { auditPlace, type RiskPointRef, riskPointFor } from "./register-owner";
import type { HazardBody } from "./schema";

/** Identifies a hazard at a risk point, with its GB/T 13861-2022 factor and GB 6441 accident types; not yet assessed. */
export async function addHazard(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  riskPointId: string,
  body: Static<typeof HazardBody>,
): Promise<RiskPointRef> {
  const { point, owner } = await riskPointFor(db, principal, riskPointId, "write");
  await checkReferenceCodes(db, body.factorCode, body.accidentTypes);
  await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("hazard")
      .values({
        owner_id: point.owner_id,
        risk_point_id: point.id,
        description: body.description,
        factor_code: body.factorCode,
        accident_types: [...new Set(body.accidentTypes)],
        consequences: body.consequences ?? "",
        current_assessment_id: null,
        level: null,
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "hazard",
      entityId: created.id,
      ...auditPlace(owner),
      after: { riskPointId: point.id, ...body },
    });
  });
  return { ownerId: point.owner_id, riskPointId: point.id };
}
