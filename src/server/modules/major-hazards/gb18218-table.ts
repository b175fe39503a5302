import type { Kysely, Transaction } from "kysely";
import { GB18218_2018, type ThresholdTable } from "../../../domain/major-hazard/threshold-table";
import type { DB } from "../../db/schema";

type Db = Kysely<DB> | Transaction<DB>;

/** Seeds the GB 18218-2018 table shipped in src/domain as the first, current version. */
export async function seedGb18218(trx: Transaction<DB>): Promise<void> {
  const exists = await trx.selectFrom("gb18218_version").select("version").executeTakeFirst();
  if (exists) return;
  await writeTableVersion(trx, GB18218_2018, {
    basedOn: null,
    note: "GB 18218-2018 tables 1–4 (excerpt)",
    createdBy: null,
  });
}

/** Stores a whole table as a new version and makes it current; older versions stay for the results that used them. */
export async function writeTableVersion(
  trx: Transaction<DB>,
  table: ThresholdTable,
  meta: { basedOn: string | null; note: string; createdBy: string | null },
): Promise<void> {
  await trx.updateTable("gb18218_version").set({ is_current: false }).execute();
  await trx
    .insertInto("gb18218_version")
    .values({
      version: table.version,
      based_on: meta.basedOn,
      note: meta.note,
      is_current: true,
      created_by: meta.createdBy,
    })
    .execute();
  await trx
    .insertInto("gb18218_substance")
    .values(
      table.substances.map((s) => ({
        version: table.version,
        key: s.cas ?? `name:${s.nameZh}`,
        cas: s.cas,
        other_cas: [...(s.otherCas ?? [])],
        name_zh: s.nameZh,
        name_en: s.nameEn,
        aliases: [...s.aliases],
        threshold_tonnes: s.thresholdTonnes,
        hazard_class: s.hazardClass,
        beta_toxic_gas: s.betaToxicGas ?? null,
      })),
    )
    .execute();
  await trx
    .insertInto("gb18218_class")
    .values(
      table.classes.map((c) => ({
        version: table.version,
        code: c.code,
        name_zh: c.nameZh,
        name_en: c.nameEn,
        threshold_tonnes: c.thresholdTonnes,
        beta: c.beta,
      })),
    )
    .execute();
}

/** The current table (or a named version) as the domain rules take it. */
export async function loadThresholdTable(db: Db, version?: string): Promise<ThresholdTable> {
  const header = await (version
    ? db.selectFrom("gb18218_version").select("version").where("version", "=", version)
    : db.selectFrom("gb18218_version").select("version").where("is_current", "=", true)
  ).executeTakeFirstOrThrow();
  const [substances, classes] = await Promise.all([
    db
      .selectFrom("gb18218_substance")
      .selectAll()
      .where("version", "=", header.version)
      .orderBy("threshold_tonnes")
      .execute(),
    db.selectFrom("gb18218_class").selectAll().where("version", "=", header.version).orderBy("code").execute(),
  ]);
  return {
    version: header.version,
    substances: substances.map((s) => ({
      cas: s.cas,
      ...(s.other_cas.length > 0 ? { otherCas: s.other_cas } : {}),
      nameZh: s.name_zh,
      nameEn: s.name_en,
      aliases: s.aliases,
      thresholdTonnes: s.threshold_tonnes,
      hazardClass: s.hazard_class,
      ...(s.beta_toxic_gas === null ? {} : { betaToxicGas: s.beta_toxic_gas }),
    })),
    classes: classes.map((c) => ({
      code: c.code,
      nameZh: c.name_zh,
      nameEn: c.name_en,
      thresholdTonnes: c.threshold_tonnes,
      beta: c.beta,
    })) as ThresholdTable["classes"],
  };
}
