import { Type } from "typebox";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import {
  DEFAULT_FREQUENCY,
  type FrequencyConfig,
  type FrequencyOverride,
  type FrequencyProblem,
  frequencyConfigFor,
  validateFrequency,
  validateFrequencyOverrides,
} from "../../../domain/supervision/inspection-frequency";
import { recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { pathInScope } from "../../auth/scope";
import { forbidden, invalidFields, type LocalisedText, notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { loadFrequencyConfiguration, loadStoredFrequencies, type StoredFrequency } from "./frequency-store";
import { supervisingDepartment } from "./supervision-access";

// Bounds are left to the domain validator, so every frequency problem is explained the same way.
const Times = Type.Object({ timesPerYear: Type.Number() }, { additionalProperties: false });
const Frequency = Type.Object(
  {
    "1": Type.Optional(Times),
    "2": Type.Optional(Times),
    "3": Type.Optional(Times),
    "4": Type.Optional(Times),
  },
  { additionalProperties: false },
);

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

/** Rows a caller may read: the installation default, its subtree and the nodes above it (they apply to it too). */
function visibleTo(principal: Principal, row: StoredFrequency): boolean {
  if (principal.scope.kind !== "territory") return false;
  const scopePath = principal.scope.path;
  const territoryVisible =
    row.territoryPath === null || row.territoryPath.startsWith(scopePath) || scopePath.startsWith(row.territoryPath);
  const departmentVisible =
    principal.role !== "department" || row.organisationId === null || row.organisationId === principal.organisationId;
  return territoryVisible && departmentVisible;
}

export async function frequencyRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/supervision/frequency",
    {
      config: { permission: "supervision:read" },
      schema: {
        tags: ["supervision"],
        summary:
          "Enforcement inspection frequencies by rating level: the shipped and installation defaults, the departments' and territories' own, and the configuration in force for a department in a territory",
        querystring: Type.Object(
          {
            organisationId: Type.Optional(Type.String({ format: "uuid" })),
            territoryId: Type.Optional(Type.String({ format: "uuid" })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const [stored, configuration] = await Promise.all([loadStoredFrequencies(db), loadFrequencyConfiguration(db)]);
      let territoryPath: string | undefined;
      if (q.territoryId) {
        const territory = await db
          .selectFrom("territory")
          .select("path")
          .where("id", "=", q.territoryId)
          .executeTakeFirst();
        if (!territory || !pathInScope(principal.scope, territory.path)) {
          throw notFound({ "zh-CN": "该区域", en: "The territory" });
        }
        territoryPath = territory.path;
      }
      if (q.organisationId) {
        const department = await supervisingDepartment(db, principal, q.organisationId);
        territoryPath ??= department.territoryPath;
      }
      const installation = stored.find((row) => row.organisationId === null && row.territoryId === null) ?? null;
      return {
        shipped: DEFAULT_FREQUENCY,
        defaults: configuration.defaults,
        installationDefault: installation,
        overrides: stored.filter((row) => row !== installation && visibleTo(principal, row)),
        inForce: frequencyConfigFor(
          { department: q.organisationId, territoryPath },
          configuration.overrides,
          configuration.defaults,
        ),
      };
    },
  );

  app.put(
    "/supervision/frequency",
    {
      config: { permission: "supervision:manage" },
      schema: {
        tags: ["supervision"],
        summary:
          "Set a department's and/or a territory's inspection frequencies (levels left out fall through; none removes the setting); with neither, the installation-wide default (administrators only)",
        body: Type.Object(
          {
            organisationId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
            territoryId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
            frequency: Frequency,
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const body = request.body;
      const frequency = body.frequency as Partial<FrequencyConfig>;
      const installationWide = body.organisationId === null && body.territoryId === null;
      let territoryPath: string | undefined;
      if (installationWide) {
        if (principal.role !== "admin" || principal.scope.kind !== "territory" || principal.scope.path !== "/") {
          throw forbidden({
            "zh-CN": "全系统默认频次只能由系统管理员设置；请选择监管部门或区域",
            en: "Only an administrator of the whole installation sets the default; choose a department or a territory",
          });
        }
        // An empty frequency removes the installation default, bringing back the shipped one.
        const missing =
          Object.keys(frequency).length === 0
            ? []
            : ([1, 2, 3, 4] as RiskLevel[]).filter((level) => frequency[level] === undefined);
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
        const problems =
          missing.length === 0 && Object.keys(frequency).length === 0
            ? []
            : validateFrequency(frequency as FrequencyConfig);
        if (problems.length > 0) throw frequencyProblems(problems);
      } else {
        if (principal.role === "department" && body.organisationId === null) {
          throw forbidden({
            "zh-CN": "行业部门只能设置本部门的检查频次，请选择本部门",
            en: "A department sets its own department's frequencies only; choose your department",
          });
        }
        if (body.organisationId !== null) await supervisingDepartment(db, principal, body.organisationId);
        if (body.territoryId !== null) {
          const territory = await db
            .selectFrom("territory")
            .select("path")
            .where("id", "=", body.territoryId)
            .executeTakeFirst();
          if (!territory || !pathInScope(principal.scope, territory.path)) {
            throw notFound({ "zh-CN": "该区域", en: "The territory" });
          }
          territoryPath = territory.path;
        }
        const override: FrequencyOverride = {
          ...(body.organisationId ? { department: body.organisationId } : {}),
          ...(territoryPath ? { territoryPath } : {}),
          frequency,
        };
        const problems = validateFrequencyOverrides([override]);
        if (problems.length > 0) throw frequencyProblems(problems);
      }
      const remove = Object.keys(frequency).length === 0;
      const existing = await db
        .selectFrom("supervision_frequency")
        .selectAll()
        .where((eb) =>
          body.organisationId === null
            ? eb("organisation_id", "is", null)
            : eb("organisation_id", "=", body.organisationId),
        )
        .where((eb) =>
          body.territoryId === null ? eb("territory_id", "is", null) : eb("territory_id", "=", body.territoryId),
        )
        .executeTakeFirst();
      await db.transaction().execute(async (trx) => {
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
              organisation_id: body.organisationId,
              territory_id: body.territoryId,
              frequency: JSON.stringify(frequency),
              updated_at: new Date(),
              updated_by: principal.userId,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          id = created.id;
        }
        if (id === null) return;
        await recordAudit(trx, actorOf(request), {
          action: remove ? "delete" : existing ? "update" : "create",
          entityType: "supervision_frequency",
          entityId: id,
          territoryPath: territoryPath ?? null,
          before: existing ? { frequency: existing.frequency } : null,
          after: remove ? null : { organisationId: body.organisationId, territoryId: body.territoryId, frequency },
        });
      });
      const stored = await loadStoredFrequencies(db);
      return {
        items: stored.filter((row) => visibleTo(principal, row)),
      };
    },
  );
}
