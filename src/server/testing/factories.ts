import type { Kysely } from "kysely";
import { isEnterpriseScoped, type Role } from "../../domain/access/roles";
import { computeUsccCheckCharacter } from "../../domain/enterprise/uscc";
import type { Polygon } from "../../domain/geo";
import type { HiddenDangerLevel, HiddenDangerStatus } from "../../domain/hidden-danger/vocabulary";
import type { DeviceType } from "../../domain/monitoring/device-types";
import type { RiskLevel } from "../../domain/reference";
import { recordAudit } from "../audit/record-audit";
import { hashPassword } from "../auth/passwords";
import type { DB, EnterpriseScale, OrganisationKind } from "../db/schema";
import { createApiToken } from "../modules/tokens/create-api-token";
import { insertTerritory } from "../seed/insert-territory";
import type { App } from "../types";
import { uploadPhoto } from "./uploads";

/**
 * Small factories for server tests: a city of a few territories, an enterprise with its staff, government
 * users, a risk point, a device and a hidden danger in a chosen state. Rows a user would create go through
 * the same HTTP routes the user calls, so they obey the rules; users are inserted as the users route does
 * but share one password hash, so making many costs nothing.
 */

/** Every factory-made user's password (for tests that sign in with a password rather than a token). */
export const TEST_PASSWORD = "Test-pass-2026";

const FACTORY_ACTOR = { userId: null, name: "test factory", ip: "" };

let passwordHash: Promise<string> | undefined;
/** One argon2id hash of TEST_PASSWORD for the whole test process: hashing costs tens of milliseconds. */
function testPasswordHash(): Promise<string> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
}

let serial = 0;
const next = () => ++serial;

export interface TestTerritory {
  id: string;
  code: string;
  name: string;
  level: "city" | "district" | "town";
  path: string;
}
export interface TestDistrict extends TestTerritory {
  towns: TestTerritory[];
}
export interface TestCity extends TestTerritory {
  districts: TestDistrict[];
}

export interface TestUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
}

export interface TestEnterprise {
  id: string;
  name: string;
  uscc: string;
  territoryId: string;
  territoryPath: string;
  principal: TestUser;
  safetyManager: TestUser;
  employee: TestUser;
}

/** A square boundary west-south corner at (lng, lat), `size` degrees wide. */
function square(lng: number, lat: number, size: number): Polygon {
  return {
    type: "Polygon",
    coordinates: [
      [
        [lng, lat],
        [lng + size, lat],
        [lng + size, lat + size],
        [lng, lat + size],
        [lng, lat],
      ],
    ],
  };
}

async function addTerritory(
  db: Kysely<DB>,
  node: { code: string; name: string; level: TestTerritory["level"]; boundary: Polygon },
  parent: TestTerritory | null,
): Promise<TestTerritory> {
  const { id, path } = await insertTerritory(db, { ...node, nameEn: node.name }, parent);
  return { id, code: node.code, name: node.name, level: node.level, path };
}

/**
 * A city (code 9701) with `districts` districts (970101, 970102, …), each with `towns` towns (970101001, …),
 * on square boundaries side by side. Territories have no route; they are loaded as the demo city is.
 */
export async function createCity(app: App, options: { districts?: number; towns?: number } = {}): Promise<TestCity> {
  const { db } = app.database;
  const districtCount = options.districts ?? 2;
  const townCount = options.towns ?? 2;
  const city = await addTerritory(
    db,
    { code: "9701", name: "测试市", level: "city", boundary: square(120, 30, districtCount) },
    null,
  );
  const districts: TestDistrict[] = [];
  for (let d = 1; d <= districtCount; d++) {
    const code = `9701${String(d).padStart(2, "0")}`;
    const district = await addTerritory(
      db,
      { code, name: `测试${d}区`, level: "district", boundary: square(120 + d - 1, 30, 1) },
      city,
    );
    const towns: TestTerritory[] = [];
    for (let t = 1; t <= townCount; t++) {
      const size = 1 / townCount;
      towns.push(
        await addTerritory(
          db,
          {
            code: `${code}${String(t).padStart(3, "0")}`,
            name: `测试${d}区${t}镇`,
            level: "town",
            boundary: square(120 + d - 1 + (t - 1) * size, 30, size),
          },
          district,
        ),
      );
    }
    districts.push({ ...district, towns });
  }
  return { ...city, districts };
}

