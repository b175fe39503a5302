import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { Type } from "typebox";
import type { Permission } from "../../../domain/access/roles";
import type { AssessmentMethod } from "../../../domain/risk/scales";
import { recordAudit } from "../../audit/record-audit";
import { enterpriseInScope } from "../../auth/scope";
import { invalidFields, type LocalisedText, notFound } from "../../errors";
import { readUploadedTable } from "../../exchange/table-file";
import { type App, actorOf, principalOf } from "../../types";
import { exportControlList } from "./export-control-list";
import { buildRegisterTemplate, importRegister } from "./import-register";
import { recordAssessment } from "./record-assessment";
import { auditPlace, resolveOwner } from "./register-owner";
import {
  loadRiskPoint,
  presentAssessment,
  presentMeasure,
  presentSummary,
  refreshRiskPointLevel,
  riskPointSummaries,
} from "./risk-point-queries";
import {
  AssessmentBody,
  HazardBody,
  IdParams,
  Measure,
  MeasureBody,
  RiskPoint,
  RiskPointCreateBody,
  RiskPointListQuery,
  RiskPointPatchBody,
  RiskPointSummary,
} from "./schema";

// Enterprise registers are edited with risk:write, public-area ones with risk:public-write; resolveOwner tells which applies.
const EDIT_REGISTER: Permission[] = ["risk:write", "risk:public-write"];
const THE_RISK_POINT: LocalisedText = { "zh-CN": "该风险点", en: "The risk point" };
const THE_HAZARD: LocalisedText = { "zh-CN": "该危险源", en: "The hazard" };
const THE_MEASURE: LocalisedText = { "zh-CN": "该管控措施", en: "The control measure" };

