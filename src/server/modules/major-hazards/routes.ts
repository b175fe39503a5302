import { sql, type Transaction } from "kysely";
import { Type } from "typebox";
import { assessMajorHazard } from "../../../domain/major-hazard/assess-major-hazard";
import { recordAudit } from "../../audit/record-audit";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { AppError, conflict, forbidden, invalidFields, type LocalisedText, notFound } from "../../errors";
import { NullableNumber } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { MajorHazardInput, MajorHazardResult } from "../calculators/routes";
import { loadThresholdTable } from "./gb18218-table";
import { majorHazardRejected } from "./major-hazard-errors";

const THE_UNIT: LocalisedText = { "zh-CN": "该危险化学品单元", en: "The hazardous chemicals unit" };
const THE_FILING: LocalisedText = { "zh-CN": "该备案", en: "The filing" };
const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });

const UnitBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    unitKind: Type.Union([Type.Literal("plant"), Type.Literal("storage")]),
    exposedPopulation: MajorHazardInput.properties.exposedPopulation,
    lng: Type.Optional(NullableNumber({ minimum: -180, maximum: 180 })),
    lat: Type.Optional(NullableNumber({ minimum: -90, maximum: 90 })),
    substances: MajorHazardInput.properties.substances,
  },
  { additionalProperties: false },
);

const Filing = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  enterpriseName: Type.String(),
  unitId: Type.String(),
  unitName: Type.String(),
  status: Type.String(),
  level: Type.Union([Type.Integer(), Type.Null()]),
  safetyMeasures: Type.String(),
  emergencyMeasures: Type.String(),
  snapshot: Type.Unknown(),
  submittedAt: Type.String(),
  decidedAt: Type.Union([Type.String(), Type.Null()]),
  decisionReason: Type.Union([Type.String(), Type.Null()]),
});

const Unit = Type.Object({
  id: Type.String(),
  enterpriseId: Type.String(),
  enterpriseName: Type.String(),
  name: Type.String(),
  unitKind: Type.String(),
  exposedPopulation: Type.Integer(),
  lng: Type.Union([Type.Number(), Type.Null()]),
  lat: Type.Union([Type.Number(), Type.Null()]),
  substances: Type.Array(
    Type.Object({
      cas: Type.Union([Type.String(), Type.Null()]),
      name: Type.Union([Type.String(), Type.Null()]),
      hazardClass: Type.Union([Type.String(), Type.Null()]),
      quantityTonnes: Type.Number(),
    }),
  ),
  result: Type.Union([Type.Intersect([MajorHazardResult, Type.Object({ computedAt: Type.String() })]), Type.Null()]),
  filings: Type.Array(Filing),
});

type Identification = Extract<ReturnType<typeof assessMajorHazard>, { ok: true }>;

/** The stored result of an identification, with the table version it used. */
export function resultColumns(result: Identification) {
  return {
    table_version: result.tableVersion,
    s: result.s,
    r: result.r,
    alpha: result.alpha,
    is_major: result.isMajorHazard,
    level: result.level,
    terms: JSON.stringify(result.terms),
    computed_at: new Date(),
    updated_at: new Date(),
  };
}

/** A unit's substance lines, replaced as a whole. */
export async function replaceSubstances(
  trx: Transaction<DB>,
  enterpriseId: string,
  unitId: string,
  substances: { cas?: string; name?: string; hazardClass?: string; quantityTonnes: number }[],
) {
  await trx
    .deleteFrom("major_hazard_substance")
    .where("enterprise_id", "=", enterpriseId)
    .where("unit_id", "=", unitId)
    .execute();
  await trx
    .insertInto("major_hazard_substance")
    .values(
      substances.map((s) => ({
        enterprise_id: enterpriseId,
        unit_id: unitId,
        cas: s.cas ?? null,
        name: s.name ?? null,
        hazard_class: s.hazardClass ?? null,
        quantity_tonnes: s.quantityTonnes,
      })),
    )
    .execute();
}

