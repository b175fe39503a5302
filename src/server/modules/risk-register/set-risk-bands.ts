import type { Kysely } from "kysely";
import type { Static } from "typebox";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { type RiskBands, validateBands } from "../../../domain/risk/bands";
import type { AssessmentMethod } from "../../../domain/risk/scales";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";
import { currentBands } from "./risk-bands";
import type { BandsBody } from "./schema";

/**
 * Makes new bands the current version for a method. Existing assessments keep the bands they were made with, so a
 * grade can always be traced to the bands in force when it was given.
 */
export async function setRiskBands(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  method: AssessmentMethod,
  body: Static<typeof BandsBody>,
): Promise<RiskBands> {
  const version = `${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "")}`;
  const bands: RiskBands = {
    method,
    version,
    thresholds: body.thresholds.map((t) => ({ level: t.level as RiskLevel, minScore: t.minScore })),
  };
  const problems = validateBands(bands);
  if (problems.length > 0) {
    const reasons = problems.map((p) => `${p.field}: ${p.reason}`);
    throw invalidFields([
      {
        field: "thresholds",
        text: {
          "zh-CN": `分级阈值无效（须为 1、2、3 级各一个、正数且逐级递减）：${reasons.join("；")}`,
          en: `Invalid bands (one each for levels 1, 2 and 3, positive, strictly decreasing): ${reasons.join("; ")}`,
        },
      },
    ]);
  }
  const before = await currentBands(db, method);
  await db.transaction().execute(async (trx) => {
    await trx.updateTable("risk_bands").set({ is_current: false }).where("method", "=", method).execute();
    await trx
      .insertInto("risk_bands")
      .values({
        method,
        version,
        thresholds: JSON.stringify(bands.thresholds),
        is_current: true,
        created_by: principal.userId,
      })
      .execute();
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "risk_bands",
      entityId: method,
      before,
      after: bands,
    });
  });
  return bands;
}