export async function riskRegisterRoutes(app: App) {
  const { db } = app.database;

  /** Finds a risk point by id and checks the caller may read or write its owner's register. */
  async function pointFor(request: Parameters<typeof principalOf>[0], id: string, mode: "read" | "write") {
    const point = await db
      .selectFrom("risk_point")
      .select(["owner_id", "id", "territory_path"])
      .where("id", "=", id)
      .executeTakeFirst();
    if (!point) throw notFound(THE_RISK_POINT);
    const owner = await resolveOwner(db, principalOf(request), point.owner_id, mode).catch((error) => {
      // Another owner's point is not found, whatever the reason.
      if (mode === "read") throw notFound(THE_RISK_POINT);
      throw error;
    });
    return { point, owner };
  }

  async function hazardFor(request: Parameters<typeof principalOf>[0], id: string) {
    const hazard = await db.selectFrom("hazard").selectAll().where("id", "=", id).executeTakeFirst();
    if (!hazard) throw notFound(THE_HAZARD);
    const owner = await resolveOwner(db, principalOf(request), hazard.owner_id, "write").catch(() => {
      throw notFound(THE_HAZARD);
    });
    return { hazard, owner };
  }

  /** A control measure the caller may edit; another register's measure is not found. */
  async function measureFor(request: Parameters<typeof principalOf>[0], id: string) {
    const measure = await db.selectFrom("control_measure").selectAll().where("id", "=", id).executeTakeFirst();
    if (!measure) throw notFound(THE_MEASURE);
    const owner = await resolveOwner(db, principalOf(request), measure.owner_id, "write").catch(() => {
      throw notFound(THE_MEASURE);
    });
    return { measure, owner };
  }

  /** Photos must have been uploaded to the same register. */
  async function checkPhotos(ownerId: string, photoIds: string[] | undefined) {
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

  async function checkReferenceCodes(factorCode: string, accidentTypes: string[]) {
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

  app.get(
    "/risk-points",
    {
      config: { permission: "risk:read" },
      schema: {
        tags: ["risk register"],
        summary: "Risk points in the caller's scope (an enterprise's register, or public-area points)",
        querystring: RiskPointListQuery,
        response: { 200: Type.Object({ items: Type.Array(RiskPointSummary), total: Type.Integer() }) },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { ownerId, level, unit, publicOnly, page, pageSize } = request.query;
      let query = riskPointSummaries(db);
      if (ownerId) {
        await resolveOwner(db, principal, ownerId, "read");
        query = query.where("risk_point.owner_id", "=", ownerId);
      } else if (principal.scope.kind === "enterprises") {
        const ids = principal.scope.enterpriseIds;
        query = ids.length ? query.where("risk_point.owner_id", "in", ids) : query.where(sql<boolean>`false`);
      } else {
        const scope = principal.scope;
        query = query.where("risk_point.territory_path", "like", `${scope.path}%`);
        if (scope.industries.length > 0) {
          // An industry department sees its industries' enterprises, not public areas.
          query = query.where((eb) =>
            eb.exists(
              eb
                .selectFrom("enterprise")
                .whereRef("enterprise.id", "=", "risk_point.owner_id")
                .where((inner) => enterpriseInScope(inner, scope)),
            ),
          );
        }
      }
      if (publicOnly) query = query.where("risk_point.owner_kind", "=", "territory");
      if (level) query = query.where("risk_point.level", "=", level);
      if (unit) query = query.where("risk_point.unit", "=", unit);
      const [rows, count] = await Promise.all([
        query
          .orderBy(sql`coalesce(risk_point.level, 5)`)
          .orderBy("risk_point.name")
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        query.clearSelect().select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(presentSummary), total: Number(count.n) };
    },
  );

  app.get(
    "/risk-control-list",
    {
      config: { permission: "risk:read" },
      schema: {
        tags: ["risk register"],
        summary: "An enterprise's risk classification control list as XLSX, filterable by level and unit",
        querystring: Type.Object(
          {
            ownerId: Type.String({ format: "uuid" }),
            level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
            unit: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const owner = await resolveOwner(db, principalOf(request), request.query.ownerId, "read");
      const file = await exportControlList(db, owner, request.query, request.locale);
      const name = request.locale === "en" ? "risk-control-list" : "风险分级管控清单";
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent(`${owner.name}-${name}`)}.xlsx`,
        )
        .send(file);
    },
  );

  app.get(
    "/risk-import-template",
    {
      config: { permission: "risk:read" },
      schema: { tags: ["risk register"], summary: "Download the XLSX template for importing risk points and hazards" },
    },
    async (request, reply) => {
      const name = request.locale === "en" ? "risk-register-import-template" : "风险清单导入模板";
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(name)}.xlsx`)
        .send(await buildRegisterTemplate(request.locale));
    },
  );

  app.post(
    "/risk-points/import",
    {
      config: { permission: EDIT_REGISTER },
      schema: {
        tags: ["risk register"],
        summary: "Import risk points and hazards (with optional assessments) from XLSX or CSV: all rows or none",
        querystring: Type.Object({ ownerId: Type.String({ format: "uuid" }) }, { additionalProperties: false }),
        consumes: ["multipart/form-data"],
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const owner = await resolveOwner(db, principal, request.query.ownerId, "write");
      const rows = await readUploadedTable(request);
      return importRegister(db, principal, actorOf(request), owner, rows);
    },
  );

  app.post(
    "/risk-points",
    {
      config: { permission: EDIT_REGISTER },
      schema: {
        tags: ["risk register"],
        summary: "Add a risk point to a register",
        body: RiskPointCreateBody,
        response: { 201: RiskPoint },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const owner = await resolveOwner(db, principalOf(request), body.ownerId, "write");
      await checkPhotos(owner.id, body.photoIds);
      if (owner.kind === "territory" && !body.publicCategory) {
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
      const id = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("risk_point")
          .values({
            owner_id: owner.id,
            owner_kind: owner.kind,
            territory_path: owner.territoryPath,
            kind: body.kind,
            public_category: owner.kind === "territory" ? (body.publicCategory ?? null) : null,
            name: body.name,
            unit: body.unit ?? "",
            lng: body.lng ?? null,
            lat: body.lat ?? null,
            area: body.area ? JSON.stringify(body.area) : null,
            photo_ids: body.photoIds ?? [],
            control_level: body.controlLevel ?? null,
            control_level_set_by_user: body.controlLevel != null,
            controlling_unit: body.controllingUnit ?? "",
            responsible_person: body.responsiblePerson ?? "",
            responsible_phone: body.responsiblePhone ?? "",
            emergency_phone: body.emergencyPhone ?? "",
            public_token: randomBytes(12).toString("base64url"),
            updated_at: new Date(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "risk_point",
          entityId: created.id,
          ...auditPlace(owner),
          after: body,
        });
        return created.id;
      });
      return reply.status(201).send((await loadRiskPoint(db, owner.id, id))!);
    },
  );

  app.get(
    "/risk-points/:id",
    {
      config: { permission: "risk:read" },
      schema: {
        tags: ["risk register"],
        summary: "A risk point with hazards, assessments and measures",
        params: IdParams,
        response: { 200: RiskPoint },
      },
    },
    async (request) => {
      const { point } = await pointFor(request, request.params.id, "read");
      return (await loadRiskPoint(db, point.owner_id, point.id))!;
    },
  );

  app.patch(
    "/risk-points/:id",
    {
      config: { permission: EDIT_REGISTER },
      schema: {
        tags: ["risk register"],
        summary: "Change a risk point, its control level or responsible person",
        params: IdParams,
        body: RiskPointPatchBody,
        response: { 200: RiskPoint },
      },
    },
    async (request) => {
      const { point, owner } = await pointFor(request, request.params.id, "write");
      const body = request.body;
      await checkPhotos(point.owner_id, body.photoIds);
      const before = await loadRiskPoint(db, point.owner_id, point.id);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("risk_point")
          .set({
            kind: body.kind,
            name: body.name,
            unit: body.unit,
            lng: body.lng,
            lat: body.lat,
            area: body.area === undefined ? undefined : body.area === null ? null : JSON.stringify(body.area),
            public_category: owner.kind === "territory" ? body.publicCategory : undefined,
            photo_ids: body.photoIds,
            // Setting a control level by hand keeps it; clearing it returns to the mapping's default.
            control_level: body.controlLevel === undefined ? undefined : body.controlLevel,
            control_level_set_by_user: body.controlLevel === undefined ? undefined : body.controlLevel !== null,
            controlling_unit: body.controllingUnit,
            responsible_person: body.responsiblePerson,
            responsible_phone: body.responsiblePhone,
            emergency_phone: body.emergencyPhone,
            updated_at: new Date(),
          })
          .where("owner_id", "=", point.owner_id)
          .where("id", "=", point.id)
          .execute();
        if (body.controlLevel === null) await refreshRiskPointLevel(trx, point.owner_id, point.id);
        await recordAudit(trx, actorOf(request), {
          action: "update",
          entityType: "risk_point",
          entityId: point.id,
          ...auditPlace(owner),
          before,
          after: body,
        });
      });
      return (await loadRiskPoint(db, point.owner_id, point.id))!;
    },
  );

  app.delete(
    "/risk-points/:id",
    {
      config: { permission: EDIT_REGISTER },
      schema: {
        tags: ["risk register"],
        summary: "Remove a risk point with its hazards and measures",
        params: IdParams,
      },
    },
    async (request, reply) => {
      const { point, owner } = await pointFor(request, request.params.id, "write");
      const before = await loadRiskPoint(db, point.owner_id, point.id);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("risk_point").where("owner_id", "=", point.owner_id).where("id", "=", point.id).execute();
        await recordAudit(trx, actorOf(request), {
          action: "delete",
          entityType: "risk_point",
          entityId: point.id,
          ...auditPlace(owner),
          before,
        });
      });
      return reply.status(204).send();
    },
  );

  app.post(
    "/risk-points/:id/hazards",
    {
      config: { permission: EDIT_REGISTER },
      schema: {
        tags: ["risk register"],
        summary: "Identify a hazard at a risk point",
        params: IdParams,
        body: HazardBody,
        response: { 201: RiskPoint },
      },
    },
    async (request, reply) => {
      const { point, owner } = await pointFor(request, request.params.id, "write");
      const body = request.body;
      await checkReferenceCodes(body.factorCode, body.accidentTypes);
      await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("hazard")
          .values({
            owner_id: point.owner_id,
            risk_point_id: point.id,
            description: body.description,
            factor_code: body.factorCode,
            accident_types: [...new Set(body.accidentTypes)],
            consequences: body.consequences ?? "",
            current_assessment_id: null,
            level: null,
            updated_at: new Date(),
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "hazard",
          entityId: created.id,
          ...auditPlace(owner),
          after: { riskPointId: point.id, ...body },
        });
      });
      return reply.status(201).send((await loadRiskPoint(db, point.owner_id, point.id))!);
    },
  );

  app.patch(
    "/hazards/:id",
    {
      config: { permission: EDIT_REGISTER },
      schema: {
        tags: ["risk register"],
        summary: "Change a hazard's description, factor or accident types",
        params: IdParams,
        body: Type.Partial(HazardBody, { minProperties: 1 }),
        response: { 200: RiskPoint },
      },
    },
    async (request) => {
      const { hazard, owner } = await hazardFor(request, request.params.id);
      const body = request.body;
      await checkReferenceCodes(body.factorCode ?? hazard.factor_code, body.accidentTypes ?? hazard.accident_types);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("hazard")
          .set({
            description: body.description,
            factor_code: body.factorCode,
            accident_types: body.accidentTypes ? [...new Set(body.accidentTypes)] : undefined,
            consequences: body.consequences,
            updated_at: new Date(),
          })
          .where("owner_id", "=", hazard.owner_id)
          .where("id", "=", hazard.id)
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "update",
          entityType: "hazard",
          entityId: hazard.id,
          ...auditPlace(owner),
          before: hazard,
          after: body,
        });
      });
      return (await loadRiskPoint(db, hazard.owner_id, hazard.risk_point_id))!;
    },
  );

  app.delete(
    "/hazards/:id",
    {
      config: { permission: EDIT_REGISTER },
      schema: {
        tags: ["risk register"],
        summary: "Remove a hazard and its assessments",
        params: IdParams,
        response: { 200: RiskPoint },
      },
    },
    async (request) => {
      const { hazard, owner } = await hazardFor(request, request.params.id);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom("hazard").where("owner_id", "=", hazard.owner_id).where("id", "=", hazard.id).execute();
        await refreshRiskPointLevel(trx, hazard.owner_id, hazard.risk_point_id);
        await recordAudit(trx, actorOf(request), {
          action: "delete",
          entityType: "hazard",
          entityId: hazard.id,
          ...auditPlace(owner),
          before: hazard,
        });
      });
      return (await loadRiskPoint(db, hazard.owner_id, hazard.risk_point_id))!;
    },
  );

  app.post(
    "/hazards/:id/assessments",
    {
      config: { permission: EDIT_REGISTER },
      schema: {
        tags: ["risk register"],
        summary: "Assess (or reassess) a hazard with LS, LEC or MES; earlier assessments are kept",
        params: IdParams,
        body: AssessmentBody,
        response: { 201: RiskPoint },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { hazard, owner } = await hazardFor(request, request.params.id);
      const { method, factors, note } = request.body;
      await db.transaction().execute(async (trx) => {
        const outcome = await recordAssessment(
          trx,
          principal,
          { ownerId: hazard.owner_id, id: hazard.id },
          {
            method: method as AssessmentMethod,
            factors,
            note,
          },
        );
        if (!outcome.ok) throw assessmentRejected(outcome.problems);
        await refreshRiskPointLevel(trx, hazard.owner_id, hazard.risk_point_id);
        await recordAudit(trx, actorOf(request), {
          action: "assess",
          entityType: "hazard",
          entityId: hazard.id,
          ...auditPlace(owner),
          before: { level: hazard.level },
          after: { method, factors, score: outcome.score, level: outcome.level, bandsVersion: outcome.bandsVersion },
        });
      });
      return reply.status(201).send((await loadRiskPoint(db, hazard.owner_id, hazard.risk_point_id))!);
    },
  );

  app.get(
    "/hazards/:id/assessments",
    {
      config: { permission: "risk:read" },
      schema: {
        tags: ["risk register"],
        summary: "Assessment history of a hazard: who, when, method, factors, result",
        params: IdParams,
      },
    },
    async (request) => {
      const hazard = await db
        .selectFrom("hazard")
        .select(["owner_id", "id"])
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!hazard) throw notFound(THE_HAZARD);
      await resolveOwner(db, principalOf(request), hazard.owner_id, "read").catch(() => {
        throw notFound(THE_HAZARD);
      });
      const rows = await db
        .selectFrom("hazard_assessment")
        .leftJoin("organisation", "organisation.id", "hazard_assessment.assessor_organisation_id")
        .selectAll("hazard_assessment")
        .select("organisation.name as organisation_name")
        .where("hazard_assessment.owner_id", "=", hazard.owner_id)
        .where("hazard_assessment.hazard_id", "=", hazard.id)
        .orderBy("hazard_assessment.assessed_at", "desc")
        .execute();
      const bands = await db
        .selectFrom("risk_bands")
        .select(["method", "version"])
        .where("is_current", "=", true)
        .execute();
      return { items: rows.map((row) => presentAssessment(row, bands)) };
    },
  );

  app.post(
    "/risk-points/:id/measures",
    {
      config: { permission: EDIT_REGISTER },
      schema: {
        tags: ["risk register"],
        summary: "Add a control measure (with what to check and how often)",
        params: IdParams,
        body: MeasureBody,
        response: { 201: Measure },
      },
    },
    async (request, reply) => {
      const { point, owner } = await pointFor(request, request.params.id, "write");
      const body = request.body;
      if (body.hazardId) {
        const hazard = await db
          .selectFrom("hazard")
          .select("id")
          .where("owner_id", "=", point.owner_id)
          .where("risk_point_id", "=", point.id)
          .where("id", "=", body.hazardId)
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
      const created = await db.transaction().execute(async (trx) => {
        const row = await trx
          .insertInto("control_measure")
          .values({
            owner_id: point.owner_id,
            risk_point_id: point.id,
            hazard_id: body.hazardId ?? null,
            kind: body.kind,
            content: body.content,
            check_content: body.checkContent ?? "",
            check_frequency: body.checkFrequency,
            responsible_person: body.responsiblePerson ?? "",
            updated_at: new Date(),
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "control_measure",
          entityId: row.id,
          ...auditPlace(owner),
          after: { riskPointId: point.id, ...body },
        });
        return row;
      });
      return reply.status(201).send(presentMeasure(created));
    },
  );

  app.patch(
    "/measures/:id",
    {
      config: { permission: EDIT_REGISTER },
      schema: {
        tags: ["risk register"],
        summary: "Change a control measure",
        params: IdParams,
        body: Type.Partial(Type.Omit(MeasureBody, ["hazardId"]), { additionalProperties: false, minProperties: 1 }),
        response: { 200: Measure },
      },
    },
    async (request) => {
      const { measure, owner } = await measureFor(request, request.params.id);
      const body = request.body;
      const updated = await db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable("control_measure")
          .set({
            kind: body.kind,
            content: body.content,
            check_content: body.checkContent,
            check_frequency: body.checkFrequency,
            responsible_person: body.responsiblePerson,
            updated_at: new Date(),
          })
          .where("owner_id", "=", measure.owner_id)
          .where("id", "=", measure.id)
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), {
          action: "update",
          entityType: "control_measure",
          entityId: measure.id,
          ...auditPlace(owner),
          before: measure,
          after: body,
        });
        return row;
      });
      return presentMeasure(updated);
    },
  );

  app.delete(
    "/measures/:id",
    {
      config: { permission: EDIT_REGISTER },
      schema: { tags: ["risk register"], summary: "Remove a control measure", params: IdParams },
    },
    async (request, reply) => {
      const { measure, owner } = await measureFor(request, request.params.id);
      await db.transaction().execute(async (trx) => {
        await trx
          .deleteFrom("control_measure")
          .where("owner_id", "=", measure.owner_id)
          .where("id", "=", measure.id)
          .execute();
        await recordAudit(trx, actorOf(request), {
          action: "delete",
          entityType: "control_measure",
          entityId: measure.id,
          ...auditPlace(owner),
          before: measure,
        });
      });
      return reply.status(204).send();
    },
  );
}

/** A 400 naming each factor that is off the scale, with the values it may take. */
export function assessmentRejected(
  problems: { field: string; found: unknown; allowed: readonly (number | string)[] | undefined; reason: string }[],
) {
  return invalidFields(
    problems.map((p) => ({
      field: p.field,
      text: {
        "zh-CN":
          p.reason === "missing"
            ? `${p.field} 为必填项，可取值：${(p.allowed ?? []).join("、")}`
            : p.reason === "unexpected"
              ? `${p.field} 不属于该评价方法，请删除`
              : `${p.field} 的值 ${JSON.stringify(p.found)} 不在评分表上，可取值：${(p.allowed ?? []).join("、")}`,
        en:
          p.reason === "missing"
            ? `${p.field} is required; allowed values: ${(p.allowed ?? []).join(", ")}`
            : p.reason === "unexpected"
              ? `${p.field} is not a factor of this method; remove it`
              : `${p.field} = ${JSON.stringify(p.found)} is not on the scale; allowed values: ${(p.allowed ?? []).join(", ")}`,
      },
    })),
  );
}
