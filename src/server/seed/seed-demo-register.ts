import { randomBytes } from "node:crypto";
import type { Transaction } from "kysely";
import type { EnterpriseScale } from "../../domain/demo/demo-enterprises";
import { type DemoRiskPoint, demoPublicRiskPoints, demoRegisterFor } from "../../domain/demo/demo-register";
import type { Polygon } from "../../domain/geo/polygon";
import { createRandom } from "../../domain/geo/random";
import type { HiddenDangerLevel } from "../../domain/hidden-danger/vocabulary";
import { assessMajorHazard } from "../../domain/major-hazard/assess-major-hazard";
import { recordAudit } from "../audit/record-audit";
import type { Principal } from "../auth/principal";
import type { Database } from "../db/database";
import type { DB } from "../db/schema";
import { recordReportedHiddenDanger } from "../modules/hidden-dangers/record-reported-hidden-danger";
import { loadThresholdTable } from "../modules/major-hazards/gb18218-table";
import { storeMajorHazardUnit } from "../modules/major-hazards/store-major-hazard-unit";
import { recomputeRatings } from "../modules/ratings/compute-ratings";
import { recordAssessment } from "../modules/risk-register/record-assessment";
import { refreshRiskPointLevel } from "../modules/risk-register/refresh-risk-point-level";

const REGISTER_SEED = 4931;

export interface SeedDemoRegisterResult {
  enterprises: number;
  riskPoints: number;
  publicRiskPoints: number;
  majorHazardUnits: number;
  hiddenDangers: number;
}

/**
 * What the city's enforcement officers found in their last round and the enterprises have not yet
 * confirmed: a chemical plant's hidden dangers tend to be major (needing shutdown and time, SAWS Decree 16 art. 3),
 * others general.
 */
const FOUND_BY_GOVERNMENT: {
  description: string;
  categoryCode: string;
  level: HiddenDangerLevel;
  chemical: boolean;
}[] = [
  {
    description: "液氯储罐区可燃有毒气体检测报警装置未与紧急切断联锁",
    categoryCode: "2",
    level: "major",
    chemical: true,
  },
  {
    description: "氯化反应釜未按要求设置温度、压力联锁及紧急停车系统",
    categoryCode: "2",
    level: "major",
    chemical: true,
  },
  { description: "特种作业人员未持证上岗", categoryCode: "1", level: "general", chemical: false },
  { description: "安全出口被货物堵塞", categoryCode: "3", level: "general", chemical: false },
  { description: "隐患排查治理台账未按月更新", categoryCode: "4", level: "general", chemical: false },
];

type Owner = { kind: "enterprise" | "territory"; id: string; territoryPath: string };

/**
 * Fills the demo city's risk registers: every enterprise whose staff have no
 * demo account gets the risk points, assessed hazards and control measures of its
 * trade, chemical plants their chlorine tank farm as a GB 18218 major
 * hazard source, and every town one or two public-area risk points. The
 * assessments are signed by the demo third-party assessor and go through the
 * same grading as the register pages. Ratings are computed at the end so the
 * map and the cockpit show a rated city at once.
 */
