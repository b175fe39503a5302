import type { Kysely } from "kysely";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import {
  type FrequencyConfig,
  type FrequencyOverride,
  type FrequencyProblem,
  validateFrequency,
  validateFrequencyOverrides,
} from "../../../domain/supervision/inspection-frequency";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";
import { forbidden, invalidFields, type LocalisedText } from "../../errors";
import { loadStoredFrequencies, type StoredFrequency, visibleTo } from "./frequency-store";
import type { FrequencyInput } from "./schema";
import { supervisingDepartment, territoryInReach } from "./supervision-access";

const REASONS: Record<string, LocalisedText> = {
  not_a_whole_number_0_to_366: {
    "zh-CN": "每年检查次数须为 0 到 366 的整数",
    en: "times a year must be a whole number from 0 to 366",
  },
  not_a_level: { "zh-CN": "风险等级只能是 1 到 4", en: "the level must be 1 to 4" },
  duplicate_scope: { "zh-CN": "同一部门和区域只能设置一次", en: "a department and territory can be set only once" },
  no_department_nor_territory: {
    "zh-CN": "请选择监管部门或区域",
    en: "choose a department or a territory",
  },
  not_a_territory_path: { "zh-CN": "区域路径无效", en: "the territory path is not valid" },
};

function frequencyProblems(problems: FrequencyProblem[]) {
  return invalidFields(
    problems.map((problem) => {
      const reason = REASONS[problem.reason] ?? { "zh-CN": problem.reason, en: problem.reason };
      return {
        field: `frequency.${problem.field.replace(/^\[0\]\.frequency\./, "").replace(/^\[0\]\.?/, "")}`.replace(
          /\.$/,
          "",
        ),
        text: {
          "zh-CN": `${reason["zh-CN"]}（收到 ${JSON.stringify(problem.found)}）`,
          en: `${reason.en} (got ${JSON.stringify(problem.found)})`,
        },
      };
    }),
  );
}

/** Checks the installation-wide default: administrators of the whole installation only, all four levels or none. */
function checkInstallationDefault(principal: Principal, frequency: Partial<FrequencyConfig>) {
  if (principal.role !== "admin" || principal.scope.kind !== "territory" || principal.scope.path !== "/") {
    throw forbidden({
      "zh-CN": "全系统默认频次只能由系统管理员设置；请选择监管部门或区域",
      en: "Only an administrator of the whole installation sets the default; choose a department or a territory",
    });
  }
  // An empty frequency removes the installation default, bringing back the shipped one.
  if (Object.keys(frequency).length === 0) return;
  const missing = ([1, 2, 3, 4] as RiskLevel[]).filter((level) => frequency[level] === undefined);
  if (missing.length > 0) {
    throw invalidFields(
      missing.map((level) => ({
        field: `frequency.${level}`,
        text: {
          "zh-CN": "全系统默认须为四个风险等级都设置频次",
          en: "The installation-wide default needs a frequency for all four levels",
        },
      })),
    );
  }
  const problems = validateFrequency(frequency as FrequencyConfig);
  if (problems.length > 0) throw frequencyProblems(problems);
}

/** Checks a department's and/or a territory's setting; returns the territory's path when one is named. */
async function checkOverride(
  db: Kysely<DB>,
  principal: Principal,
  input: FrequencyInput,
  frequency: Partial<FrequencyConfig>,
): Promise<string | undefined> {
  if (principal.role === "department" && input.organisationId === null) {
    throw forbidden({
      "zh-CN": "行业部门只能设置本部门的检查频次，请选择本部门",
      en: "A department sets its own department's frequencies only; choose your department",
    });
  }
  if (input.organisationId !== null) await supervisingDepartment(db, principal, input.organisationId);
  const territoryPath =
    input.territoryId === null ? undefined : (await territoryInReach(db, principal, input.territoryId)).path;
  const override: FrequencyOverride = {
    ...(input.organisationId ? { department: input.organisationId } : {}),
    ...(territoryPath ? { territoryPath } : {}),
    frequency,
  };
  const problems = validateFrequencyOverrides([override]);
  if (problems.length > 0) throw frequencyProblems(problems);
  return territoryPath;
}

/**
 * Sets a department's and/or a territory's inspection frequencies, or with neither the installation-wide default;
 * levels left out fall through, and no level at all removes the setting. Answers the settings the caller may read.
 */
export async function setFrequency(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  input: FrequencyInput,
): Promise<StoredFrequency[]> {
  const frequency = input.frequency as Partial<FrequencyConfig>;
  const installationWide = input.organisationId === null && input.territoryId === null;
  let territoryPath: string | undefined;
  if (installationWide) checkInstallationDefault(principal, frequency);
  else territoryPath = await checkOverride(db, principal, input, frequency);
  const remove = Object.keys(frequency).length === 0;
  await db.transaction().execute(async (trx) => {
    const existing = await trx
      .selectFrom("supervision_frequency")
      .selectAll()
      .where((eb) =>
        input.organisationId === null
          ? eb("organisation_id", "is", null)
          : eb("organisation_id", "=", input.organisationId),
      )
      .where((eb) =>
        input.territoryId === null ? eb("territory_id", "is", null) : eb("territory_id", "=", input.territoryId),
      )
      .executeTakeFirst();
    let id = existing?.id ?? null;
    if (remove) {
      if (existing) await trx.deleteFrom("supervision_frequency").where("id", "=", existing.id).execute();
    } else if (existing) {
      await trx
        .updateTable("supervision_frequency")
        .set({ frequency: JSON.stringify(frequency), updated_at: new Date(), updated_by: principal.userId })
        .where("id", "=", existing.id)
        .execute();
    } else {
      const created = await trx
        .insertInto("supervision_frequency")
        .values({
          organisation_id: input.organisationId,
          territory_id: input.territoryId,
          frequency: JSON.stringify(frequency),
          updated_at: new Date(),
          updated_by: principal.userId,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      id = created.id;
    }
    if (id === null) return;
    await recordAudit(trx, actor, {
      action: remove ? "delete" : existing ? "update" : "create",
      entityType: "supervision_frequency",
      entityId: id,
      territoryPath: territoryPath ?? null,
      before: existing ? { frequency: existing.frequency } : null,
      after: remove ? null : { organisationId: input.organisationId, territoryId: input.territoryId, frequency },
    });
  });
  return (await loadStoredFrequencies(db)).filter((row) => visibleTo(principal, row));
}
