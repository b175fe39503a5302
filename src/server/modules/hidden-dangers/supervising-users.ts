import type { Kysely, Transaction } from "kysely";
import type { DB } from "../../db/schema";

/** Government users who supervise an enterprise: supervisors of its territory line and departments of its industry. */
export async function supervisingUsers(
  db: Kysely<DB> | Transaction<DB>,
  enterprise: { territory_path: string; industry_code: string; industry_section: string },
): Promise<string[]> {
  const users = await db
    .selectFrom("app_user")
    .innerJoin("territory", "territory.id", "app_user.territory_id")
    .select(["app_user.id", "app_user.role", "app_user.industries", "territory.path"])
    .where("app_user.role", "in", ["supervisor", "department"])
    .where("app_user.disabled", "=", false)
    .execute();
  return users
    .filter((u) => enterprise.territory_path.startsWith(u.path))
    .filter(
      (u) =>
        u.role === "supervisor" ||
        u.industries.length === 0 ||
        u.industries.includes(enterprise.industry_code) ||
        u.industries.includes(enterprise.industry_section),
    )
    .map((u) => u.id);
}
