import { type Kysely, sql } from "kysely";
import type { RatingContribution } from "../../../domain/rating/rating-model";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { keyCheckContents } from "../../../domain/supervision/check-contents";
import { frequencyConfigFor, frequencyFor } from "../../../domain/supervision/inspection-frequency";
import { generatePlan, type PlanEnterprise } from "../../../domain/supervision/plan";
import { publishedSeed } from "../../../domain/supervision/published-seed";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { conflict } from "../../errors";
import { recomputeRatings } from "../ratings/compute-ratings";
import { loadFrequencyConfiguration } from "./frequency-store";
import type { SupervisingDepartment } from "./supervision-access";

const INSERT_BATCH = 1000;
const RATE_BATCH = 5000;

/** `column = ANY($1)`: one array parameter, however many enterprises a city has (IN would run out of parameters). */
const anyOf = (column: string, ids: string[]) => sql<boolean>`${sql.ref(column)} = ANY(${ids}::uuid[])`;

export type GeneratePlanOptions = {
  principal: Principal;
  actor: Actor;
  department: SupervisingDepartment;
  territory: { id: string; path: string };
  year: number;
  /** Absent for an annual plan. */
  month?: number;
  /** The published seed; by default "<period>:<department id>" (publishedSeed). */
  seed?: string;
  /** Inspections the department can do in the period; spare capacity is drawn at random, weighted by score. */
  capacity?: number;
  now: Date;
};

/** The seed a department publishes for a period unless it chose its own. */
export function defaultSeed(department: SupervisingDepartment, year: number, month?: number): string {
  return publishedSeed({ year, month, department: department.id });
}

/**
 * Generates (or regenerates, while nothing has been inspected against it) a department's annual or monthly plan for a
 * territory from the current ratings of the enterprises it supervises there, and stores it with its items.
 */
