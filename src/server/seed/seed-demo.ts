import { randomBytes } from "node:crypto";
import { type Insertable, sql } from "kysely";
import { generateDemoCity, generateEnterprises } from "../../domain/demo";
import { type DeviceType, deviceTypeInfo } from "../../domain/monitoring/device-types";
import { industrySectionOf } from "../../domain/reference";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/passwords";
import { hashSecret, newSecret } from "../auth/tokens";
import type { Database } from "../db/database";
import type { EnterpriseTable, OrganisationKind } from "../db/schema";
import { insertTerritory } from "./insert-territory";

export const DEMO_PASSWORD = "Demo@2026";

/** A demo password for a demo on a server, where the published one must not work: letters and digits from 18 random bytes. */
export function generatedDemoPassword(): string {
  return `Demo-${randomBytes(18).toString("base64url")}-7`;
}
const DEMO_SEED = 20261129;
const BATCH = 1000;

/** The demo accounts, one per role of PRODUCT.md; the README lists them. */
export const DEMO_ACCOUNTS = [
  { username: "admin", displayName: "系统管理员", role: "admin", place: "none" },
  {
    username: "city.supervisor",
    displayName: "市应急局 张监管",
    role: "supervisor",
    place: "city",
    organisation: "city_em",
  },
  {
    username: "jiangbei.supervisor",
    displayName: "江北区应急局 李监管",
    role: "supervisor",
    place: "district",
    organisation: "district_em",
  },
  { username: "town.supervisor", displayName: "沿江街道 王网格长", role: "supervisor", place: "town" },
  {
    username: "housing.dept",
    displayName: "市住建局 赵科长",
    role: "department",
    place: "city",
    organisation: "housing",
    industries: ["E"],
  },
  { username: "chem.principal", displayName: "化工企业 主要负责人", role: "enterprise_principal", place: "chemical" },
  { username: "chem.safety", displayName: "化工企业 安全管理员", role: "safety_manager", place: "chemical" },
  { username: "chem.worker", displayName: "化工企业 操作工", role: "employee", place: "chemical" },
  { username: "insurer", displayName: "安联财险 客户经理", role: "insurer", place: "insured", organisation: "insurer" },
  {
    username: "expert",
    displayName: "安评机构 评价师",
    role: "third_party",
    place: "entrusted",
    organisation: "third_party",
  },
  { username: "integrator", displayName: "政务数据平台 接口", role: "integrator", place: "city" },
] as const;

const ORGANISATIONS: {
  key: string;
  kind: OrganisationKind;
  name: string;
  place: "city" | "district";
  industries: string[];
}[] = [
  { key: "city_em", kind: "emergency_management", name: "滨江示范市应急管理局", place: "city", industries: [] },
  { key: "district_em", kind: "emergency_management", name: "江北区应急管理局", place: "district", industries: [] },
  { key: "housing", kind: "industry_department", name: "滨江示范市住房和城乡建设局", place: "city", industries: ["E"] },
  {
    key: "market",
    kind: "industry_department",
    name: "滨江示范市市场监督管理局",
    place: "city",
    industries: ["H", "F"],
  },
  { key: "transport", kind: "industry_department", name: "滨江示范市交通运输局", place: "city", industries: ["G"] },
  { key: "insurer", kind: "insurer", name: "滨江安联财产保险有限公司", place: "city", industries: [] },
  { key: "third_party", kind: "third_party", name: "滨江安评技术服务有限公司", place: "city", industries: [] },
];

export interface SeedDemoOptions {
  enterprises: number;
  /** The demo accounts' password; the published one unless the caller picks another (a demo on a server). */
  password?: string;
  /** Called after each batch of enterprises, for progress output. */
  onProgress?: (inserted: number) => void;
}

export interface SeedDemoResult {
  seeded: boolean;
  territories: number;
  enterprises: number;
}

/**
 * Seeds the demo city into a database that has no territories yet: territory
 * tree with boundaries, organisations, enterprises and one account per role.
 * A database that already has data is left untouched.
 */
