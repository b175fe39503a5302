import type { Selectable } from "kysely";
import type { Static } from "typebox";
import type { Locale } from "../../../domain/text";
import type { NotificationTable } from "../../db/schema";
import type { Notification } from "./schema";

/** A notification in the reader's language. */
export function presentNotification(row: Selectable<NotificationTable>, locale: Locale): Static<typeof Notification> {
  const en = locale === "en";
  return {
    id: row.id,
    kind: row.kind,
    title: en ? row.title_en : row.title_zh,
    body: en ? row.body_en : row.body_zh,
    link: row.link,
    severity: row.severity,
    createdAt: row.created_at.toISOString(),
    readAt: row.read_at?.toISOString() ?? null,
  };
}
