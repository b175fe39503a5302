import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { enterpriseForWrite } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { conflict } from "../../errors";
import { describeHistory, enterpriseHistory } from "./enterprise-history";
import { rowToValues } from "./enterprise-rules";

/**
 * Removes an enterprise registered by mistake. One that has any history is
 * refused (409): deleting it would cascade through its registers, hidden
 * dangers, readings and enforcement records, so it is closed instead. The row
 * is locked while the history is counted, so nothing can be attached to it
 * between the count and the delete.
 */
export async function deleteEnterprise(db: Kysely<DB>, principal: Principal, actor: Actor, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const stored = await enterpriseForWrite(trx, principal.scope, id, { lock: true });
    const history = await enterpriseHistory(trx, stored.id);
    if (history.length > 0) {
      const held = describeHistory(history);
      throw conflict(
        text(
          `该企业已有 ${held["zh-CN"]} 等记录，删除会一并清除这些历史，因此不能删除；请改用“关闭企业”，填写关闭原因，历史记录全部保留`,
          `The enterprise has ${held.en}; deleting it would erase that history, so it cannot be deleted. Close it instead: give the reason, and its whole history is kept`,
        ),
        { history: history.map((entry) => ({ kind: entry.kind, count: entry.count })) },
      );
    }
    await trx.deleteFrom("enterprise").where("id", "=", stored.id).execute();
    await recordAudit(trx, actor, {
      action: "delete",
      entityType: "enterprise",
      entityId: stored.id,
      enterpriseId: stored.id,
      territoryPath: stored.territory_path,
      before: rowToValues(stored),
    });
  });
}