export async function seedDemo(database: Database, options: SeedDemoOptions): Promise<SeedDemoResult> {
  const { db } = database;
  const existing = await db.selectFrom("territory").select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow();
  if (Number(existing.n) > 0) return { seeded: false, territories: Number(existing.n), enterprises: 0 };

  const city = generateDemoCity(DEMO_SEED);
  const territoryIds = new Map<string, { id: string; path: string }>();
  await db.transaction().execute(async (trx) => {
    for (const node of city) {
      const parent = node.parentCode ? territoryIds.get(node.parentCode) : undefined;
      territoryIds.set(node.code, await insertTerritory(trx, node, parent ?? null));
    }
  });

  const grids = city.filter((node) => node.level === "grid");
  let inserted = 0;
  let batch: Insertable<EnterpriseTable>[] = [];
  const chemical: { id?: string; uscc: string }[] = [];
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insertInto("enterprise").values(batch).execute();
    inserted += batch.length;
    batch = [];
    options.onProgress?.(inserted);
  };
  for (const enterprise of generateEnterprises({ count: options.enterprises, seed: DEMO_SEED, grids })) {
    const territory = territoryIds.get(enterprise.territoryCode)!;
    if (enterprise.industryCode === "26" && territory.path.includes("/990101/") && chemical.length < 12) {
      chemical.push({ uscc: enterprise.uscc });
    }
    batch.push({
      name: enterprise.name,
      uscc: enterprise.uscc,
      industry_code: enterprise.industryCode,
      industry_section: industrySectionOf(enterprise.industryCode) ?? "C",
      scale: enterprise.scale,
      address: enterprise.address,
      lng: enterprise.lng,
      lat: enterprise.lat,
      territory_id: territory.id,
      territory_path: territory.path,
      principal_name: enterprise.principalName,
      principal_phone: enterprise.principalPhone,
      safety_managers: JSON.stringify(enterprise.safetyManagers),
      contacts: "[]",
      status: enterprise.status,
      updated_at: new Date(),
    });
    if (batch.length >= BATCH) await flush();
  }
  await flush();

  // The demo's own enterprise accounts act for chemical plants in Jiangbei District.
  const chemicalRows =
    chemical.length > 0
      ? await db
          .selectFrom("enterprise")
          .select(["id", "uscc"])
          .where(
            "uscc",
            "in",
            chemical.map((c) => c.uscc),
          )
          .execute()
      : [];
  const chemicalIds = chemical
    .map((c) => chemicalRows.find((r) => r.uscc === c.uscc)?.id)
    .filter((id) => id !== undefined);

  const cityId = territoryIds.get(city[0].code)!.id;
  const district = city.find((node) => node.level === "district")!;
  const town = city.find((node) => node.level === "town" && node.parentCode === district.code)!;
  const organisationIds = new Map<string, string>();
  const passwordHashes = await Promise.all(DEMO_ACCOUNTS.map(() => hashPassword(options.password ?? DEMO_PASSWORD)));
  await db.transaction().execute(async (trx) => {
    for (const organisation of ORGANISATIONS) {
      const created = await trx
        .insertInto("organisation")
        .values({
          kind: organisation.kind,
          name: organisation.name,
          territory_id: organisation.place === "city" ? cityId : territoryIds.get(district.code)!.id,
          industries: organisation.industries,
          updated_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      organisationIds.set(organisation.key, created.id);
    }
    for (const [index, account] of DEMO_ACCOUNTS.entries()) {
      const territoryId =
        account.place === "city"
          ? cityId
          : account.place === "district"
            ? territoryIds.get(district.code)!.id
            : account.place === "town"
              ? territoryIds.get(town.code)!.id
              : null;
      const created = await trx
        .insertInto("app_user")
        .values({
          username: account.username,
          display_name: account.displayName,
          password_hash: passwordHashes[index],
          role: account.role,
          territory_id: territoryId,
          industries: "industries" in account ? [...account.industries] : [],
          organisation_id: "organisation" in account ? (organisationIds.get(account.organisation) ?? null) : null,
          updated_at: new Date(),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const enterpriseIds =
        account.place === "chemical"
          ? chemicalIds.slice(0, 1)
          : account.place === "insured"
            ? chemicalIds.slice(0, 8)
            : account.place === "entrusted"
              ? chemicalIds.slice(0, 4)
              : [];
      if (enterpriseIds.length > 0) {
        await trx
          .insertInto("user_enterprise")
          .values(enterpriseIds.map((enterpriseId) => ({ user_id: created.id, enterprise_id: enterpriseId })))
          .execute();
      }
    }
    // Monitoring devices of the demo chemical plant, fed by the demo simulation.
    if (chemicalIds[0]) {
      const demoDevices: [string, string, DeviceType][] = [
        ["DEMO-GAS-1", "液氯罐区可燃气体探测器 1#", "combustible_gas"],
        ["DEMO-TOX-1", "液氯罐区氯气探测器 1#", "toxic_gas"],
        ["DEMO-O2-1", "配电室氧含量探测器", "oxygen"],
      ];
      await trx
        .insertInto("device")
        .values(
          demoDevices.map(([code, name, type]) => ({
            enterprise_id: chemicalIds[0]!,
            code,
            name,
            device_type: type,
            unit: deviceTypeInfo(type).unit,
            risk_point_id: null,
            major_hazard_unit_id: null,
            lng: null,
            lat: null,
            install_date: null,
            calibration_due: null,
            credential_hash: hashSecret(newSecret()),
            rule_overrides: "[]",
            rule_state: "{}",
            last_value: null,
            last_ts: null,
          })),
        )
        .execute();
    }
    await recordAudit(
      trx,
      { userId: null, name: "dualguard seed-demo", ip: "" },
      {
        action: "seed",
        entityType: "installation",
        entityId: "demo-city",
        territoryPath: territoryIds.get(city[0].code)!.path,
        after: { territories: city.length, enterprises: inserted, accounts: DEMO_ACCOUNTS.length },
      },
    );
  });
  return { seeded: true, territories: city.length, enterprises: inserted };
}
