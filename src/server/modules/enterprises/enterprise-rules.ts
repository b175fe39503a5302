import type { Kysely, Selectable, Transaction } from "kysely";
import { canonicalJson } from "../../../domain/audit/hash-chain";
import { formatUsccProblem, validateUscc } from "../../../domain/enterprise/uscc";
import { text } from "../../../domain/text";
import type { Principal } from "../../auth/principal";
import { enterpriseFitsScope } from "../../auth/scope";
import type { DB, EnterpriseScale, EnterpriseStatus, EnterpriseTable, PersonContact } from "../../db/schema";
import { type AppError, forbidden, invalidFields, type LocalisedText } from "../../errors";

/** Enterprise fields after checking, ready to store. */
export interface EnterpriseValues {
  name: string;
  uscc: string;
  industry_code: string;
  industry_section: string;
  scale: EnterpriseScale;
  address: string;
  lng: number | null;
  lat: number | null;
  territory_id: string;
  territory_path: string;
  principal_name: string;
  principal_phone: string;
  safety_managers: PersonContact[];
  contacts: PersonContact[];
  status: EnterpriseStatus;
}

export interface EnterpriseInput {
  name?: string;
  uscc?: string;
  industryCode?: string;
  scale?: EnterpriseScale;
  address?: string;
  lng?: number | null;
  lat?: number | null;
  territoryId?: string;
  territoryCode?: string;
  principalName?: string;
  principalPhone?: string;
  safetyManagers?: PersonContact[];
  contacts?: PersonContact[];
  status?: EnterpriseStatus;
}

export interface FieldIssue {
  field: keyof EnterpriseInput;
  text: LocalisedText;
  /** The value is fine but lies outside the caller's scope: a single-record write answers 403. */
  outOfScope?: true;
}

/** Fields an enterprise's own people may not change: identity and placement are the government's record. */
const GOVERNMENT_FIELDS: (keyof EnterpriseInput)[] = [
  "name",
  "uscc",
  "industryCode",
  "territoryId",
  "territoryCode",
  "status",
];

export function rowToValues(row: Selectable<EnterpriseTable>): EnterpriseValues {
  return {
    name: row.name,
    uscc: row.uscc,
    industry_code: row.industry_code,
    industry_section: row.industry_section,
    scale: row.scale,
    address: row.address,
    lng: row.lng,
    lat: row.lat,
    territory_id: row.territory_id,
    territory_path: row.territory_path,
    principal_name: row.principal_name,
    principal_phone: row.principal_phone,
    safety_managers: row.safety_managers,
    contacts: row.contacts,
    status: row.status,
  };
}

/** Lookups the checks need; an import loads them once for all rows. */
export interface EnterpriseLookups {
  industrySection(code: string): Promise<string | undefined>;
  territoryById(id: string): Promise<{ id: string; path: string } | undefined>;
  territoryByCode(code: string): Promise<{ id: string; path: string } | undefined>;
}

export function databaseLookups(db: Kysely<DB> | Transaction<DB>): EnterpriseLookups {
  return {
    async industrySection(code) {
      const row = await db
        .selectFrom("reference_item")
        .innerJoin("reference_set", (join) =>
          join
            .onRef("reference_set.kind", "=", "reference_item.kind")
            .onRef("reference_set.version", "=", "reference_item.version"),
        )
        .select("reference_item.parent_code")
        .where("reference_item.kind", "=", "industry")
        .where("reference_set.is_current", "=", true)
        .where("reference_item.code", "=", code)
        .where("reference_item.parent_code", "is not", null)
        .executeTakeFirst();
      return row?.parent_code ?? undefined;
    },
    territoryById: (id) => db.selectFrom("territory").select(["id", "path"]).where("id", "=", id).executeTakeFirst(),
    territoryByCode: (code) =>
      db.selectFrom("territory").select(["id", "path"]).where("code", "=", code).executeTakeFirst(),
  };
}

/**
 * Checks an enterprise's fields against the rules and the caller's scope and
 * merges them over the stored values (for an update). Returns the values to
 * store, or every problem found, each naming its field.
 */
