import { Type } from "typebox";
import { recordAudit } from "../../audit/record-audit";
import { invalidFields, notFound } from "../../errors";
import { type App, actorOf } from "../../types";

/** URL names of the reference kinds, mapped to their stored kind. */
const KINDS: Record<string, string> = {
  industry: "industry",
  "accident-type": "accident_type",
  "hazard-factor": "hazard_factor",
  "risk-level": "risk_level",
};

const CONTROL_LEVELS = [
  { code: "company", nameZh: "公司级", nameEn: "Company" },
  { code: "department", nameZh: "部门级", nameEn: "Department" },
  { code: "workshop", nameZh: "车间级", nameEn: "Workshop" },
  { code: "team", nameZh: "班组级", nameEn: "Team" },
  { code: "post", nameZh: "岗位级", nameEn: "Post" },
] as const;

const ReferenceSet = Type.Object({
  kind: Type.String(),
  version: Type.String(),
  title: Type.String(),
  source: Type.String(),
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      parentCode: Type.Union([Type.String(), Type.Null()]),
      nameZh: Type.String(),
      nameEn: Type.String(),
      attributes: Type.Unknown(),
    }),
  ),
});

const Mapping = Type.Object({
  items: Type.Array(
    Type.Object({
      riskLevel: Type.Integer({ minimum: 1, maximum: 4 }),
      controlLevel: Type.Union([
        Type.Literal("company"),
        Type.Literal("department"),
        Type.Literal("workshop"),
        Type.Literal("team"),
        Type.Literal("post"),
      ]),
    }),
    { minItems: 4, maxItems: 4 },
  ),
});

export async function referenceRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/reference/control-levels",
    {
      config: { permission: "reference:read" },
      schema: {
        tags: ["reference"],
        summary: "The risk level → control level mapping (practice; editable by an administrator)",
        response: {
          200: Type.Object({
            ...Mapping.properties,
            controlLevels: Type.Array(
              Type.Object({ code: Type.String(), nameZh: Type.String(), nameEn: Type.String() }),
            ),
          }),
        },
      },
    },
    async () => {
      const rows = await db.selectFrom("control_level_mapping").selectAll().orderBy("risk_level").execute();
      return {
        items: rows.map((r) => ({
          riskLevel: r.risk_level,
          controlLevel: r.control_level as (typeof CONTROL_LEVELS)[number]["code"],
        })),
        controlLevels: [...CONTROL_LEVELS],
      };
    },
  );

  app.put(
    "/reference/control-levels",
    {
      config: { permission: "reference:write" },
      schema: { tags: ["reference"], summary: "Change the risk level → control level mapping", body: Mapping },
    },
    async (request) => {
      const levels = request.body.items.map((i) => i.riskLevel).sort();
      if (levels.join(",") !== "1,2,3,4") {
        throw invalidFields([
          {
            field: "items",
            text: {
              "zh-CN": "须为 1–4 级风险各给出一个管控层级",
              en: "Give exactly one control level for each risk level 1–4",
            },
          },
        ]);
      }
      const before = await db
        .selectFrom("control_level_mapping")
        .select(["risk_level", "control_level"])
        .orderBy("risk_level")
        .execute();
      await db.transaction().execute(async (trx) => {
        for (const item of request.body.items) {
          await trx
            .updateTable("control_level_mapping")
            .set({
              control_level: item.controlLevel,
              updated_at: new Date(),
              updated_by: request.principal?.userId ?? null,
            })
            .where("risk_level", "=", item.riskLevel)
            .execute();
        }
        await recordAudit(trx, actorOf(request), {
          action: "update",
          entityType: "control_level_mapping",
          entityId: "default",
          before,
          after: request.body.items,
        });
      });
      return { items: request.body.items, controlLevels: [...CONTROL_LEVELS] };
    },
  );

  app.get(
    "/reference/:kind",
    {
      config: { permission: "reference:read" },
      schema: {
        tags: ["reference"],
        summary: "The current version of a reference set: industry, accident-type, hazard-factor, risk-level",
        params: Type.Object({ kind: Type.Union(Object.keys(KINDS).map((k) => Type.Literal(k))) }),
        querystring: Type.Object({ version: Type.Optional(Type.String({ maxLength: 50 })) }),
        response: { 200: ReferenceSet },
      },
    },
    async (request) => {
      const kind = KINDS[request.params.kind];
      let setQuery = db.selectFrom("reference_set").selectAll().where("kind", "=", kind);
      setQuery = request.query.version
        ? setQuery.where("version", "=", request.query.version)
        : setQuery.where("is_current", "=", true);
      const set = await setQuery.executeTakeFirst();
      if (!set) throw notFound({ "zh-CN": "该版本的参考数据", en: "That version of the reference data" });
      const items = await db
        .selectFrom("reference_item")
        .selectAll()
        .where("kind", "=", kind)
        .where("version", "=", set.version)
        .orderBy("sort_order")
        .execute();
      return {
        kind: request.params.kind,
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
    },
  );
}
