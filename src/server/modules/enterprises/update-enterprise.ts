import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { enterpriseForWrite } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";
import { checkEnterprise, databaseLookups, rejection, rowToValues, toColumns, usccTaken } from "./enterprise-rules";
import type { EnterprisePatchBody } from "./schema";

/**
 * Changes an enterprise's record. The stored row must lie in the caller's
 * scope (else 404) and is locked until the change commits; the new values are
 * checked to fit the scope too, and an enterprise's own people may not change
 * the fields the government keeps.
 */
export async function updateEnterprise(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  patch: Static<typeof EnterprisePatchBody>,
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const stored = await enterpriseForWrite(trx, principal.scope, id, { lock: true });
    const before = rowToValues(stored);
    const checked = await checkEnterprise(databaseLookups(trx), principal, patch, { id: stored.id, values: before });
    if (checked.values === null) throw rejection(checked.issues);
    const after = checked.values;
    if (after.uscc !== before.uscc && (await usccTaken(trx, after.uscc))) {
      throw invalidFields([
        {
          field: "uscc",
          text: text(
            `统一社会信用代码 ${after.uscc} 已被其他企业使用`,
            `Credit code ${after.uscc} belongs to another enterprise`,
          ),
        },
      ]);
    }
    await trx
      .updateTable("enterprise")
      .set({ ...toColumns(after), updated_at: new Date() })
      .where("id", "=", stored.id)
      .execute();
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "enterprise",
      entityId: stored.id,
      enterpriseId: stored.id,
      territoryPath: after.territory_path,
      before,
      after,
    });
  });
}
