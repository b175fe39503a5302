import type { Kysely } from "kysely";
import { periodBounds } from "../../../domain/hidden-danger/statistics";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { conflict, forbidden, invalidFields } from "../../errors";
import { type HiddenDangerFigures, hiddenDangerFigures } from "./hidden-danger-figures";

/**
 * The principal person confirms a finished quarter's or year's summary (SAWS Decree 16 art. 14: signed by the
 * principal person): its figures are kept with the signature and the time, once per period.
 */
export async function signHiddenDangerSummary(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  request: { enterpriseId: string; period: string },
  now: Date,
): Promise<{ period: string; figures: HiddenDangerFigures; signedName: string; signedAt: string }> {
  const { enterpriseId, period } = request;
  if (
    principal.role !== "enterprise_principal" ||
    principal.scope.kind !== "enterprises" ||
    !principal.scope.enterpriseIds.includes(enterpriseId)
  ) {
    throw forbidden(
      text("隐患排查治理统计由企业主要负责人签字确认", "The summary is signed by the enterprise's principal person"),
    );
  }
  const bounds = periodBounds(period)!;
  if (bounds.to > now) {
    throw invalidFields([
      {
        field: "period",
        text: text(`${period} 尚未结束，结束后再签字确认`, `${period} has not ended yet; sign it afterwards`),
      },
    ]);
  }
  const existing = await db
    .selectFrom("hidden_danger_summary")
    .select("signed_at")
    .where("enterprise_id", "=", enterpriseId)
    .where("period", "=", period)
    .executeTakeFirst();
  if (existing) {
    const on = existing.signed_at.toISOString();
    throw conflict(text(`${period} 的统计已于 ${on} 签字确认`, `${period} was already signed on ${on}`));
  }
  const figures = await hiddenDangerFigures(db, principal.scope, { enterpriseId, ...bounds }, now);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("hidden_danger_summary")
      .values({
        enterprise_id: enterpriseId,
        period,
        figures: JSON.stringify(figures),
        signed_by: principal.userId,
        signed_name: principal.displayName,
        signed_at: now,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: "sign",
      entityType: "hidden_danger_summary",
      entityId: `${enterpriseId}:${period}`,
      enterpriseId,
      after: figures,
    });
  });
  return { period, figures, signedName: principal.displayName, signedAt: now.toISOString() };
}
