import { Type } from "typebox";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { type RiskBands, validateBands } from "../../../domain/risk/bands";
import { SCALES } from "../../../domain/risk/scales";
import { recordAudit } from "../../audit/record-audit";
import { invalidFields } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { loadThresholdTable, writeTableVersion } from "../major-hazards/gb18218-table";
import { currentBands } from "./risk-bands";

const Method = Type.Union([Type.Literal("LS"), Type.Literal("LEC"), Type.Literal("MES")]);
const Thresholds = Type.Array(
  Type.Object({ level: Type.Integer({ minimum: 1, maximum: 3 }), minScore: Type.Number({ exclusiveMinimum: 0 }) }),
  {
    minItems: 3,
    maxItems: 3,
  },
);

export async function riskSettingsRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/risk-methods",
    {
      config: { permission: "calculator:use" },
      schema: {
        tags: ["risk register"],
        summary: "The three assessment methods: scales with the meaning of each value, and the current bands",
      },
    },
    async () => ({
      methods: await Promise.all(
        (["LS", "LEC", "MES"] as const).map(async (method) => ({
          method,
          scales: SCALES[method],
          bands: await currentBands(db, method),
        })),
      ),
    }),
  );

  app.put(
    "/risk-methods/:method/bands",
    {
      config: { permission: "risk-settings:write" },
      schema: {
        tags: ["risk register"],
        summary: "Set new bands for a method; existing assessments keep the bands they were made with",
        params: Type.Object({ method: Method }),
        body: Type.Object({ thresholds: Thresholds }, { additionalProperties: false }),
      },
    },
    async (request) => {
      const method = request.params.method;
      const version = `${new Date().toISOString().slice(0, 19).replace(/[-:T]/g, "")}`;
      const bands: RiskBands = {
        method,
        version,
        thresholds: request.body.thresholds.map((t) => ({ level: t.level as RiskLevel, minScore: t.minScore })),
      };
      const problems = validateBands(bands);
      if (problems.length > 0) {
        const reasons = problems.map((p) => `${p.field}: ${p.reason}`);
        throw invalidFields([
          {
            field: "thresholds",
            text: {
              "zh-CN": `分级阈值无效（须为 1、2、3 级各一个、正数且逐级递减）：${reasons.join("；")}`,
              en: `Invalid bands (one each for levels 1, 2 and 3, positive, strictly decreasing): ${reasons.join("; ")}`,
            },
          },
        ]);
      }
      const before = await currentBands(db, method);
      await db.transaction().execute(async (trx) => {
        await trx.updateTable("risk_bands").set({ is_current: false }).where("method", "=", method).execute();
        await trx
          .insertInto("risk_bands")
          .values({
            method,
            version,
            thresholds: JSON.stringify(bands.thresholds),
            is_current: true,
            created_by: principalOf(request).userId,
          })
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "update",
          entityType: "risk_bands",
          entityId: method,
          before,
          after: bands,
        });
      });
      return bands;
    },
  );

  app.get(
    "/reference/gb18218",
    {
      config: { permission: "calculator:use" },
      schema: {
        tags: ["major hazards"],
        summary: "The current GB 18218 threshold table (named substances, classes, β)",
        querystring: Type.Object({ version: Type.Optional(Type.String({ maxLength: 60 })) }),
      },
    },
    async (request) => loadThresholdTable(db, request.query.version),
  );

  app.post(
    "/reference/gb18218/substances",
    {
      config: { permission: "risk-settings:write" },
      schema: {
        tags: ["major hazards"],
        summary: "Add a substance; this makes a new table version, and earlier results keep the version they used",
        body: Type.Object(
          {
            cas: Type.Union([Type.String({ pattern: "^\\d{2,7}-\\d{2}-\\d$" }), Type.Null()]),
            nameZh: Type.String({ minLength: 1, maxLength: 100 }),
            nameEn: Type.String({ minLength: 1, maxLength: 100 }),
            aliases: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
            thresholdTonnes: Type.Number({ exclusiveMinimum: 0 }),
            hazardClass: Type.String({ maxLength: 10 }),
            betaToxicGas: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const table = await loadThresholdTable(db);
      const body = request.body;
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
          createdBy: principalOf(request).userId,
        });
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "gb18218_substance",
          entityId: body.cas ?? body.nameZh,
          after: { version, ...body },
        });
      });
      return { version, substances: next.substances.length };
    },
  );
}
