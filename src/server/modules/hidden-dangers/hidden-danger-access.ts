import type { Kysely } from "kysely";
import { AUTHORITY, type Permission } from "../../../domain/access/roles";
import type { TransitionContext } from "../../../domain/hidden-danger/lifecycle";
import type { HiddenDangerActionType } from "../../../domain/hidden-danger/vocabulary";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";

// Who may ask for each step; the state machine then decides whether the step is legal now.
const ACTION_PERMISSIONS: Record<HiddenDangerActionType, Permission[]> = {
  confirm: ["hidden-danger:manage", "hidden-danger:supervise"],
  dismiss: ["hidden-danger:manage", "hidden-danger:supervise"],
  start_rectification: ["hidden-danger:manage", "hidden-danger:report"],
  submit_rectification: ["hidden-danger:manage", "hidden-danger:report"],
  verify_pass: ["hidden-danger:manage", "hidden-danger:supervise"],
  verify_fail: ["hidden-danger:manage", "hidden-danger:supervise"],
  request_extension: ["hidden-danger:manage", "hidden-danger:report"],
  approve_extension: ["hidden-danger:manage", "hidden-danger:supervise"],
  reject_extension: ["hidden-danger:manage", "hidden-danger:supervise"],
  list_for_supervision: ["hidden-danger:supervise"],
  require_progress_report: ["hidden-danger:supervise"],
  report_progress: ["hidden-danger:manage", "hidden-danger:report"],
  delist: ["hidden-danger:supervise"],
  close_on_spot: ["hidden-danger:manage"],
};

/** True when the caller's permissions let it ask for this step. */
export function mayAskFor(principal: Principal, action: HiddenDangerActionType): boolean {
  return ACTION_PERMISSIONS[action].some((p) => principal.permissions.includes(p));
}

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