export interface UserOptions {
  role: Role;
  /** Where a government role acts (its scope is this territory's subtree); ignored for enterprise roles. */
  territory?: TestTerritory | null;
  /** The enterprises an enterprise-scoped role (staff, insurer, third party) acts for. */
  enterpriseIds?: string[];
  /** For a department: the industry sections or divisions it supervises. */
  industries?: string[];
  organisationId?: string | null;
  displayName?: string;
  username?: string;
}

/** A user as POST /api/v1/users stores one (with its audit entry), with the shared test password. */
export async function createUser(app: App, options: UserOptions): Promise<TestUser> {
  const { db } = app.database;
  const n = next();
  const username = options.username ?? `${options.role.replace(/_/g, "-")}.${n}`;
  const displayName = options.displayName ?? `${options.role} ${n}`;
  const enterpriseScoped = isEnterpriseScoped(options.role);
  const enterpriseIds = enterpriseScoped ? (options.enterpriseIds ?? []) : [];
  const hash = await testPasswordHash();
  const id = await db.transaction().execute(async (trx) => {
    const created = await trx
      .insertInto("app_user")
      .values({
        username,
        display_name: displayName,
        password_hash: hash,
        role: options.role,
        territory_id: enterpriseScoped ? null : (options.territory?.id ?? null),
        industries: options.industries ?? [],
        organisation_id: options.organisationId ?? null,
        updated_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (enterpriseIds.length > 0) {
      await trx
        .insertInto("user_enterprise")
        .values(enterpriseIds.map((enterpriseId) => ({ user_id: created.id, enterprise_id: enterpriseId })))
        .execute();
    }
    await recordAudit(trx, FACTORY_ACTOR, {
      action: "create",
      entityType: "user",
      entityId: created.id,
      after: { username, displayName, role: options.role, territoryId: options.territory?.id ?? null },
    });
    return created.id;
  });
  return { id, username, displayName, role: options.role };
}

/** A government supervisor whose scope is `territory` (a city, district or town) and everything below it. */
export function createSupervisor(
  app: App,
  territory: TestTerritory,
  options: { displayName?: string; organisationId?: string } = {},
): Promise<TestUser> {
  return createUser(app, { role: "supervisor", territory, ...options });
}

export interface TestOrganisation {
  id: string;
  name: string;
}

/** An organisation (an emergency management bureau unless another kind is given) registered through the API. */
export async function createOrganisation(
  app: App,
  options: { territory: TestTerritory; kind?: OrganisationKind; name?: string; industries?: string[] },
): Promise<TestOrganisation> {
  const admin = await signIn(app, await administrator(app));
  const name = options.name ?? `${options.territory.name}应急管理局`;
  const created = await post<{ id: string }>(app, admin, "/organisations", {
    kind: options.kind ?? "emergency_management",
    name,
    territoryId: options.territory.id,
    ...(options.industries ? { industries: options.industries } : {}),
  });
  return { id: created.id, name };
}

/** The installation's administrator of this app, made on first use. */
function administrator(app: App): Promise<TestUser> {
  let admin = administrators.get(app);
  if (!admin) {
    admin = createUser(app, { role: "admin", username: `admin.${next()}`, displayName: "测试管理员" });
    administrators.set(app, admin);
  }
  return admin;
}
const administrators = new WeakMap<App, Promise<TestUser>>();

export interface SignedInUser {
  /** Send these with a request to act as the user (a bearer token: no CSRF token needed). */
  headers: Record<string, string>;
  userId: string;
}

const tokens = new WeakMap<App, Map<string, SignedInUser>>();

/** Signs a user in with an API token (cheap: no password check), once per user and app. */
export async function signIn(app: App, user: { id: string }): Promise<SignedInUser> {
  const known = tokens.get(app) ?? new Map<string, SignedInUser>();
  tokens.set(app, known);
  const cached = known.get(user.id);
  if (cached) return cached;
  const { token } = await createApiToken(app.database.db, FACTORY_ACTOR, { userId: user.id, name: "test", days: 1 });
  const signedIn = { headers: { authorization: `Bearer ${token}` }, userId: user.id };
  known.set(user.id, signedIn);
  return signedIn;
}

/** A valid GB 32100-2015 credit code in the test city, different at every call. */
export function testUscc(): string {
  const first17 = `91970101FA${String(next()).padStart(7, "0")}`;
  return first17 + computeUsccCheckCharacter(first17);
}

/** POSTs `payload` to `/api/v1<path>` as the signed-in user and returns the answer, which must have `status`. */
async function post<T>(app: App, as: SignedInUser, path: string, payload: object, status = 201): Promise<T> {
  const response = await app.inject({ method: "POST", url: `/api/v1${path}`, headers: as.headers, payload });
  if (response.statusCode !== status)
    throw new Error(`POST ${path} failed: ${response.statusCode} ${response.body.slice(0, 2000)}`);
  return response.json();
}

export interface EnterpriseOptions {
  /** A town (or district) of the test city. */
  territory: TestTerritory;
  name?: string;
  /** GB/T 4754-2017 division; 26 (chemical manufacturing) unless given. */
  industryCode?: string;
  scale?: EnterpriseScale;
  status?: "operating" | "suspended";
  lng?: number;
  lat?: number;
}

/**
 * An enterprise registered through POST /api/v1/enterprises by the administrator, with three staff accounts:
 * its principal, a safety manager and an employee.
 */
export async function createEnterprise(app: App, options: EnterpriseOptions): Promise<TestEnterprise> {
  const admin = await signIn(app, await administrator(app));
  const n = next();
  const name = options.name ?? `测试企业${n}有限公司`;
  const created = await post<{ id: string; uscc: string; territoryId: string }>(app, admin, "/enterprises", {
    name,
    uscc: testUscc(),
    industryCode: options.industryCode ?? "26",
    scale: options.scale ?? "small",
    territoryId: options.territory.id,
    ...(options.lng !== undefined ? { lng: options.lng, lat: options.lat } : {}),
    ...(options.status ? { status: options.status } : {}),
  });
  const staff = (role: Role, title: string) =>
    createUser(app, { role, enterpriseIds: [created.id], displayName: `${name} ${title}` });
  return {
    id: created.id,
    name,
    uscc: created.uscc,
    territoryId: options.territory.id,
    territoryPath: options.territory.path,
    principal: await staff("enterprise_principal", "主要负责人"),
    safetyManager: await staff("safety_manager", "安全管理员"),
    employee: await staff("employee", "操作工"),
  };
}

/** LS factors (likelihood × severity, 1–5 each) that grade to each level under the default LS bands. */
const LS_FOR_LEVEL: Record<RiskLevel, { l: number; s: number }> = {
  1: { l: 5, s: 5 },
  2: { l: 4, s: 4 },
  3: { l: 3, s: 3 },
  4: { l: 1, s: 2 },
};

export interface TestRiskPoint {
  id: string;
  hazardId: string;
  level: RiskLevel;
}

/**
 * A risk point of the enterprise with one hazard assessed by LS to `level` (3 unless given), made by its
 * safety manager through the register routes; the point takes its level from the assessment.
 */
export async function createRiskPoint(
  app: App,
  enterprise: TestEnterprise,
  options: { level?: RiskLevel; name?: string; kind?: "place" | "facility" | "process" | "operation" } = {},
): Promise<TestRiskPoint> {
  const as = await signIn(app, enterprise.safetyManager);
  const level = options.level ?? 3;
  const point = await post<{ id: string }>(app, as, "/risk-points", {
    ownerId: enterprise.id,
    kind: options.kind ?? "place",
    name: options.name ?? `测试风险点${next()}`,
    unit: "生产车间",
  });
  const withHazard = await post<{ hazards: { id: string }[] }>(app, as, `/risk-points/${point.id}/hazards`, {
    description: "储罐泄漏遇点火源",
    factorCode: "21",
    accidentTypes: ["08"],
  });
  const hazard = withHazard.hazards[0];
  await post(app, as, `/hazards/${hazard.id}/assessments`, { method: "LS", factors: LS_FOR_LEVEL[level] });
  return { id: point.id, hazardId: hazard.id, level };
}

export interface TestDevice {
  id: string;
  code: string;
  /** The device's own secret, shown once at registration. */
  credential: string;
}

/** A monitoring device registered by the enterprise's safety manager through POST /api/v1/devices. */
export async function createDevice(
  app: App,
  enterprise: TestEnterprise,
  options: { deviceType?: DeviceType; code?: string; riskPointId?: string } = {},
): Promise<TestDevice> {
  const as = await signIn(app, enterprise.safetyManager);
  const code = options.code ?? `TEST-${next()}`;
  const device = await post<{ id: string; credential: string }>(app, as, "/devices", {
    enterpriseId: enterprise.id,
    code,
    name: `测试探测器 ${code}`,
    deviceType: options.deviceType ?? "combustible_gas",
    ...(options.riskPointId ? { riskPointId: options.riskPointId } : {}),
  });
  return { id: device.id, code, credential: device.credential };
}

export interface TestHiddenDanger {
  id: string;
  code: string;
  status: HiddenDangerStatus;
  level: HiddenDangerLevel | null;
}

const DAY = 86_400_000;

/**
 * A hidden danger of the enterprise brought to `status` through the real steps: the safety manager reports and
 * confirms it with the employee responsible, the employee rectifies it (with an after photo), the principal
 * verifies it; "dismissed" is the safety manager's dismissal. A major one is rectified under a full plan.
 */
export async function createHiddenDanger(
  app: App,
  enterprise: TestEnterprise,
  options: { status?: HiddenDangerStatus; level?: HiddenDangerLevel; description?: string; deadlineDays?: number } = {},
): Promise<TestHiddenDanger> {
  const status = options.status ?? "reported";
  const level = options.level ?? "general";
  const safety = await signIn(app, enterprise.safetyManager);
  let danger = await post<TestHiddenDanger>(app, safety, "/hidden-dangers", {
    enterpriseId: enterprise.id,
    description: options.description ?? "消防通道堆放杂物",
    categoryCode: "3",
  });
  const act = async (user: TestUser, payload: object) => {
    const as = await signIn(app, user);
    danger = await post<TestHiddenDanger>(app, as, `/hidden-dangers/${danger.id}/actions`, payload, 200);
  };
  if (status === "reported") return pick(danger);
  if (status === "dismissed") {
    await act(enterprise.safetyManager, { type: "dismiss", reason: "经核查不构成隐患" });
    return pick(danger);
  }
  const deadline = new Date(Date.now() + (options.deadlineDays ?? 7) * DAY).toISOString();
  await act(enterprise.safetyManager, {
    type: "confirm",
    level,
    responsibleUnit: "生产车间",
    responsiblePersonId: enterprise.employee.id,
    deadline,
    measures: "清理杂物，保持通道畅通",
  });
  if (status === "confirmed") return pick(danger);
  const plan =
    level === "major"
      ? {
          plan: {
            objectiveAndTasks: "消除隐患",
            method: "停产整改",
            fundsAndMaterials: "已落实",
            responsiblePeople: [enterprise.employee.id],
            timeLimit: deadline,
            safetyMeasures: "整改期间设警戒区",
            emergencyPlan: "现场处置方案",
          },
        }
      : {};
  await act(enterprise.employee, { type: "start_rectification", ...plan });
  if (status === "rectifying") return pick(danger);
  const employee = await signIn(app, enterprise.employee);
  const photo = await uploadPhoto(app, employee.headers, enterprise.id);
  await act(enterprise.employee, { type: "submit_rectification", note: "已整改", photoIds: [photo] });
  if (status === "awaiting_verification") return pick(danger);
  await act(enterprise.principal, { type: "verify_pass", comment: "复查合格" });
  return pick(danger);
}

function pick(danger: TestHiddenDanger): TestHiddenDanger {
  return { id: danger.id, code: danger.code, status: danger.status, level: danger.level };
}
