import type { Kysely } from "kysely";
import type { Static } from "typebox";
import type { DB } from "../../db/schema";
import { notFound } from "../../errors";
import { REFERENCE_KINDS, type ReferenceSet } from "./schema";

/** A reference set (industries, accident types, hazard factors, risk levels): the current version, or the one named. */
export async function findReferenceSet(
  db: Kysely<DB>,
  kind: keyof typeof REFERENCE_KINDS,
  version: string | undefined,
): Promise<Static<typeof ReferenceSet>> {
  const stored = REFERENCE_KINDS[kind];
  let setQuery = db.selectFrom("reference_set").selectAll().where("kind", "=", stored);
  setQuery = version ? setQuery.where("version", "=", version) : setQuery.where("is_current", "=", true);
  const set = await setQuery.executeTakeFirst();
  if (!set) throw notFound({ "zh-CN": "该版本的参考数据", en: "That version of the reference data" });
  const items = await db
    .selectFrom("reference_item")
    .selectAll()
    .where("kind", "=", stored)
    .where("version", "=", set.version)
    .orderBy("sort_order")
    .execute();
  return {
    kind,
    version: set.version,
    title: set.title,
    source: set.source,
    items: items.map((i) => ({
      code: i.code,
      parentCode: i.parent_code,
      nameZh: i.name_zh,
      nameEn: i.name_en,
      attributes: i.attributes,
    })),
  };
}
