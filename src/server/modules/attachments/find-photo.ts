import type { Kysely } from "kysely";
import { text } from "../../../domain/text";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import { resolveOwner } from "../risk-register/register-owner";

/** A stored photo, if its owner's records are the caller's to read; any other answers 404 as a missing one does. */
export async function findPhoto(db: Kysely<DB>, principal: Principal, id: string) {
  const row = await db
    .selectFrom("attachment")
    .select(["owner_id", "content_type", "data", "sha256"])
    .where("id", "=", id)
    .executeTakeFirst();
  const missing = notFound(text("该附件", "The attachment"));
  if (!row) throw missing;
  await resolveOwner(db, principal, row.owner_id, "read").catch(() => {
    throw missing;
  });
  return row;
}
