import type { Kysely } from "kysely";
import { AUTHORITY } from "../../../domain/access/roles";
import type { TransitionContext } from "../../../domain/hidden-danger/lifecycle";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";

/** What the state machine needs to know about the caller. */
export function transitionContext(
  principal: Principal,
  now: Date,
  finderSupervisorIds: string[] = [],
): TransitionContext {
  return {
    actor: {
      userId: principal.userId,
      role: principal.role,
      authority: AUTHORITY[principal.role],
      isGovernment: principal.scope.kind === "territory",
    },
    now,
    finderSupervisorIds,
  };
}

/** The finder's supervisors: the enterprise's safety managers and principal above an employee, the principal above a safety manager. */
export async function finderSupervisors(db: Kysely<DB>, enterpriseId: string, finderId: string): Promise<string[]> {
  const finder = await db.selectFrom("app_user").select("role").where("id", "=", finderId).executeTakeFirst();
  const finderAuthority = finder ? AUTHORITY[finder.role as keyof typeof AUTHORITY] : 0;
  const staff = await db
    .selectFrom("user_enterprise")
    .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
    .select(["app_user.id", "app_user.role"])
    .where("user_enterprise.enterprise_id", "=", enterpriseId)
    .where("app_user.disabled", "=", false)
    .where("app_user.role", "in", ["safety_manager", "enterprise_principal"])
    .execute();
  return staff.filter((s) => AUTHORITY[s.role as keyof typeof AUTHORITY] > finderAuthority).map((s) => s.id);
}

/** The enterprise if the caller may see it. */
export async function visibleEnterprise(db: Kysely<DB>, principal: Principal, enterpriseId: string) {
  return db
    .selectFrom("enterprise")
    .select(["id", "name", "territory_path", "industry_code", "industry_section"])
    .where("id", "=", enterpriseId)
    .where((eb) => enterpriseInScope(eb, principal.scope))
    .executeTakeFirst();
}
