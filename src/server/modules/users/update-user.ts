import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { isEnterpriseScoped, type Role } from "../../../domain/access/roles";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import { hashPassword, passwordProblem } from "../../auth/passwords";
import type { Principal } from "../../auth/principal";
import { revokeCredentials } from "../../auth/revoke-credentials";
import type { DB } from "../../db/schema";
import { forbidden, invalidFields, notFound } from "../../errors";
import { checkPlacement } from "./check-placement";
import { getUser } from "./find-users";
import { presentUser } from "./present-user";
import type { UserPatchBody } from "./schema";
import { findManagedUser } from "./user-scope";

const THE_USER = text("该用户", "The user");

/**
 * Changes a user's name, role, placement, password or state. Only an
 * administrator whose scope holds every placement of the user may do it, and
 * the new placement must lie in that scope too. Disabling the account or
 * resetting its password ends its sessions and revokes its API tokens.
 */
export async function updateUser(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  id: string,
  change: Static<typeof UserPatchBody>,
): Promise<void> {
  const managed = await findManagedUser(db, principal, id);
  if (!managed) throw notFound(THE_USER);
  if (!managed.wholly) {
    throw forbidden(
      text(
        "该用户还关联您管辖范围以外的属地、单位或企业，只能由管辖其全部范围的管理员修改",
        "This user is also placed outside your scope (a territory, organisation or enterprise); only an administrator over all of its placements may change it",
      ),
    );
  }
  // As the list shows it: the audit entry records this as the state before the change.
  const before = presentUser(await getUser(db, principal, managed.id));
  if (change.password !== undefined) {
    const weak = passwordProblem(change.password);
    if (weak) throw invalidFields([{ field: "password", text: weak }]);
  }
  if (change.disabled === true && before.id === principal.userId) {
    throw invalidFields([
      { field: "disabled", text: text("不能停用自己的账号", "You cannot disable your own account") },
    ]);
  }
  const role = (change.role ?? before.role) as Role;
  const territoryId = change.territoryId !== undefined ? change.territoryId : (before.territory?.id ?? null);
  const enterpriseIds = change.enterpriseIds ?? before.enterpriseIds;
  const organisationId =
    change.organisationId !== undefined ? change.organisationId : (before.organisation?.id ?? null);
  const industries = change.industries ?? before.industries;
  if (
    change.role !== undefined ||
    change.territoryId !== undefined ||
    change.enterpriseIds !== undefined ||
    change.organisationId !== undefined ||
    change.industries !== undefined
  ) {
    await checkPlacement(db, principal, { role, territoryId, enterpriseIds, organisationId, industries });
  }
  const passwordHash = change.password !== undefined ? await hashPassword(change.password) : undefined;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable("app_user")
      .set({
        display_name: change.displayName,
        role: change.role,
        territory_id: isEnterpriseScoped(role) ? null : territoryId,
        industries: change.industries,
        organisation_id: change.organisationId,
        disabled: change.disabled,
        password_hash: passwordHash,
        updated_at: new Date(),
      })
      .where("id", "=", before.id)
      .execute();
    if (change.enterpriseIds !== undefined || change.role !== undefined) {
      await trx.deleteFrom("user_enterprise").where("user_id", "=", before.id).execute();
      if (isEnterpriseScoped(role) && enterpriseIds.length > 0) {
        await trx
          .insertInto("user_enterprise")
          .values(
            [...new Set(enterpriseIds)].map((enterpriseId) => ({ user_id: before.id, enterprise_id: enterpriseId })),
          )
          .execute();
      }
    }
    // A disabled account or a reset password ends the user's sessions and revokes its API tokens.
    const revoked = change.disabled === true || passwordHash ? await revokeCredentials(trx, before.id) : undefined;
    const { password, ...changes } = change;
    await recordAudit(trx, actor, {
      action: "update",
      entityType: "user",
      entityId: before.id,
      before,
      after: {
        ...changes,
        ...(password !== undefined ? { passwordReset: true } : {}),
        ...(revoked ? { sessionsEnded: revoked.sessions, tokensRevoked: revoked.tokens } : {}),
      },
    });
  });
}
