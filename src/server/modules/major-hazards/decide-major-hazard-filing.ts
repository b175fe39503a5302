import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { AppError, invalidFields } from "../../errors";
import { filingFor } from "./major-hazard-queries";
import type { DecisionBody } from "./schema";

function alreadyDecided(status: string) {
  return new AppError("CONFLICT", {
    "zh-CN": `该备案已${status === "accepted" ? "受理" : "退回"}，不能再次处理；变更须由企业重新备案`,
    en: `This filing was already ${status}; a change needs a new filing by the enterprise`,
  });
}

/**
 * The emergency management department accepts a filing (it becomes read-only) or returns it with a reason. A filing
 * is decided once: of two decisions at the same moment, the second is refused.
 */
export async function decideMajorHazardFiling(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  body: Static<typeof DecisionBody>,
): Promise<{ enterpriseId: string; id: string }> {
  const filing = await filingFor(db, principal, id);
  if (filing.status !== "submitted") throw alreadyDecided(filing.status);
  const { decision, reason } = body;
  if (decision === "return" && !reason?.trim()) {
    throw invalidFields([
      { field: "reason", text: { "zh-CN": "退回备案须说明理由", en: "Returning a filing needs a reason" } },
    ]);
  }
  await db.transaction().execute(async (trx) => {
    // Decided only if still submitted at this moment: of two decisions at once, the second changes nothing.
    const decided = await trx
      .updateTable("major_hazard_filing")
      .set({
        status: decision === "accept" ? "accepted" : "returned",
        decided_by: principal.userId,
        decided_at: new Date(),
        decision_reason: reason ?? null,
      })
      .where("enterprise_id", "=", filing.enterprise_id)
      .where("id", "=", filing.id)
      .where("status", "=", "submitted")
      .executeTakeFirst();
    if (Number(decided.numUpdatedRows) !== 1) {
      const now = await trx
        .selectFrom("major_hazard_filing")
        .select("status")
        .where("enterprise_id", "=", filing.enterprise_id)
        .where("id", "=", filing.id)
        .executeTakeFirstOrThrow();
      throw alreadyDecided(now.status);
    }
    await recordAudit(trx, actor, {
      action: decision,
      entityType: "major_hazard_filing",
      entityId: filing.id,
      enterpriseId: filing.enterprise_id,
      territoryPath: filing.territory_path,
      before: { status: filing.status },
      after: { status: decision === "accept" ? "accepted" : "returned", reason },
    });
  });
  return { enterpriseId: filing.enterprise_id, id: filing.id };
}