export async function generateEnforcementPlan(db: Kysely<DB>, options: GeneratePlanOptions): Promise<string> {
  const { principal, department, territory, year, month, now } = options;
  const enterprises = await db
    .selectFrom("enterprise")
    .select(["enterprise.id", "enterprise.territory_path"])
    .where("enterprise.territory_path", "like", `${territory.path}%`)
    // A closed enterprise is neither rated for nor drawn into a plan; its past inspections stay on record.
    .where("enterprise.status", "<>", "closed")
    .where((eb) =>
      department.industries.length === 0
        ? sql<boolean>`true`
        : eb.or([
            eb("enterprise.industry_code", "in", department.industries),
            eb("enterprise.industry_section", "in", department.industries),
          ]),
    )
    .where((eb) => enterpriseInScope(eb, principal.scope))
    .execute();
  const ids = enterprises.map((enterprise) => enterprise.id);

  // An enterprise never rated yet is rated now, so the plan covers everyone the department supervises.
  const rated = new Set(
    ids.length === 0
      ? []
      : (
          await db.selectFrom("enterprise_rating").select("enterprise_id").where(anyOf("enterprise_id", ids)).execute()
        ).map((row) => row.enterprise_id),
  );
  const unrated = ids.filter((id) => !rated.has(id));
  for (let i = 0; i < unrated.length; i += RATE_BATCH)
    await recomputeRatings(db, unrated.slice(i, i + RATE_BATCH), now);

  const ratings =
    ids.length === 0
      ? []
      : await db
          .selectFrom("enterprise_rating")
          .select(["enterprise_id", "score", "level", "contributions"])
          .where(anyOf("enterprise_id", ids))
          .execute();
  const riskPoints =
    ids.length === 0
      ? []
      : await db
          .selectFrom("risk_point")
          .select(["owner_id", "name", "level"])
          .where("owner_kind", "=", "enterprise")
          .where(anyOf("owner_id", ids))
          .where("level", "in", [1, 2])
          .orderBy("level")
          .orderBy("name")
          .execute();
  const pointsOf = new Map<string, { name: string; level: RiskLevel }[]>();
  for (const point of riskPoints) {
    const list = pointsOf.get(point.owner_id) ?? [];
    list.push({ name: point.name, level: point.level as RiskLevel });
    pointsOf.set(point.owner_id, list);
  }
  const pathOf = new Map(enterprises.map((enterprise) => [enterprise.id, enterprise.territory_path]));

  const { defaults, overrides } = await loadFrequencyConfiguration(db);
  const contentsEn = new Map<string, string[]>();
  const planEnterprises: PlanEnterprise[] = ratings.map((rating) => {
    const level = rating.level as RiskLevel;
    const contributions = rating.contributions as RatingContribution[];
    const points = pointsOf.get(rating.enterprise_id) ?? [];
    contentsEn.set(rating.enterprise_id, keyCheckContents({ contributions, riskPoints: points, language: "en" }));
    return {
      id: rating.enterprise_id,
      level,
      score: rating.score,
      checkContents: keyCheckContents({ contributions, riskPoints: points, language: "zh" }),
      timesPerYear: frequencyFor(
        level,
        { department: department.id, territoryPath: pathOf.get(rating.enterprise_id) },
        overrides,
        defaults,
      ).timesPerYear,
    };
  });

  const periodMonth = month ?? 0;
  const annualPlan = await db
    .selectFrom("supervision_plan")
    .select("seed")
    .where("organisation_id", "=", department.id)
    .where("territory_id", "=", territory.id)
    .where("year", "=", year)
    .where("month", "=", 0)
    .executeTakeFirst();
  const annualSeed = annualPlan?.seed ?? defaultSeed(department, year);
  const seed = options.seed ?? (month === undefined ? annualSeed : defaultSeed(department, year, month));
  const frequency = frequencyConfigFor(
    { department: department.id, territoryPath: territory.path },
    overrides,
    defaults,
  );
  const plan = generatePlan(
    month === undefined
      ? { seed, year, enterprises: planEnterprises, frequency, capacity: options.capacity, annualSeed }
      : { seed, year, month, enterprises: planEnterprises, frequency, capacity: options.capacity, annualSeed },
  );

  return db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("supervision_plan")
      .select(["id", "seed", "summary"])
      .where("organisation_id", "=", department.id)
      .where("territory_id", "=", territory.id)
      .where("year", "=", year)
      .where("month", "=", periodMonth)
      .forUpdate()
      .executeTakeFirst();
    if (existing) {
      const inspected = await trx
        .selectFrom("enforcement_inspection")
        .innerJoin("supervision_plan_item", (join) =>
          join
            .onRef("supervision_plan_item.enterprise_id", "=", "enforcement_inspection.enterprise_id")
            .onRef("supervision_plan_item.id", "=", "enforcement_inspection.plan_item_id"),
        )
        .select(sql<number>`count(*)`.as("n"))
        .where("supervision_plan_item.plan_id", "=", existing.id)
        .executeTakeFirstOrThrow();
      if (Number(inspected.n) > 0) {
        throw conflict({
          "zh-CN": `该计划已记录 ${inspected.n} 次执法检查，不能重新生成；请在下一周期生成新计划`,
          en: `${inspected.n} inspections are already recorded against this plan, so it cannot be regenerated; generate the next period's plan instead`,
        });
      }
      await trx.deleteFrom("supervision_plan_item").where("plan_id", "=", existing.id).execute();
    }
    const values = {
      organisation_id: department.id,
      territory_id: territory.id,
      territory_path: territory.path,
      year,
      month: periodMonth,
      seed,
      seed_number: plan.summary.seedNumber,
      annual_seed: annualSeed,
      capacity: options.capacity ?? null,
      frequency: JSON.stringify(frequency),
      summary: JSON.stringify(plan.summary),
      generated_at: now,
      generated_by: principal.userId,
      generated_by_name: principal.displayName,
    };
    let planId = existing?.id;
    if (planId) {
      await trx.updateTable("supervision_plan").set(values).where("id", "=", planId).execute();
    } else {
      planId = (await trx.insertInto("supervision_plan").values(values).returning("id").executeTakeFirstOrThrow()).id;
    }
    const items = plan.selections.map((selection) => ({
      enterprise_id: selection.enterpriseId,
      plan_id: planId,
      reason: selection.reason,
      level: selection.level,
      score: selection.score,
      weight: selection.weight,
      inspections: selection.inspections,
      months: selection.months,
      check_contents_zh: JSON.stringify(selection.checkContents),
      check_contents_en: JSON.stringify(contentsEn.get(selection.enterpriseId) ?? []),
    }));
    for (let i = 0; i < items.length; i += INSERT_BATCH) {
      await trx
        .insertInto("supervision_plan_item")
        .values(items.slice(i, i + INSERT_BATCH))
        .execute();
    }
    await recordAudit(trx, options.actor, {
      action: existing ? "regenerate" : "generate",
      entityType: "supervision_plan",
      entityId: planId,
      territoryPath: territory.path,
      before: existing ? { seed: existing.seed, summary: existing.summary } : null,
      after: {
        organisationId: department.id,
        period: plan.summary.period,
        seed,
        seedNumber: plan.summary.seedNumber,
        capacity: options.capacity ?? null,
        mandatoryPlanned: plan.summary.mandatoryPlanned,
        random: plan.summary.random,
        enterprises: plan.summary.enterprises,
      },
    });
    return planId;
  });
}
