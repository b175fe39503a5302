import type { Transaction } from "kysely";
import { defaultControlLevelByRiskLevel, type RiskLevel, referenceSets } from "../../domain/reference";
import type { DB } from "../db/schema";

/**
 * Loads the versioned reference sets shipped in src/domain/reference, each as
 * the current version of its kind, and the default level → control level
 * mapping. Sets already present are left as they are.
 */
export async function seedReferenceData(trx: Transaction<DB>): Promise<void> {
  for (const set of referenceSets) {
    const exists = await trx
      .selectFrom("reference_set")
      .select("version")
      .where("kind", "=", set.kind)
      .where("version", "=", set.version)
      .executeTakeFirst();
    if (exists) continue;
    await trx.updateTable("reference_set").set({ is_current: false }).where("kind", "=", set.kind).execute();
    await trx
      .insertInto("reference_set")
      .values({ kind: set.kind, version: set.version, title: set.title, source: set.source, is_current: true })
      .execute();
    await trx
      .insertInto("reference_item")
      .values(
        set.items.map((item, index) => {
          const { code, parentCode, nameZh, nameEn, ...attributes } = item as typeof item & Record<string, unknown>;
          return {
            kind: set.kind,
            version: set.version,
            code,
            parent_code: parentCode,
            name_zh: nameZh,
            name_en: nameEn,
            sort_order: index,
            attributes: JSON.stringify(attributes),
          };
        }),
      )
      .execute();
  }
  const mapping = await trx.selectFrom("control_level_mapping").select("risk_level").execute();
  if (mapping.length === 0) {
    await trx
      .insertInto("control_level_mapping")
      .values(
        ([1, 2, 3, 4] as RiskLevel[]).map((level) => ({
          risk_level: level,
          control_level: defaultControlLevelByRiskLevel[level],
          updated_at: new Date(),
          updated_by: null,
        })),
      )
      .execute();
  }
}
