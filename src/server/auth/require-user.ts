import type { Kysely, Transaction } from "kysely";
import type { Role } from "../../domain/access/roles";
import type { DB } from "../db/schema";
import { invalidFields, type LocalisedText } from "../errors";
import type { Scope } from "./principal";
import { pathInScope } from "./scope";

/** The enterprise's own people: who can be made responsible for, or named as doing, work inside it. */
export const ENTERPRISE_STAFF: readonly Role[] = ["enterprise_principal", "safety_manager", "employee"];

const GOVERNMENT: readonly Role[] = ["supervisor", "department", "admin"];

/** Who a user id in a request body has to be. */
export type UserRule =
  /** An active user linked to this enterprise, in one of these roles (its staff unless said otherwise). */
  | { kind: "enterprise"; enterpriseId: string; roles?: readonly Role[] }
  /**
   * An active government user of the caller's own territory subtree (the officers the caller may call on,
   * as the inspector list offers them); an administrator without a territory belongs to the root.
   */
  | { kind: "government"; within: Scope };

export interface KnownUser {
  id: string;
  displayName: string;
  role: Role;
}

/**
 * Checks that every id names an active (not disabled) user the rule allows,
 * and returns them in the order given. Anything else (an unknown id, a
 * disabled account, someone of another enterprise or jurisdiction) is a 400
 * naming the field, so no row ever stores a person who cannot act on it.
 */
export async function requireUsers(
  db: Kysely<DB> | Transaction<DB>,
  field: string,
  ids: readonly string[],
  rule: UserRule,
): Promise<KnownUser[]> {
  const { users, problem } = await checkUsers(db, field, ids, rule);
  if (problem) throw invalidFields([problem]);
  return users;
}

/** One user id, by the same rule. */
export async function requireUser(
  db: Kysely<DB> | Transaction<DB>,
  field: string,
  id: string,
  rule: UserRule,
): Promise<KnownUser> {
  const [user] = await requireUsers(db, field, [id], rule);
  return user;
}

/** The same check, returning the problem instead of throwing it, for a route that reports all its problems at once. */
export async function checkUsers(
  db: Kysely<DB> | Transaction<DB>,
  field: string,
  ids: readonly string[],
  rule: UserRule,
): Promise<{ users: KnownUser[]; problem: { field: string; text: LocalisedText } | null }> {
  const wanted = [...new Set(ids)];
  if (wanted.length === 0) return { users: [], problem: null };
  const found = new Map<string, KnownUser>();
  if (rule.kind === "enterprise") {
    const rows = await db
      .selectFrom("app_user")
      .innerJoin("user_enterprise", "user_enterprise.user_id", "app_user.id")
      .select(["app_user.id", "app_user.display_name", "app_user.role"])
      .where("app_user.id", "in", wanted)
      .where("app_user.disabled", "=", false)
      .where("app_user.role", "in", rule.roles ?? ENTERPRISE_STAFF)
      .where("user_enterprise.enterprise_id", "=", rule.enterpriseId)
      .execute();
    for (const row of rows) found.set(row.id, { id: row.id, displayName: row.display_name, role: row.role as Role });
  } else {
    const rows = await db
      .selectFrom("app_user")
      .leftJoin("territory", "territory.id", "app_user.territory_id")
      .select(["app_user.id", "app_user.display_name", "app_user.role", "app_user.industries", "territory.path"])
      .where("app_user.id", "in", wanted)
      .where("app_user.disabled", "=", false)
      .where("app_user.role", "in", GOVERNMENT)
      .execute();
    for (const row of rows) {
      const path = row.path ?? (row.role === "admin" ? "/" : null);
      if (path !== null && pathInScope(rule.within, path)) {
        found.set(row.id, { id: row.id, displayName: row.display_name, role: row.role as Role });
      }
    }
  }
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) {
    return { users: [], problem: { field, text: explain(field, rule, missing.length, wanted.length) } };
  }
  return { users: ids.map((id) => found.get(id)!), problem: null };
}

function explain(field: string, rule: UserRule, missing: number, asked: number): LocalisedText {
  const which =
    asked === 1
      ? { zh: "所选人员", en: "The person chosen" }
      : { zh: `所选人员中有 ${missing} 人`, en: `${missing} of the people chosen` };
  if (rule.kind === "enterprise") {
    return {
      "zh-CN": `${field}：${which.zh}不存在、已停用或不是该企业的人员；请从该企业的在岗人员中重新选择`,
      en: `${field}: ${which.en} ${asked === 1 ? "does" : "do"} not exist, ${asked === 1 ? "is" : "are"} disabled, or ${asked === 1 ? "is" : "are"} not one of this enterprise's people; choose again from its active staff`,
    };
  }
  return {
    "zh-CN": `${field}：${which.zh}不存在、已停用，或不是您辖区内的政府监管人员；请从执法人员名单中重新选择`,
    en: `${field}: ${which.en} ${asked === 1 ? "does" : "do"} not exist, ${asked === 1 ? "is" : "are"} disabled, or ${asked === 1 ? "is" : "are"} not government officers of your territory; choose again from the inspector list`,
  };
}
