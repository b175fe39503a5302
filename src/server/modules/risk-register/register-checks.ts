import type { Kysely } from "kysely";
import type { DB } from "../../db/schema";
import { invalidFields, type LocalisedText } from "../../errors";
import type { RegisterOwner } from "./register-owner";

/** Photos must have been uploaded to the same register. */
export async function checkPhotos(db: Kysely<DB>, ownerId: string, photoIds: string[] | undefined): Promise<void> {
  if (!photoIds?.length) return;
  const found = await db
    .selectFrom("attachment")
    .select("id")
    .where("owner_id", "=", ownerId)
    .where("id", "in", photoIds)
    .execute();
  if (found.length !== new Set(photoIds).size) {
    throw invalidFields([
      {
        field: "photoIds",
        text: {
          "zh-CN": "部分照片不存在或不属于本清单，请重新上传",
          en: "Some photos do not exist or belong to another register; upload them again",
        },
      },
    ]);
  }
}

/** A public-area risk point needs its category; an enterprise's has none. */
export function checkPublicCategory(owner: RegisterOwner, publicCategory: string | null | undefined): void {
  if (owner.kind === "territory" && !publicCategory) {
    throw invalidFields([
      {
        field: "publicCategory",
        text: {
          "zh-CN": "公共区域风险点须选择类别（人员密集场所、燃气管线、施工工地等）",
          en: "A public-area risk point needs a category (crowded place, gas pipeline, construction site, …)",
        },
      },
    ]);
  }
}

/** The hazard factor must be in the current GB/T 13861-2022 set and every accident type in the GB 6441 set. */
export async function checkReferenceCodes(db: Kysely<DB>, factorCode: string, accidentTypes: string[]): Promise<void> {
  const codes = await db
    .selectFrom("reference_item")
    .innerJoin("reference_set", (join) =>
      join
        .onRef("reference_set.kind", "=", "reference_item.kind")
        .onRef("reference_set.version", "=", "reference_item.version"),
    )
    .select(["reference_item.kind", "reference_item.code"])
    .where("reference_set.is_current", "=", true)
    .where("reference_item.kind", "in", ["hazard_factor", "accident_type"])
    .execute();
  const problems: { field: string; text: LocalisedText }[] = [];
  if (!codes.some((c) => c.kind === "hazard_factor" && c.code === factorCode)) {
    problems.push({
      field: "factorCode",
      text: {
        "zh-CN": `危险有害因素代码 ${factorCode} 不在 GB/T 13861-2022 中（如 11、21、31、41）`,
        en: `Hazard factor code ${factorCode} is not in GB/T 13861-2022 (e.g. 11, 21, 31, 41)`,
      },
    });
  }
  const unknown = accidentTypes.filter((code) => !codes.some((c) => c.kind === "accident_type" && c.code === code));
  if (unknown.length > 0) {
    problems.push({
      field: "accidentTypes",
      text: {
        "zh-CN": `事故类型 ${unknown.join("、")} 不在 GB 6441 的 20 类中（代码 01–20）`,
        en: `Accident type(s) ${unknown.join(", ")} are not among the 20 GB 6441 types (codes 01–20)`,
      },
    });
  }
  if (problems.length > 0) throw invalidFields(problems);
}

/** A measure may name a hazard only of its own risk point. */
export async function checkHazardOfPoint(
  db: Kysely<DB>,
  point: { owner_id: string; id: string },
  hazardId: string | null | undefined,
): Promise<void> {
  if (!hazardId) return;
  const hazard = await db
    .selectFrom("hazard")
    .select("id")
    .where("owner_id", "=", point.owner_id)
    .where("risk_point_id", "=", point.id)
    .where("id", "=", hazardId)
    .executeTakeFirst();
  if (!hazard) {
    throw invalidFields([
      {
        field: "hazardId",
        text: { "zh-CN": "该危险源不属于此风险点", en: "That hazard does not belong to this risk point" },
      },
    ]);
  }
}
