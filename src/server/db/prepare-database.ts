import { seedGb18218 } from "../modules/major-hazards/gb18218-table";
import { seedDefaultBands } from "../modules/risk-register/risk-bands";
import { seedReferenceData } from "../seed/seed-reference";
import type { Database } from "./database";
import { migrate } from "./migrate";

/** Brings a database up to this build's schema and reference data. */
export async function prepareDatabase(database: Database): Promise<{ migrations: string[] }> {
  const migrations = await migrate(database);
  await database.db.transaction().execute(async (trx) => {
    await seedReferenceData(trx);
    await seedDefaultBands(trx);
    await seedGb18218(trx);
  });
  return { migrations };
}
