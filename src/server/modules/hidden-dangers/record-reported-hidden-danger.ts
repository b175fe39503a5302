import type { Transaction } from "kysely";
import type { Static } from "typebox";
import type { HiddenDangerSource } from "../../../domain/hidden-danger/vocabulary";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { notify } from "../../notifications/notify";
import type { ReportBody } from "./schema";
import { storeReportedHiddenDanger } from "./store-hidden-danger";

export type HiddenDangerReport = Omit<Static<typeof ReportBody>, "source"> & { source: HiddenDangerSource };

/**
 * The one way a reported hidden danger comes into being: checked by the life cycle, stored with its first event,
 * audited, and announced to the enterprise's managers, all in the caller's transaction. Used by the report route,
 * by enforcement inspections (source "government") and by the demo seed.
 */
export async function recordReportedHiddenDanger(
  trx: Transaction<DB>,
  options: {
    actor: Actor;
    principal: Principal;
    enterprise: { id: string; territory_path: string };
    report: HiddenDangerReport;
    now: Date;
  },
): Promise<{ id: string; code: string }> {
  const { actor, principal, enterprise, report, now } = options;
  const created = await storeReportedHiddenDanger(trx, {
    principal,
    enterprise,
    report: {
      source: report.source,
      description: report.description,
      level: report.level,
      photoIds: report.photoIds,
    },
    place: report.place,
    riskPointId: report.riskPointId,
    categoryCode: report.categoryCode,
    now,
  });
  await recordAudit(trx, actor, {
    action: "report",
    entityType: "hidden_danger",
    entityId: created.id,
    enterpriseId: enterprise.id,
    territoryPath: enterprise.territory_path,
    after: { code: created.code, ...report },
  });
  const managers = await trx
    .selectFrom("user_enterprise")
    .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
    .select("app_user.id")
    .where("user_enterprise.enterprise_id", "=", enterprise.id)
    .where("app_user.role", "in", ["safety_manager", "enterprise_principal"])
    .execute();
  await notify(trx, {
    userIds: managers.map((m) => m.id).filter((m) => m !== principal.userId),
    kind: "hidden_danger.reported",
    dedupeKey: `hd:${created.id}:reported`,
    title: text(`新上报隐患 ${created.code}`, `New hidden danger ${created.code}`),
    body: text(report.description, report.description),
    link: `/hidden-dangers/${created.id}`,
    enterpriseId: enterprise.id,
    territoryPath: enterprise.territory_path,
    at: now,
  });
  return { id: created.id, code: created.code };
}
