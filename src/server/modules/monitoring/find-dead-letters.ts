import { type Kysely, sql } from "kysely";
import type { Static } from "typebox";
import type { Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import type { DeadLetterQuery } from "./schema";

/** Device messages in the scope that could not be stored, newest first, with the reason. */
export function findDeadLetters(db: Kysely<DB>, scope: Scope, filter: Static<typeof DeadLetterQuery>) {
  let query = db
    .selectFrom("ingest_dead_letter")
    .innerJoin("enterprise", "enterprise.id", "ingest_dead_letter.enterprise_id")
    .selectAll("ingest_dead_letter")
    .select("enterprise.name as enterprise_name")
    .where((eb) => enterpriseInScope(eb, scope));
  if (filter.enterpriseId) query = query.where("ingest_dead_letter.enterprise_id", "=", filter.enterpriseId);
  if (filter.deviceCode) query = query.where("ingest_dead_letter.device_code", "=", filter.deviceCode);
  return query.orderBy("ingest_dead_letter.last_at", "desc").limit(filter.limit).execute();
}

/** Installation-wide counts of readings accepted, duplicated and rejected per day, channel and reason, last 7 days. */
export function findIngestCounts(db: Kysely<DB>) {
  return db
    .selectFrom("ingest_counter")
    .selectAll()
    .where(sql<boolean>`day >= current_date - 7`)
    .orderBy("day", "desc")
    .execute();
}
