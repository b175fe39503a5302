import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { isEnterpriseScoped } from "../../../domain/access/roles";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import { hashPassword, passwordProblem } from "../../auth/passwords";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";
import { checkPlacement } from "./check-placement";
import type { UserCreateBody } from "./schema";

/**
 * Creates a user placed inside the administrator's own scope, with a password
 * strong enough and a username nobody has. The password is never recorded in
 * the audit trail. Returns the new user's id.
 */
export async function createUser(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  input: Static<typeof UserCreateBody>,
): Promise<string> {
  const weak = passwordProblem(input.password);
  if (weak) throw invalidFields([{ field: "password", text: weak }]);
  const enterpriseIds = input.enterpriseIds ?? [];
  await checkPlacement(db, principal, {
    role: input.role,
    territoryId: input.territoryId ?? null,
    enterpriseIds,
    organisationId: input.organisationId ?? null,
    industries: input.industries ?? [],
  });
  const taken = await db.selectFrom("app_user").select("id").where("username", "=", input.username).executeTakeFirst();
  if (taken) {
    throw invalidFields([
      { field: "username", text: text(`用户名 ${input.username} 已被使用`, `The username ${input.username} is taken`) },
    ]);
  }
  // Hashed before the transaction: the deliberately slow hash must not hold it open.
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("app_user")
      .values({
        username: input.username,
        display_name: input.displayName,
        password_hash: passwordHash,
        role: input.role,
        territory_id: isEnterpriseScoped(input.role) ? null : (input.territoryId ?? null),
        industries: input.industries ?? [],
        organisation_id: input.organisationId ?? null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (isEnterpriseScoped(input.role) && enterpriseIds.length > 0) {
      await trx
        .insertInto("user_enterprise")
        .values(
          [...new Set(enterpriseIds)].map((enterpriseId) => ({ user_id: created.id, enterprise_id: enterpriseId })),
        )
        .execute();
    }
    const { password: _secret, ...recorded } = input;
    await recordAudit(trx, actor, { action: "create", entityType: "user", entityId: created.id, after: recorded });
    return created.id;
  });
}
