import { seedReferenceData } from "../seed/seed-reference";
import type { Database } from "./database";
import { migrate } from "./migrate";

/** Brings a database up to this build's schema and reference data. */
export async function prepareDatabase(database: Database): Promise<{ migrations: string[] }> {
  const migrations = await migrate(database);
  await database.db.transaction().execute((trx) => seedReferenceData(trx));
  return { migrations };
}
