import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";

/** Marks one of the user's notifications read; another user's answers 404 as a missing one does. */
export async function markNotificationRead(db: Kysely<DB>, userId: string, id: string): Promise<void> {
  const updated = await db
    .updateTable("notification")
    .set({ read_at: new Date() })
    .where("user_id", "=", userId)
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
  if (!updated) throw notFound(text("该通知", "The notification"));
}

/** Marks all of the user's unread notifications read. */
export async function markAllNotificationsRead(db: Kysely<DB>, userId: string): Promise<void> {
  await db
    .updateTable("notification")
    .set({ read_at: new Date() })
    .where("user_id", "=", userId)
    .where("read_at", "is", null)
    .execute();
}