export async function majorHazardRoutes(app: App) {
  const { db } = app.database;

  async function unitFor(request: Parameters<typeof principalOf>[0], id: string, mode: "read" | "write") {
    const principal = principalOf(request);
    const unit = await db
      .selectFrom("major_hazard_unit")
      .innerJoin("enterprise", "enterprise.id", "major_hazard_unit.enterprise_id")
      .selectAll("major_hazard_unit")
      .select(["enterprise.name as enterprise_name", "enterprise.territory_path"])
      .where("major_hazard_unit.id", "=", id)
      .where((eb) => enterpriseInScope(eb, principal.scope))
      .executeTakeFirst();
    if (!unit) throw notFound(THE_UNIT);
    if (
      mode === "write" &&
      !(principal.scope.kind === "enterprises" && principal.permissions.includes("major-hazard:write"))
    ) {
      throw forbidden({
        "zh-CN": "重大危险源由企业本身申报",
        en: "Major hazard sources are declared by the enterprise itself",
      });
    }
    return unit;
  }

  async function presentUnit(enterpriseId: string, id: string) {
    const unit = await db
      .selectFrom("major_hazard_unit")
      .innerJoin("enterprise", "enterprise.id", "major_hazard_unit.enterprise_id")
      .selectAll("major_hazard_unit")
      .select("enterprise.name as enterprise_name")
      .where("major_hazard_unit.enterprise_id", "=", enterpriseId)
      .where("major_hazard_unit.id", "=", id)
      .executeTakeFirstOrThrow();
    const substances = await db
      .selectFrom("major_hazard_substance")
      .selectAll()
      .where("enterprise_id", "=", enterpriseId)
      .where("unit_id", "=", id)
      .orderBy("quantity_tonnes", "desc")
      .execute();
    const filings = await filingsQuery()
      .where("major_hazard_filing.enterprise_id", "=", enterpriseId)
      .where("major_hazard_filing.unit_id", "=", id)
      .execute();
    return {
      id: unit.id,
      enterpriseId: unit.enterprise_id,
      enterpriseName: unit.enterprise_name,
      name: unit.name,
      unitKind: unit.unit_kind,
      exposedPopulation: unit.exposed_population,
      lng: unit.lng,
      lat: unit.lat,
      substances: substances.map((s) => ({
        cas: s.cas,
        name: s.name,
        hazardClass: s.hazard_class,
        quantityTonnes: s.quantity_tonnes,
      })),
      result:
        unit.computed_at && unit.table_version
          ? {
              tableVersion: unit.table_version,
              s: unit.s!,
              isMajorHazard: unit.is_major!,
              alpha: unit.alpha!,
              r: unit.r!,
              level: unit.level,
              terms: unit.terms ?? [],
              computedAt: unit.computed_at.toISOString(),
            }
          : null,
      filings: filings.map(presentFiling),
    };
  }

  const filingsQuery = () =>
    db
      .selectFrom("major_hazard_filing")
      .innerJoin("enterprise", "enterprise.id", "major_hazard_filing.enterprise_id")
      .innerJoin("major_hazard_unit", (join) =>
        join
          .onRef("major_hazard_unit.enterprise_id", "=", "major_hazard_filing.enterprise_id")
          .onRef("major_hazard_unit.id", "=", "major_hazard_filing.unit_id"),
      )
      .selectAll("major_hazard_filing")
      .select(["enterprise.name as enterprise_name", "major_hazard_unit.name as unit_name"])
      .orderBy("major_hazard_filing.submitted_at", "desc");

  type FilingRow = Awaited<ReturnType<ReturnType<typeof filingsQuery>["execute"]>>[number];
  const presentFiling = (row: FilingRow) => ({
    id: row.id,
    enterpriseId: row.enterprise_id,
    enterpriseName: row.enterprise_name,
    unitId: row.unit_id,
    unitName: row.unit_name,
    status: row.status,
    level: ((row.snapshot as { result?: { level?: number | null } }).result?.level ?? null) as number | null,
    safetyMeasures: row.safety_measures,
    emergencyMeasures: row.emergency_measures,
    snapshot: row.snapshot,
    submittedAt: row.submitted_at.toISOString(),
    decidedAt: row.decided_at?.toISOString() ?? null,
    decisionReason: row.decision_reason,
  });

  /** Identifies the unit with the current table and stores the result with the table version it used. */
  async function identify(body: {
    substances: { cas?: string; name?: string; hazardClass?: string; quantityTonnes: number }[];
    exposedPopulation: number;
  }) {
    const table = await loadThresholdTable(db);
    const result = assessMajorHazard(body, table);
    if (!result.ok) throw majorHazardRejected(result.problems);
    return result;
  }

  app.get(
    "/major-hazard-units",
    {
      config: { permission: "major-hazard:read" },
      schema: {
        tags: ["major hazards"],
        summary: "Hazardous chemicals units (plant or storage areas) in the caller's scope",
        querystring: Type.Object({
          enterpriseId: Type.Optional(Type.String({ format: "uuid" })),
          majorOnly: Type.Optional(Type.Boolean()),
        }),
        response: { 200: Type.Object({ items: Type.Array(Unit) }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      let query = db
        .selectFrom("major_hazard_unit")
        .innerJoin("enterprise", "enterprise.id", "major_hazard_unit.enterprise_id")
        .select(["major_hazard_unit.enterprise_id", "major_hazard_unit.id"])
        .where((eb) => enterpriseInScope(eb, principal.scope));
      if (request.query.enterpriseId)
        query = query.where("major_hazard_unit.enterprise_id", "=", request.query.enterpriseId);
      if (request.query.majorOnly) query = query.where("major_hazard_unit.is_major", "=", true);
      const rows = await query
        .orderBy(sql`coalesce(major_hazard_unit.level, 5)`)
        .orderBy("major_hazard_unit.name")
        .limit(500)
        .execute();
      return { items: await Promise.all(rows.map((r) => presentUnit(r.enterprise_id, r.id))) };
    },
  );

  app.post(
    "/major-hazard-units",
    {
      config: { permission: "major-hazard:write" },
      schema: {
        tags: ["major hazards"],
        summary:
          "Declare a unit with its hazardous chemicals (by CAS) and design maximum quantities; it is identified at once",
        body: Type.Object(
          { enterpriseId: Type.String({ format: "uuid" }), ...UnitBody.properties },
          { additionalProperties: false },
        ),
        response: { 201: Unit },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      if (principal.scope.kind !== "enterprises" || !principal.scope.enterpriseIds.includes(body.enterpriseId)) {
        throw forbidden({
          "zh-CN": "只能为本企业申报危险化学品单元",
          en: "You can declare units only for your own enterprise",
        });
      }
      const result = await identify(body);
      const id = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("major_hazard_unit")
          .values({
            enterprise_id: body.enterpriseId,
            name: body.name,
            unit_kind: body.unitKind,
            exposed_population: body.exposedPopulation,
            lng: body.lng ?? null,
            lat: body.lat ?? null,
            ...resultColumns(result),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await replaceSubstances(trx, body.enterpriseId, created.id, body.substances);
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "major_hazard_unit",
          entityId: created.id,
          enterpriseId: body.enterpriseId,
          after: { ...body, result },
        });
        return created.id;
      });
      return reply.status(201).send(await presentUnit(body.enterpriseId, id));
    },
  );

  app.get(
    "/major-hazard-units/:id",
    {
      config: { permission: "major-hazard:read" },
      schema: {
        tags: ["major hazards"],
        summary: "A unit with its substances, every term of its identification, and its filings",
        params: IdParams,
        response: { 200: Unit },
      },
    },
    async (request) => {
      const unit = await unitFor(request, request.params.id, "read");
      return presentUnit(unit.enterprise_id, unit.id);
    },
  );

  app.put(
    "/major-hazard-units/:id",
    {
      config: { permission: "major-hazard:write" },
      schema: {
        tags: ["major hazards"],
        summary: "Change a unit and its substances; it is identified again with the current table",
        params: IdParams,
        body: UnitBody,
        response: { 200: Unit },
      },
    },
    async (request) => {
      const unit = await unitFor(request, request.params.id, "write");
      const body = request.body;
      const result = await identify(body);
      const before = await presentUnit(unit.enterprise_id, unit.id);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("major_hazard_unit")
          .set({
            name: body.name,
            unit_kind: body.unitKind,
            exposed_population: body.exposedPopulation,
            lng: body.lng ?? null,
            lat: body.lat ?? null,
            ...resultColumns(result),
          })
          .where("enterprise_id", "=", unit.enterprise_id)
          .where("id", "=", unit.id)
          .execute();
        await replaceSubstances(trx, unit.enterprise_id, unit.id, body.substances);
        await recordAudit(trx, actorOf(request), {
          action: "update",
          entityType: "major_hazard_unit",
          entityId: unit.id,
          enterpriseId: unit.enterprise_id,
          before,
          after: { ...body, result },
        });
      });
      return presentUnit(unit.enterprise_id, unit.id);
    },
  );

  app.post(
    "/major-hazard-units/:id/filings",
    {
      config: { permission: "major-hazard:write" },
      schema: {
        tags: ["major hazards"],
        summary:
          "File a major hazard source with the territory's emergency management department (Work Safety Law art. 40)",
        params: IdParams,
        body: Type.Object(
          {
            safetyMeasures: Type.String({ minLength: 10, maxLength: 5000 }),
            emergencyMeasures: Type.String({ minLength: 10, maxLength: 5000 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Filing },
      },
    },
    async (request, reply) => {
      const unit = await unitFor(request, request.params.id, "write");
      if (!unit.is_major) {
        throw invalidFields([
          {
            field: "unit",
            text: {
              "zh-CN": "该单元 S < 1，不构成重大危险源，无需备案",
              en: "This unit has S < 1 and is not a major hazard source; it needs no filing",
            },
          },
        ]);
      }
      const snapshot = await presentUnit(unit.enterprise_id, unit.id);
      const id = await db.transaction().execute(async (trx) => {
        // The unit row is locked so that two filings sent at once cannot both find none pending.
        await trx
          .selectFrom("major_hazard_unit")
          .select("id")
          .where("enterprise_id", "=", unit.enterprise_id)
          .where("id", "=", unit.id)
          .forUpdate()
          .executeTakeFirstOrThrow();
        const pending = await trx
          .selectFrom("major_hazard_filing")
          .select("id")
          .where("enterprise_id", "=", unit.enterprise_id)
          .where("unit_id", "=", unit.id)
          .where("status", "=", "submitted")
          .executeTakeFirst();
        if (pending) {
          throw conflict({
            "zh-CN": "该单元已有待受理的备案，请等待监管部门处理",
            en: "This unit already has a filing awaiting a decision",
          });
        }
        const created = await trx
          .insertInto("major_hazard_filing")
          .values({
            enterprise_id: unit.enterprise_id,
            unit_id: unit.id,
            territory_path: unit.territory_path,
            status: "submitted",
            safety_measures: request.body.safetyMeasures,
            emergency_measures: request.body.emergencyMeasures,
            snapshot: JSON.stringify({ ...snapshot, filings: undefined }),
            submitted_by: principalOf(request).userId,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), {
          action: "file",
          entityType: "major_hazard_filing",
          entityId: created.id,
          enterpriseId: unit.enterprise_id,
          territoryPath: unit.territory_path,
          after: request.body,
        });
        return created.id;
      });
      const row = await filingsQuery()
        .where("major_hazard_filing.enterprise_id", "=", unit.enterprise_id)
        .where("major_hazard_filing.id", "=", id)
        .executeTakeFirstOrThrow();
      return reply.status(201).send(presentFiling(row));
    },
  );

  app.get(
    "/major-hazard-filings",
    {
      config: { permission: "major-hazard:read" },
      schema: {
        tags: ["major hazards"],
        summary: "Major hazard filings in the caller's scope (government sees its territory's)",
        querystring: Type.Object({
          status: Type.Optional(
            Type.Union([Type.Literal("submitted"), Type.Literal("accepted"), Type.Literal("returned")]),
          ),
        }),
        response: { 200: Type.Object({ items: Type.Array(Filing) }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      let query = filingsQuery().where((eb) => enterpriseInScope(eb as never, principal.scope));
      if (request.query.status) query = query.where("major_hazard_filing.status", "=", request.query.status);
      return { items: (await query.limit(500).execute()).map(presentFiling) };
    },
  );

  app.post(
    "/major-hazard-filings/:id/decision",
    {
      config: { permission: "major-hazard:decide" },
      schema: {
        tags: ["major hazards"],
        summary: "Accept a filing (it becomes read-only) or return it with a reason",
        params: IdParams,
        body: Type.Object(
          {
            decision: Type.Union([Type.Literal("accept"), Type.Literal("return")]),
            reason: Type.Optional(Type.String({ maxLength: 2000 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Filing },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const filing = await filingsQuery()
        .where("major_hazard_filing.id", "=", request.params.id)
        .where((eb) => enterpriseInScope(eb as never, principal.scope))
        .executeTakeFirst();
      if (!filing) throw notFound(THE_FILING);
      const alreadyDecided = (status: string) =>
        new AppError("CONFLICT", {
          "zh-CN": `该备案已${status === "accepted" ? "受理" : "退回"}，不能再次处理；变更须由企业重新备案`,
          en: `This filing was already ${status}; a change needs a new filing by the enterprise`,
        });
      if (filing.status !== "submitted") throw alreadyDecided(filing.status);
      const { decision, reason } = request.body;
      if (decision === "return" && !reason?.trim()) {
        throw invalidFields([
          { field: "reason", text: { "zh-CN": "退回备案须说明理由", en: "Returning a filing needs a reason" } },
        ]);
      }
      await db.transaction().execute(async (trx) => {
        // Decided only if still submitted at this moment: of two decisions at once, the second changes nothing.
        const decided = await trx
          .updateTable("major_hazard_filing")
          .set({
            status: decision === "accept" ? "accepted" : "returned",
            decided_by: principal.userId,
            decided_at: new Date(),
            decision_reason: reason ?? null,
          })
          .where("enterprise_id", "=", filing.enterprise_id)
          .where("id", "=", filing.id)
          .where("status", "=", "submitted")
          .executeTakeFirst();
        if (Number(decided.numUpdatedRows) !== 1) {
          const now = await trx
            .selectFrom("major_hazard_filing")
            .select("status")
            .where("enterprise_id", "=", filing.enterprise_id)
            .where("id", "=", filing.id)
            .executeTakeFirstOrThrow();
          throw alreadyDecided(now.status);
        }
        await recordAudit(trx, actorOf(request), {
          action: decision,
          entityType: "major_hazard_filing",
          entityId: filing.id,
          enterpriseId: filing.enterprise_id,
          territoryPath: filing.territory_path,
          before: { status: filing.status },
          after: { status: decision === "accept" ? "accepted" : "returned", reason },
        });
      });
      return presentFiling(
        await filingsQuery()
          .where("major_hazard_filing.enterprise_id", "=", filing.enterprise_id)
          .where("major_hazard_filing.id", "=", filing.id)
          .executeTakeFirstOrThrow(),
      );
    },
  );
}
