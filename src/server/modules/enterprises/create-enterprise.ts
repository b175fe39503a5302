import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";
import { checkEnterprise, databaseLookups, rejection, toColumns, usccTaken } from "./enterprise-rules";
import type { EnterpriseCreateBody } from "./schema";

/**
 * Registers an enterprise: its fields are checked against the rules and the
 * caller's scope (one placed outside is refused with 403), and its credit code
 * must not be registered yet. Returns the new enterprise's id.
 */
export async function createEnterprise(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  input: Static<typeof EnterpriseCreateBody>,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const checked = await checkEnterprise(databaseLookups(trx), principal, input);
    if (checked.values === null) throw rejection(checked.issues);
    const values = checked.values;
    if (await usccTaken(trx, values.uscc)) {
      throw invalidFields([
        {
          field: "uscc",
          text: text(
            `统一社会信用代码 ${values.uscc} 已登记，请检查是否重复录入`,
            `Credit code ${values.uscc} is already registered; check for a duplicate`,
          ),
        },
      ]);
    }
    const created = await trx
      .insertInto("enterprise")
      .values(toColumns(values))
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "enterprise",
      entityId: created.id,
      enterpriseId: created.id,
      territoryPath: values.territory_path,
      after: values,
    });
    return created.id;
  });
}
