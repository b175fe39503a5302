import { type Kysely, sql } from "kysely";
import type { Static } from "typebox";
import { text } from "../../../domain/text";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import type { UserRecord } from "./present-user";
import type { UserListQuery } from "./schema";
import { usersInScope } from "./user-scope";

function withPlacement(db: Kysely<DB>, principal: Principal) {
  return usersInScope(db, principal).select([
    "app_user.id",
    "app_user.username",
    "app_user.display_name",
    "app_user.role",
    "app_user.industries",
    "app_user.disabled",
    "app_user.created_at",
    "territory.id as territory_id",
    "territory.code as territory_code",
    "territory.name as territory_name",
    "organisation.id as organisation_id",
    "organisation.name as organisation_name",
  ]);
}

/** The users with these ids that the administrator may see, in the order of the ids. */
export async function loadUsers(db: Kysely<DB>, principal: Principal, ids: string[]): Promise<UserRecord[]> {
  if (ids.length === 0) return [];
  const rows = await withPlacement(db, principal).where("app_user.id", "in", ids).execute();
  const links = await db
    .selectFrom("user_enterprise")
    .select(["user_id", "enterprise_id"])
    .where("user_id", "in", ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids
    .map((id) => byId.get(id))
    .filter((row) => row !== undefined)
    .map((row) => ({
      ...row,
      enterprise_ids: links.filter((link) => link.user_id === row.id).map((link) => link.enterprise_id),
    }));
}

/** One user the administrator may see; any other is not found. */
export async function getUser(db: Kysely<DB>, principal: Principal, id: string): Promise<UserRecord> {
  const [user] = await loadUsers(db, principal, [id]);
  if (!user) throw notFound(text("该用户", "The user"));
  return user;
}

/** One page of the users the administrator manages, by username, with the list page's search and role filter. */
export async function findUsers(
  db: Kysely<DB>,
  principal: Principal,
  filters: Static<typeof UserListQuery>,
): Promise<{ records: UserRecord[]; total: number }> {
  const { q, role, page, pageSize } = filters;
  let query = usersInScope(db, principal);
  if (q) {
    query = query.where((eb) =>
      eb.or([eb("app_user.username", "ilike", `%${q}%`), eb("app_user.display_name", "ilike", `%${q}%`)]),
    );
  }
  if (role) query = query.where("app_user.role", "=", role);
  const [ids, count] = await Promise.all([
    query
      .select("app_user.id")
      .orderBy("app_user.username")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
  ]);
  const records = await loadUsers(
    db,
    principal,
    ids.map((row) => row.id),
  );
  return { records, total: Number(count.n) };
}
