import { type Kysely, sql } from "kysely";
import type { Locale } from "../../../domain/text";
import type { DB } from "../../db/schema";
import { presentNotification } from "./present-notification";

/** A page of a user's notifications, newest first (unread ones only if asked), and how many are unread in all. */
export async function findNotifications(
  db: Kysely<DB>,
  userId: string,
  filter: { unread?: boolean; page: number; pageSize: number },
  locale: Locale,
) {
  const { unread, page, pageSize } = filter;
  let query = db.selectFrom("notification").where("user_id", "=", userId);
  if (unread) query = query.where("read_at", "is", null);
  const [rows, count, unreadCount] = await Promise.all([
    query
      .selectAll()
      .orderBy("created_at", "desc")
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute(),
    query.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
    db
      .selectFrom("notification")
      .select(sql<number>`count(*)`.as("n"))
      .where("user_id", "=", userId)
      .where("read_at", "is", null)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => presentNotification(row, locale)),
    total: Number(count.n),
    unread: Number(unreadCount.n),
  };
}
