import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { checkUsers } from "../../auth/require-user";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { invalidFields, type LocalisedText, notFound } from "../../errors";
import { recordReportedHiddenDanger } from "../hidden-dangers/record-reported-hidden-danger";
import type { InspectionInput } from "./schema";
import { planInScope, THE_ENTERPRISE } from "./supervision-access";

type Problem = { field: string; text: LocalisedText };

// The latest calendar date anywhere (UTC+14), so that "today" in the inspector's zone is never refused as future.
const latestToday = () => new Date(Date.now() + 14 * 3_600_000).toISOString().slice(0, 10);

/** The rules of an enforcement record that a schema cannot say. */
function recordProblems(input: InspectionInput, now: string): Problem[] {
  const problems: Problem[] = [];
  if (input.inspectedOn > now) {
    problems.push({
      field: "inspectedOn",
      text: { "zh-CN": "检查日期不能晚于今天", en: "The inspection date cannot be later than today" },
    });
  }
  if ((input.hiddenDangers?.length ?? 0) > 0 && !input.rectificationDeadline) {
    problems.push({
      field: "rectificationDeadline",
      text: {
        "zh-CN": "责令整改的隐患须写明整改期限，请填写整改期限",
        en: "Hidden dangers ordered to be rectified need a deadline; enter the rectification deadline",
      },
    });
  }
  if (input.rectificationDeadline && input.rectificationDeadline < input.inspectedOn) {
    problems.push({
      field: "rectificationDeadline",
      text: { "zh-CN": "整改期限不能早于检查日期", en: "The rectification deadline cannot be before the inspection" },
    });
  }
  if (input.recheckDue && input.recheckDue < input.inspectedOn) {
    problems.push({
      field: "recheckDue",
      text: { "zh-CN": "复查日期不能早于检查日期", en: "The re-check date cannot be before the inspection" },
    });
  }
  input.penalties?.forEach((penalty, index) => {
    if (penalty.kind === "fine" && penalty.amountYuan <= 0) {
      problems.push({
        field: `penalties.${index}.amountYuan`,
        text: { "zh-CN": "罚款须填写大于 0 的金额（元）", en: "A fine needs an amount above 0 yuan" },
      });
    }
  });
  if ((input.penalties?.length ?? 0) > 0 && (input.violations ?? 0) === 0) {
    problems.push({
      field: "violations",
      text: {
        "zh-CN": "有行政处罚时须填写违法行为数（至少 1 项）",
        en: "A penalty needs the number of violations it punishes (at least 1)",
      },
    });
  }
  return problems;
}

/**
 * The department a plan item names, when it is this enterprise's and in the caller's scope; a problem otherwise.
 * Without a plan item the inspection is the caller's own department's.
 */
async function inspectingDepartment(
  db: Kysely<DB>,
  principal: Principal,
  enterpriseId: string,
  planItemId: string | undefined,
): Promise<{ organisationId: string | null; problem?: Problem }> {
  if (!planItemId) return { organisationId: principal.organisationId };
  const item = await db
    .selectFrom("supervision_plan_item")
    .innerJoin("supervision_plan", "supervision_plan.id", "supervision_plan_item.plan_id")
    .select(["supervision_plan.organisation_id"])
    .where("supervision_plan_item.enterprise_id", "=", enterpriseId)
    .where("supervision_plan_item.id", "=", planItemId)
    .where((eb) => planInScope(eb, principal))
    .executeTakeFirst();
  if (item) return { organisationId: item.organisation_id };
  return {
    organisationId: principal.organisationId,
    problem: {
      field: "planItemId",
      text: {
        "zh-CN": "该计划条目不存在、不属于该企业或不在您的管辖范围内",
        en: "The plan item does not exist, is not this enterprise's, or is outside your scope",
      },
    },
  };
}

