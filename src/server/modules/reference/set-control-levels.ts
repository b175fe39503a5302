import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";
import { presentControlLevels } from "./present-control-levels";
import type { ControlLevelMapping, ControlLevels } from "./schema";

/** Changes which organisational level controls each risk level; risk points set by hand keep their own. */
export async function setControlLevels(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  body: Static<typeof ControlLevelMapping>,
): Promise<Static<typeof ControlLevels>> {
  const levels = body.items.map((i) => i.riskLevel).sort();
  if (levels.join(",") !== "1,2,3,4") {
    throw invalidFields([
      {
        field: "items",
        text: {
          "zh-CN": "须为 1–4 级风险各给出一个管控层级",
          en: "Give exactly one control level for each risk level 1–4",
        },
      },
    ]);
  }
  const before = await db
    .selectFrom("control_level_mapping")
    .select(["risk_level", "control_level"])
    .orderBy("risk_level")
    .execute();
  await db.transaction().execute(async (trx) => {
    for (const item of body.items) {
      await trx
        .updateTable("control_level_mapping")
        .set({ control_level: item.controlLevel, updated_at: new Date(), updated_by: principal.userId })
        .where("risk_level", "=", item.riskLevel)
        .execute();
    }
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "control_level_mapping",
      entityId: "default",
      before,
      after: body.items,
    });
  });
  return presentControlLevels(body.items);
}