export async function seedDemoRegister(database: Database, now = new Date()): Promise<SeedDemoRegisterResult> {
  const { db } = database;
  const assessor = await db
    .selectFrom("app_user")
    .select(["id", "display_name", "organisation_id"])
    .where("role", "=", "third_party")
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  const principal: Principal = {
    userId: assessor.id,
    username: "seed-demo",
    displayName: assessor.display_name,
    role: "third_party",
    permissions: [],
    scope: { kind: "enterprises", enterpriseIds: [] },
    territoryId: null,
    organisationId: assessor.organisation_id,
    via: "token",
    csrfToken: null,
  };
  // The demo enterprise accounts' own plant starts with an empty register: building it is the enterprise demo.
  const enterprises = await db
    .selectFrom("enterprise")
    .select(["id", "industry_code", "scale", "lng", "lat", "territory_path"])
    .where("status", "=", "operating")
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("user_enterprise")
            .innerJoin("app_user", "app_user.id", "user_enterprise.user_id")
            .select("user_id")
            .whereRef("user_enterprise.enterprise_id", "=", "enterprise.id")
            .where("app_user.role", "in", ["enterprise_principal", "safety_manager", "employee"]),
        ),
      ),
    )
    .orderBy("uscc")
    .execute();
  const towns = await db
    .selectFrom("territory")
    .select(["id", "path", "boundary"])
    .where("level", "=", "town")
    .orderBy("code")
    .execute();
  const city = await db
    .selectFrom("territory")
    .select("path")
    .where("parent_id", "is", null)
    .orderBy("code")
    .executeTakeFirstOrThrow();
  const table = await loadThresholdTable(db);
  const inspector = await db
    .selectFrom("app_user")
    .select(["id", "display_name"])
    .where("role", "=", "supervisor")
    .where("territory_id", "=", db.selectFrom("territory").select("id").where("parent_id", "is", null).limit(1))
    .orderBy("created_at")
    .executeTakeFirstOrThrow();
  const officer: Principal = {
    ...principal,
    userId: inspector.id,
    displayName: inspector.display_name,
    role: "supervisor",
    scope: { kind: "territory", path: city.path, industries: [] },
    organisationId: null,
  };
  const result: SeedDemoRegisterResult = {
    enterprises: 0,
    riskPoints: 0,
    publicRiskPoints: 0,
    majorHazardUnits: 0,
    hiddenDangers: 0,
  };

  await db.transaction().execute(async (trx) => {
    for (const [index, enterprise] of enterprises.entries()) {
      if (enterprise.lng === null || enterprise.lat === null) continue;
      const register = demoRegisterFor(
        {
          industryCode: enterprise.industry_code,
          scale: enterprise.scale as EnterpriseScale,
          lng: enterprise.lng,
          lat: enterprise.lat,
        },
        createRandom(REGISTER_SEED + index),
      );
      const owner: Owner = { kind: "enterprise", id: enterprise.id, territoryPath: enterprise.territory_path };
      for (const point of register.riskPoints) await insertRiskPoint(trx, principal, owner, point, null);
      result.riskPoints += register.riskPoints.length;
      result.enterprises++;
      for (const unit of register.majorHazardUnits) {
        const identified = assessMajorHazard(
          { substances: unit.substances, exposedPopulation: unit.exposedPopulation },
          table,
        );
        if (!identified.ok)
          throw new Error(`demo major hazard unit ${unit.name} does not identify: ${identified.problems}`);
        await storeMajorHazardUnit(
          trx,
          enterprise.id,
          { ...unit, lng: enterprise.lng, lat: enterprise.lat },
          identified,
        );
        result.majorHazardUnits++;
      }
    }
    // Hidden dangers the city's officers reported a few days ago, awaiting the enterprise's confirmation.
    for (const [index, enterprise] of enterprises.entries()) {
      const random = createRandom(REGISTER_SEED * 3 + index);
      const chemical = ["25", "26", "27", "28"].includes(enterprise.industry_code);
      const found = FOUND_BY_GOVERNMENT.filter(
        (item) => item.chemical === chemical && random() < (chemical ? 0.6 : 0.08),
      );
      for (const item of found) {
        const at = new Date(now.getTime() - (2 + Math.floor(random() * 5)) * 86_400_000);
        await recordReportedHiddenDanger(trx, {
          actor: { userId: inspector.id, name: inspector.display_name, ip: "" },
          principal: officer,
          enterprise,
          report: {
            enterpriseId: enterprise.id,
            source: "government",
            description: item.description,
            categoryCode: item.categoryCode,
            level: item.level,
          },
          now: at,
        });
        result.hiddenDangers++;
      }
    }
    for (const [index, town] of towns.entries()) {
      const points = demoPublicRiskPoints(town.boundary as Polygon, createRandom(REGISTER_SEED * 7 + index));
      const owner: Owner = { kind: "territory", id: town.id, territoryPath: town.path };
      for (const point of points) await insertRiskPoint(trx, principal, owner, point, point.publicCategory);
      result.publicRiskPoints += points.length;
    }
    await recordAudit(
      trx,
      { userId: null, name: "dualguard seed-demo", ip: "" },
      {
        action: "seed",
        entityType: "installation",
        entityId: "demo-register",
        territoryPath: city.path,
        after: { ...result },
      },
    );
  });
  await recomputeRatings(db, null, now);
  return result;
}

async function insertRiskPoint(
  trx: Transaction<DB>,
  principal: Principal,
  owner: Owner,
  point: DemoRiskPoint,
  publicCategory: string | null,
): Promise<void> {
  const created = await trx
    .insertInto("risk_point")
    .values({
      owner_id: owner.id,
      owner_kind: owner.kind,
      territory_path: owner.territoryPath,
      kind: point.kind,
      public_category: publicCategory as never,
      name: point.name,
      unit: point.unit,
      lng: point.lng,
      lat: point.lat,
      area: null,
      control_level: null,
      controlling_unit: point.unit,
      responsible_person: "",
      responsible_phone: "",
      emergency_phone: "",
      level: null,
      public_token: randomBytes(12).toString("base64url"),
      updated_at: new Date(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const hazard of point.hazards) {
    const stored = await trx
      .insertInto("hazard")
      .values({
        owner_id: owner.id,
        risk_point_id: created.id,
        description: hazard.description,
        factor_code: hazard.factorCode,
        accident_types: hazard.accidentTypes,
        consequences: hazard.consequences,
        current_assessment_id: null,
        level: null,
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const outcome = await recordAssessment(
      trx,
      principal,
      { ownerId: owner.id, id: stored.id },
      { method: "LEC", factors: hazard.factors, note: "demo" },
    );
    if (!outcome.ok) throw new Error(`demo hazard ${hazard.description} does not grade: ${JSON.stringify(outcome)}`);
  }
  if (point.measures.length > 0) {
    await trx
      .insertInto("control_measure")
      .values(
        point.measures.map((measure) => ({
          owner_id: owner.id,
          risk_point_id: created.id,
          hazard_id: null,
          kind: measure.kind,
          content: measure.content,
          check_content: measure.checkContent,
          check_frequency: measure.checkFrequency,
          responsible_person: "",
          updated_at: new Date(),
        })),
      )
      .execute();
  }
  await refreshRiskPointLevel(trx, owner.id, created.id);
}
