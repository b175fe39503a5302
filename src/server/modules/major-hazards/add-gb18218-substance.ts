import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { invalidFields } from "../../errors";
import { loadThresholdTable, writeTableVersion } from "./gb18218-table";
import type { SubstanceAdded, SubstanceBody } from "./schema";

/**
 * Adds a named substance to the GB 18218 threshold table. This makes a new table version; results identified earlier
 * keep the version they used.
 */
export async function addGb18218Substance(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  body: Static<typeof SubstanceBody>,
): Promise<Static<typeof SubstanceAdded>> {
  const table = await loadThresholdTable(db);
  if (!table.classes.some((c) => c.code === body.hazardClass)) {
    throw invalidFields([
      {
        field: "hazardClass",
        text: {
          "zh-CN": `类别应为：${table.classes.map((c) => c.code).join(", ")}`,
          en: `The class must be one of ${table.classes.map((c) => c.code).join(", ")}`,
        },
      },
    ]);
  }
  if (body.cas && table.substances.some((s) => s.cas === body.cas)) {
    throw invalidFields([
      {
        field: "cas",
        text: { "zh-CN": `CAS ${body.cas} 已在表中`, en: `CAS ${body.cas} is already in the table` },
      },
    ]);
  }
  const version = `${table.version.split("+")[0]}+${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "")}`;
  const next = {
    ...table,
    version,
    substances: [
      ...table.substances,
      {
        cas: body.cas,
        nameZh: body.nameZh,
        nameEn: body.nameEn,
        aliases: body.aliases ?? [],
        thresholdTonnes: body.thresholdTonnes,
        hazardClass: body.hazardClass,
        ...(body.betaToxicGas ? { betaToxicGas: body.betaToxicGas } : {}),
      },
    ],
  };
  await db.transaction().execute(async (trx) => {
    await writeTableVersion(trx, next, {
      basedOn: table.version,
      note: `added ${body.nameZh}`,
      createdBy: principal.userId,
    });
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "gb18218_substance",
      entityId: body.cas ?? body.nameZh,
      after: { version, ...body },
    });
  });
  return { version, substances: next.substances.length };
}