export async function checkEnterprise(
  lookups: EnterpriseLookups,
  principal: Principal,
  input: EnterpriseInput,
  existing?: { id: string; values: EnterpriseValues },
): Promise<{ values: EnterpriseValues; issues: [] } | { values: null; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  const base = existing?.values;

  if (existing && principal.scope.kind === "enterprises") {
    for (const field of GOVERNMENT_FIELDS) {
      if (input[field] !== undefined && input[field] !== keyValue(base!, field)) {
        issues.push({
          field,
          text: text(
            `${field} 由属地监管部门维护，企业账号不能修改`,
            `${field} is kept by the supervising government and cannot be changed by the enterprise`,
          ),
        });
      }
    }
  }

  const uscc = input.uscc !== undefined ? input.uscc.trim() : base?.uscc;
  if (uscc === undefined)
    issues.push({
      field: "uscc",
      text: text("统一社会信用代码为必填项", "The unified social credit code is required"),
    });
  else if (input.uscc !== undefined) {
    const check = validateUscc(uscc);
    if (!check.valid)
      issues.push({
        field: "uscc",
        text: text(formatUsccProblem(check, "zh-CN"), formatUsccProblem(check, "en")),
      });
  }

  const industryCode = input.industryCode ?? base?.industry_code;
  let industrySection = base?.industry_section;
  if (industryCode === undefined)
    issues.push({ field: "industryCode", text: text("行业代码为必填项", "The industry code is required") });
  else if (input.industryCode !== undefined) {
    industrySection = await lookups.industrySection(industryCode);
    if (!industrySection) {
      issues.push({
        field: "industryCode",
        text: text(
          `行业代码 ${industryCode} 不是 GB/T 4754-2017 的门类下的大类代码（两位数字，如 26 化学原料和化学制品制造业）`,
          `Industry code ${industryCode} is not a GB/T 4754-2017 division (two digits, e.g. 26 for chemical manufacturing)`,
        ),
      });
    }
  }

  let territory = base ? { id: base.territory_id, path: base.territory_path } : undefined;
  if (input.territoryId !== undefined) {
    territory = await lookups.territoryById(input.territoryId);
    if (!territory)
      issues.push({ field: "territoryId", text: text("所选属地不存在", "The chosen territory does not exist") });
  } else if (input.territoryCode !== undefined) {
    territory = await lookups.territoryByCode(input.territoryCode);
    if (!territory) {
      issues.push({
        field: "territoryCode",
        text: text(
          `属地编码 ${input.territoryCode} 不存在，请从模板的“属地编码”表中选择`,
          `Territory code ${input.territoryCode} does not exist; pick one from the template's territory sheet`,
        ),
      });
    }
  } else if (!territory) {
    issues.push({ field: "territoryId", text: text("所属属地为必填项", "The territory is required") });
  }

  const name = input.name?.trim() ?? base?.name;
  if (!name || name.length < 2)
    issues.push({
      field: "name",
      text: text("企业名称至少 2 个字符", "The enterprise name needs at least 2 characters"),
    });
  const scale = input.scale ?? base?.scale;
  if (!scale)
    issues.push({
      field: "scale",
      text: text("企业规模为必填项（大型、中型、小型、微型）", "The scale is required (large, medium, small, micro)"),
    });
  const lng = input.lng !== undefined ? input.lng : (base?.lng ?? null);
  const lat = input.lat !== undefined ? input.lat : (base?.lat ?? null);
  if ((lng === null) !== (lat === null)) {
    issues.push({
      field: "lng",
      text: text("经度和纬度须同时填写或同时留空", "Give both longitude and latitude, or neither"),
    });
  }

  if (issues.length === 0 && territory && industrySection && industryCode) {
    const fits = enterpriseFitsScope(principal.scope, {
      id: existing?.id,
      territoryPath: territory.path,
      industryCode,
      industrySection,
    });
    if (!fits) {
      issues.push({
        field: input.territoryCode !== undefined ? "territoryCode" : "territoryId",
        text: text(
          "该企业的属地或行业不在您的管辖范围内",
          "This enterprise's territory or industry is outside your scope",
        ),
        outOfScope: true,
      });
    }
  }
  if (issues.length > 0) return { values: null, issues };
  return {
    issues: [],
    values: {
      name: name!,
      uscc: uscc!,
      industry_code: industryCode!,
      industry_section: industrySection!,
      scale: scale!,
      address: input.address ?? base?.address ?? "",
      lng,
      lat,
      territory_id: territory!.id,
      territory_path: territory!.path,
      principal_name: input.principalName ?? base?.principal_name ?? "",
      principal_phone: input.principalPhone ?? base?.principal_phone ?? "",
      safety_managers: input.safetyManagers ?? base?.safety_managers ?? [],
      contacts: input.contacts ?? base?.contacts ?? [],
      status: input.status ?? base?.status ?? "operating",
    },
  };
}

function keyValue(values: EnterpriseValues, field: keyof EnterpriseInput): unknown {
  switch (field) {
    case "name":
      return values.name;
    case "uscc":
      return values.uscc;
    case "industryCode":
      return values.industry_code;
    case "territoryId":
      return values.territory_id;
    case "status":
      return values.status;
    default:
      return undefined;
  }
}

/** Whether an enterprise already holds this credit code (GB 32100-2015 gives each legal entity one). */
export async function usccTaken(db: Kysely<DB> | Transaction<DB>, uscc: string): Promise<boolean> {
  const holder = await db.selectFrom("enterprise").select("id").where("uscc", "=", uscc).executeTakeFirst();
  return holder !== undefined;
}

/** Column values for INSERT/UPDATE (jsonb columns as JSON text). */
export function toColumns(values: EnterpriseValues) {
  return {
    ...values,
    safety_managers: JSON.stringify(values.safety_managers),
    contacts: JSON.stringify(values.contacts),
  };
}

export function sameValues(a: EnterpriseValues, b: EnterpriseValues): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/** The error for a rejected single-record write: 403 when the record lies outside the scope, else 400 per field. */
export function rejection(issues: FieldIssue[]): AppError {
  const outside = issues.find((issue) => issue.outOfScope);
  if (outside) return forbidden(outside.text);
  return invalidFields(issues);
}