/**
 * Records an enforcement inspection of an enterprise in the caller's scope: inspectors, items checked, findings,
 * penalties, a re-check date; every hidden danger it orders enters the hidden-danger life cycle with source
 * government, and a re-check closes the re-check task of the inspection it re-checks. Answers the new record's id.
 */
export async function recordInspection(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  input: InspectionInput,
): Promise<string> {
  const enterprise = await db
    .selectFrom("enterprise")
    .select(["id", "name", "territory_path"])
    .where("id", "=", input.enterpriseId)
    .where((eb) => enterpriseInScope(eb, principal.scope))
    .executeTakeFirst();
  if (!enterprise) throw notFound(THE_ENTERPRISE);
  const problems = recordProblems(input, latestToday());
  const department = await inspectingDepartment(db, principal, enterprise.id, input.planItemId);
  if (department.problem) problems.push(department.problem);
  if (input.recheckOfId) {
    const first = await db
      .selectFrom("enforcement_inspection")
      .select(["id", "recheck_of_id"])
      .where("enterprise_id", "=", enterprise.id)
      .where("id", "=", input.recheckOfId)
      .executeTakeFirst();
    if (!first) {
      problems.push({
        field: "recheckOfId",
        text: {
          "zh-CN": "被复查的检查记录不存在或不属于该企业",
          en: "The inspection to re-check does not exist or is not this enterprise's",
        },
      });
    }
  }
  // Inspectors are active government officers of the caller's territory, as the inspector list offers them.
  const inspectors = await checkUsers(db, "inspectorIds", input.inspectorIds, {
    kind: "government",
    within: principal.scope,
  });
  if (inspectors.problem) problems.push(inspectors.problem);
  if (problems.length > 0) throw invalidFields(problems);
  const names = inspectors.users.map((inspector) => inspector.displayName);

  const now = new Date();
  const code = `ZF${input.inspectedOn.replaceAll("-", "")}-${randomBytes(3).toString("hex").toUpperCase()}`;
  return db.transaction().execute(async (trx) => {
    const hiddenDangerIds: string[] = [];
    for (const ordered of input.hiddenDangers ?? []) {
      const created = await recordReportedHiddenDanger(trx, {
        actor,
        principal,
        enterprise,
        report: {
          enterpriseId: enterprise.id,
          description: ordered.description,
          level: ordered.level,
          place: ordered.place,
          source: "government",
        },
        now,
      });
      hiddenDangerIds.push(created.id);
    }
    const penaltyTotal = (input.penalties ?? []).reduce((sum, penalty) => sum + penalty.amountYuan, 0);
    const inserted = await trx
      .insertInto("enforcement_inspection")
      .values({
        enterprise_id: enterprise.id,
        code,
        territory_path: enterprise.territory_path,
        organisation_id: department.organisationId,
        plan_item_id: input.planItemId ?? null,
        recheck_of_id: input.recheckOfId ?? null,
        inspected_on: input.inspectedOn,
        inspector_ids: input.inspectorIds,
        inspector_names: names,
        items_checked: JSON.stringify(input.itemsChecked),
        findings: input.findings ?? "",
        hidden_danger_ids: hiddenDangerIds,
        rectification_deadline: input.rectificationDeadline ?? null,
        penalties: JSON.stringify(input.penalties ?? []),
        penalty_total_yuan: penaltyTotal,
        violations: input.violations ?? 0,
        recheck_due: input.recheckDue ?? null,
        created_by: principal.userId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.recheckOfId) {
      await trx
        .updateTable("enforcement_inspection")
        .set({ recheck_inspection_id: inserted.id })
        .where("enterprise_id", "=", enterprise.id)
        .where("id", "=", input.recheckOfId)
        .execute();
    }
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "enforcement_inspection",
      entityId: inserted.id,
      enterpriseId: enterprise.id,
      territoryPath: enterprise.territory_path,
      after: { code, ...input, hiddenDangerIds },
    });
    return inserted.id;
  });
}
