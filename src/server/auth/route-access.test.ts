import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateInspectionTasks } from "../modules/inspections/inspection-jobs";
import { createApiToken } from "../modules/tokens/create-api-token";
import {
  createCity,
  createEnterprise,
  createOrganisation,
  createSupervisor,
  createUser,
  signIn as signInWithToken,
} from "../testing/factories";
import { createTestContext, signIn, type TestContext } from "../testing/test-app";
import { testDatabaseKinds } from "../testing/test-database";
import { uploadPhoto } from "../testing/uploads";

/**
 * Walks every registered /api/v1 route as a user of another district and as a
 * user of another enterprise, aimed at district A's and enterprise A's records,
 * and proves that nothing of theirs is read or changed.
 */

interface Target {
  enterpriseId: string;
  enterpriseName: string;
  enterpriseUscc: string;
  districtId: string;
  districtName: string;
  /** District A's supervisor: the account the sign-in probe guesses passwords for. */
  username: string;
  otherDistrictCode: string;
  userId: string;
  tokenId: string;
  organisationId: string;
  riskPointId: string;
  riskPointName: string;
  hazardId: string;
  measureId: string;
  unitId: string;
  filingId: string;
  attachmentId: string;
  notificationId: string;
  webhookId: string;
  hiddenDangerId: string;
  taskId: string;
  taskItemId: string;
  deviceId: string;
  deviceCode: string;
  alarmId: string;
  districtDepartmentId: string;
  supervisionPlanId: string;
  enforcementInspectionId: string;
  campaignId: string;
}

interface Probe {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  multipartCsv?: string;
  /** Statuses that count as refused; a 2xx is accepted only for routes that read the caller's own or public data. */
  refused?: number[];
  /** The route serves the caller's own data or public reference data: 200 is fine, but A's markers must not appear. */
  ownData?: boolean;
  /** Not injected, with the reason (an endless event stream); its scope must be covered by another probe. */
  skip?: string;
}

const DENIED = [403, 404];

function probes(t: Target): Record<string, Probe> {
  return {
    "POST /api/v1/auth/login": {
      ownData: true,
      body: { username: t.username, password: "wrong-password-1" },
      // 429 once the guesses of the walks have throttled the account for the addresses that failed on it.
      refused: [401, 429],
    },
    "POST /api/v1/auth/logout": { ownData: true },
    "GET /api/v1/auth/me": { ownData: true },
    "GET /api/v1/auth/sign-in-options": { ownData: true },
    // The caller's own password, and a wrong current one: refused before anything changes.
    "POST /api/v1/auth/password": {
      ownData: true,
      body: { currentPassword: "not-my-password-1", newPassword: "Another-pass-2" },
      refused: [400],
    },
    "GET /api/v1/overview": { ownData: true },
    "GET /api/v1/territories": { ownData: true },
    "GET /api/v1/territories/:id": { params: { id: t.districtId } },
    "GET /api/v1/enterprises": { ownData: true, query: { q: t.enterpriseName } },
    "GET /api/v1/enterprises/:id": { params: { id: t.enterpriseId } },
    "POST /api/v1/enterprises": {
      body: {
        name: "冒名企业有限公司",
        uscc: t.enterpriseUscc,
        industryCode: "26",
        scale: "small",
        territoryId: t.districtId,
      },
      refused: [403, 400],
    },
    "PATCH /api/v1/enterprises/:id": { params: { id: t.enterpriseId }, body: { principalName: "篡改者" } },
    "DELETE /api/v1/enterprises/:id": { params: { id: t.enterpriseId } },
    "POST /api/v1/enterprises/:id/close": { params: { id: t.enterpriseId }, body: { reason: "冒名关闭甲企业" } },
    "GET /api/v1/enterprises/import-template": { ownData: true, query: { format: "csv" } },
    // A's credit code placed in district B's own territory: the takeover of A by B's import.
    "POST /api/v1/enterprises/import": {
      multipartCsv: `统一社会信用代码,企业名称,行业代码,规模,属地编码\n${t.enterpriseUscc},篡改名称有限公司,26,小型,${t.otherDistrictCode}\n`,
      refused: [400, 403],
    },
    "GET /api/v1/organisations": { ownData: true },
    "POST /api/v1/organisations": {
      body: { kind: "third_party", name: "冒名机构", territoryId: t.districtId },
    },
    "GET /api/v1/users": { ownData: true },
    "POST /api/v1/users": {
      body: {
        username: "intruder",
        displayName: "x",
        password: "abcd12345",
        role: "supervisor",
        territoryId: t.districtId,
      },
    },
    "PATCH /api/v1/users/:id": { params: { id: t.userId }, body: { disabled: true } },
    "GET /api/v1/audit": { ownData: true, query: { entityId: t.enterpriseId } },
    "POST /api/v1/audit/verify": { ownData: true },
    "GET /api/v1/reference/control-levels": { ownData: true },
    "PUT /api/v1/reference/control-levels": {
      body: { items: [1, 2, 3, 4].map((riskLevel) => ({ riskLevel, controlLevel: "post" })) },
    },
    "GET /api/v1/reference/:kind": { ownData: true, params: { kind: "industry" } },
    "GET /api/v1/tokens": { ownData: true },
    "POST /api/v1/tokens": { ownData: true, body: { name: "mine", days: 1 } },
    "DELETE /api/v1/tokens/:id": { params: { id: t.tokenId } },
    "GET /api/v1/users/:id/tokens": { params: { id: t.userId } },
    "DELETE /api/v1/users/:id/tokens/:tokenId": { params: { id: t.userId, tokenId: t.tokenId } },
    "GET /api/v1/risk-points": { ownData: true },
    "GET /api/v1/risk-control-list": { query: { ownerId: t.enterpriseId } },
    "GET /api/v1/risk-import-template": { ownData: true },
    "GET /api/v1/risk-stats": { query: { ownerId: t.enterpriseId } },
    "POST /api/v1/attachments": { query: { ownerId: t.enterpriseId }, multipartCsv: "not really a photo" },
    "GET /api/v1/attachments/:id": { params: { id: t.attachmentId } },
    "GET /api/v1/risk-control-list.pdf": { query: { ownerId: t.enterpriseId } },
    "GET /api/v1/risk-points/:id/card.pdf": { params: { id: t.riskPointId } },
    // Public by design: the card carries no ids, coordinates or names of people beyond what is posted at the place.
    "GET /api/v1/public/risk-cards/:token": { ownData: true, params: { token: "not-a-real-token" }, refused: [404] },
    "POST /api/v1/hidden-dangers": { body: { enterpriseId: t.enterpriseId, description: "冒名上报的隐患" } },
    "GET /api/v1/hidden-dangers": { ownData: true },
    "GET /api/v1/enterprises/:id/staff": { params: { id: t.enterpriseId } },
    "GET /api/v1/hidden-dangers/:id": { params: { id: t.hiddenDangerId } },
    "POST /api/v1/hidden-dangers/:id/actions": {
      params: { id: t.hiddenDangerId },
      body: { type: "dismiss", reason: "冒名驳回" },
    },
    "POST /api/v1/checklists/generate": { body: { enterpriseId: t.enterpriseId } },
    "POST /api/v1/checklist-items": {
      body: { enterpriseId: t.enterpriseId, content: "冒名检查项", checkFrequency: "daily" },
    },
    "GET /api/v1/checklist-items": { query: { enterpriseId: t.enterpriseId } },
    "GET /api/v1/inspection-tasks": { ownData: true },
    "GET /api/v1/inspection-tasks/:id": { params: { id: t.taskId } },
    "PUT /api/v1/inspection-tasks/:id/items/:itemId": {
      params: { id: t.taskId, itemId: t.taskItemId },
      body: { outcome: "pass" },
    },
    "POST /api/v1/inspection-tasks/:id/complete": { params: { id: t.taskId } },
    "GET /api/v1/hidden-danger-stats": { ownData: true },
    "GET /api/v1/hidden-danger-summaries": { query: { enterpriseId: t.enterpriseId } },
    "POST /api/v1/hidden-danger-summaries": { body: { enterpriseId: t.enterpriseId, period: "2025" } },
    "GET /api/v1/hidden-danger-summaries/export": { query: { enterpriseId: t.enterpriseId, period: "2025" } },
    "POST /api/v1/devices": {
      body: { enterpriseId: t.enterpriseId, code: "X-1", name: "冒名设备", deviceType: "flow" },
    },
    "GET /api/v1/devices": { ownData: true },
    "GET /api/v1/devices/:id/readings": { params: { id: t.deviceId } },
    "GET /api/v1/devices/:id/rules": { params: { id: t.deviceId } },
    "PUT /api/v1/devices/:id/rules": { params: { id: t.deviceId }, body: { overrides: [] } },
    "POST /api/v1/devices/:id/credential": { params: { id: t.deviceId } },
    "DELETE /api/v1/devices/:id/credential": { params: { id: t.deviceId } },
    "GET /api/v1/ingest/dead-letters": { ownData: true, query: { enterpriseId: t.enterpriseId } },
    // Sessions are refused (401); another enterprise's gateway token gets every reading rejected (422).
    "POST /api/v1/ingest/readings": {
      body: { readings: [{ deviceId: t.deviceCode, ts: Date.now() - 1000, value: 99 }] },
      refused: [401, 422],
    },
    "GET /api/v1/ingest/stats": {},
    "GET /api/v1/alarms": { ownData: true },
    "POST /api/v1/alarms/:id/acknowledge": { params: { id: t.alarmId }, body: { note: "冒名确认" } },
    "POST /api/v1/alarms/:id/dispose": {
      params: { id: t.alarmId },
      body: { cause: "冒名原因", actionTaken: "冒名处置" },
    },
    "GET /api/v1/cap/alerts.xml": { ownData: true },
    "GET /api/v1/alarms/stream": {
      skip: "an endless event stream; it reads through the same scoped query as GET /alarms",
    },
    "GET /api/v1/enterprises/:id/rating": { params: { id: t.enterpriseId } },
    "GET /api/v1/regions/levels": { query: { parentId: t.districtId } },
    "GET /api/v1/map/config": { ownData: true },
    "GET /api/v1/map/features": { ownData: true, query: { bbox: "-180,-90,180,90", zoom: "3" } },
    "GET /api/v1/map/features/:layer/:id": { params: { layer: "enterprises", id: t.enterpriseId } },
    "GET /api/v1/map/territories": { query: { parentId: t.districtId } },
    "GET /api/v1/campaigns": { ownData: true },
    "POST /api/v1/campaigns": {
      body: {
        title: "冒名专项行动",
        scopeTerritoryIds: [t.districtId],
        startDate: "2026-11-01",
        endDate: "2026-12-31",
        schedule: { kind: "monthly", day: 20 },
        tasks: [{ title: "冒名任务", kind: "inspection" }],
      },
      refused: [400, 403],
    },
    "GET /api/v1/campaigns/:id": { params: { id: t.campaignId } },
    "PUT /api/v1/campaigns/:id": {
      params: { id: t.campaignId },
      body: {
        title: "冒名专项行动",
        scopeTerritoryIds: [t.districtId],
        startDate: "2026-11-01",
        endDate: "2026-12-31",
        schedule: { kind: "monthly", day: 20 },
        tasks: [{ title: "冒名任务", kind: "inspection" }],
      },
    },
    "POST /api/v1/campaigns/:id/activate": { params: { id: t.campaignId } },
    "POST /api/v1/campaigns/:id/close": { params: { id: t.campaignId } },
    "POST /api/v1/campaigns/:id/reports": {
      params: { id: t.campaignId },
      body: { dueDate: "2026-11-20", text: "冒名报送", figures: [] },
    },
    "GET /api/v1/campaigns/:id/reports": { params: { id: t.campaignId } },
    "GET /api/v1/campaigns/:id/export": { params: { id: t.campaignId } },
    "GET /api/v1/ratings": { ownData: true },
    "GET /api/v1/supervision/frequency": { ownData: true },
    "PUT /api/v1/supervision/frequency": {
      body: { organisationId: t.districtDepartmentId, territoryId: null, frequency: { "1": { timesPerYear: 1 } } },
    },
    "GET /api/v1/supervision/departments": { ownData: true },
    "POST /api/v1/supervision/plans": { body: { department: t.districtDepartmentId, year: 2026, month: 2 } },
    "GET /api/v1/supervision/plans": { ownData: true },
    "GET /api/v1/supervision/plans/:id": { params: { id: t.supervisionPlanId } },
    "GET /api/v1/supervision/plans/:id/export": { params: { id: t.supervisionPlanId } },
    "GET /api/v1/supervision/inspectors": { ownData: true },
    "POST /api/v1/supervision/inspections": {
      body: {
        enterpriseId: t.enterpriseId,
        inspectedOn: "2026-01-05",
        inspectorIds: [t.userId],
        itemsChecked: [{ content: "冒名检查", result: "ok" }],
        violations: 5,
      },
    },
    "GET /api/v1/supervision/inspections": { ownData: true },
    "GET /api/v1/supervision/inspections/:id": { params: { id: t.enforcementInspectionId } },
    "GET /api/v1/cockpit": { query: { territoryId: t.districtId } },
    "GET /api/v1/cockpit/export.xlsx": { query: { territoryId: t.districtId } },
    "GET /api/v1/cockpit/export.pdf": { query: { territoryId: t.districtId } },
    "GET /api/v1/notifications": { ownData: true },
    "POST /api/v1/notifications/:id/read": { params: { id: t.notificationId } },
    "POST /api/v1/notifications/read-all": { ownData: true },
    "GET /api/v1/webhooks": { ownData: true },
    "POST /api/v1/webhooks": {
      ownData: true,
      body: { name: "own hook", url: "http://93.184.216.34:9/x", eventKinds: ["x"] },
    },
    "DELETE /api/v1/webhooks/:id": { params: { id: t.webhookId } },
    "POST /api/v1/risk-points/import": {
      query: { ownerId: t.enterpriseId },
      multipartCsv:
        "风险点名称,风险点类型,危险源描述,危险有害因素代码,事故类型\n冒名风险点,场所区域,冒名危险源,21,火灾\n",
    },
    "POST /api/v1/risk-points": { body: { ownerId: t.enterpriseId, kind: "place", name: "冒名风险点" } },
    "GET /api/v1/risk-points/:id": { params: { id: t.riskPointId } },
    "PATCH /api/v1/risk-points/:id": { params: { id: t.riskPointId }, body: { name: "篡改" } },
    "DELETE /api/v1/risk-points/:id": { params: { id: t.riskPointId } },
    "POST /api/v1/risk-points/:id/hazards": {
      params: { id: t.riskPointId },
      body: { description: "冒名危险源", factorCode: "21", accidentTypes: ["08"] },
    },
    "PATCH /api/v1/hazards/:id": { params: { id: t.hazardId }, body: { description: "篡改危险源" } },
    "DELETE /api/v1/hazards/:id": { params: { id: t.hazardId } },
    "POST /api/v1/hazards/:id/assessments": {
      params: { id: t.hazardId },
      body: { method: "LS", factors: { l: 1, s: 1 } },
    },
    "GET /api/v1/hazards/:id/assessments": { params: { id: t.hazardId } },
    "POST /api/v1/risk-points/:id/measures": {
      params: { id: t.riskPointId },
      body: { kind: "management", content: "冒名措施", checkFrequency: "daily" },
    },
    "DELETE /api/v1/measures/:id": { params: { id: t.measureId } },
    "PATCH /api/v1/measures/:id": { params: { id: t.measureId }, body: { content: "篡改措施" } },
    "GET /api/v1/risk-methods": { ownData: true },
    "PUT /api/v1/risk-methods/:method/bands": {
      params: { method: "LS" },
      body: {
        thresholds: [
          { level: 1, minScore: 2 },
          { level: 2, minScore: 1.5 },
          { level: 3, minScore: 1 },
        ],
      },
    },
    "GET /api/v1/reference/gb18218": { ownData: true },
    "POST /api/v1/reference/gb18218/substances": {
      body: { cas: "7440-37-1", nameZh: "冒名物质", nameEn: "x", thresholdTonnes: 1, hazardClass: "W2" },
    },
    "POST /api/v1/calculators/risk": { ownData: true, body: { method: "LS", factors: { l: 1, s: 1 } } },
    "POST /api/v1/calculators/major-hazard": {
      ownData: true,
      body: { substances: [{ cas: "7782-50-5", quantityTonnes: 1 }], exposedPopulation: 0 },
    },
    "GET /api/v1/major-hazard-units": { ownData: true },
    "POST /api/v1/major-hazard-units": {
      body: {
        enterpriseId: t.enterpriseId,
        name: "冒名单元",
        unitKind: "storage",
        exposedPopulation: 0,
        substances: [{ cas: "7782-50-5", quantityTonnes: 1 }],
      },
    },
    "GET /api/v1/major-hazard-units/:id": { params: { id: t.unitId } },
    "PUT /api/v1/major-hazard-units/:id": {
      params: { id: t.unitId },
      body: {
        name: "篡改单元",
        unitKind: "storage",
        exposedPopulation: 0,
        substances: [{ cas: "7782-50-5", quantityTonnes: 1 }],
      },
    },
    "POST /api/v1/major-hazard-units/:id/filings": {
      params: { id: t.unitId },
      body: { safetyMeasures: "冒名提交的安全措施内容说明", emergencyMeasures: "冒名提交的应急措施内容说明" },
    },
    "GET /api/v1/major-hazard-filings": { ownData: true },
    "POST /api/v1/major-hazard-filings/:id/decision": {
      params: { id: t.filingId },
      body: { decision: "return", reason: "冒名退回" },
    },
  };
}

function multipart(csv: string) {
  const boundary = "----dualguard-test";
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="import.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`;
  return { payload: body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const hex = (character: string) => `%${character.charCodeAt(0).toString(16).padStart(2, "0")}`;

/**
 * Spellings of one path that a router may decode or normalise to the same
 * route, or a check reading the URL text may misread: percent-encoded,
 * double-encoded, mixed-case, dot segments, doubled and trailing slashes.
 */
function pathVariants(path: string): string[] {
  const [first = "", ...rest] = path.slice(1).split("/");
  const tail = rest.join("/");
  const capitalise = (segment: string) => segment.charAt(0).toUpperCase() + segment.slice(1);
  const segments = path.slice(1).split("/");
  return [
    path,
    `/${hex(first)}${first.slice(1)}/${tail}`,
    `/${[...first].map(hex).join("")}/${tail}`,
    `/${segments.map((segment) => (segment ? `${hex(segment)}${segment.slice(1)}` : segment)).join("/")}`,
    `/%25${hex(first).slice(1)}${first.slice(1)}/${tail}`,
    `/${first.toUpperCase()}/${tail}`,
    `/${segments.map(capitalise).join("/")}`,
    `/${first}/./${tail}`,
    `/${first}/x/../${tail}`,
    `/${first}/%2e/${tail}`,
    `/${first}/x/%2e%2e/${tail}`,
    `/${first}//${tail}`,
    `//${path.slice(1)}`,
    `${path}/`,
    `/${first}%2f${tail.replaceAll("/", "%2F")}`,
  ];
}

describe.each(testDatabaseKinds())("route access on $name", (kind) => {
  let context: TestContext;
  let target: Target;
  let snapshot: () => Promise<unknown>;

  beforeAll(async () => {
    context = await createTestContext(kind, { demoCity: false });
    const { db } = context.database;
    // District A with enterprise A and its emergency management bureau's supervisor; district B with enterprise B.
    const city = await createCity(context.app);
    const [districtA, districtB] = city.districts;
    const enterpriseA = await createEnterprise(context.app, {
      territory: districtA.towns[0],
      name: "甲企业化工有限公司",
    });
    const enterpriseB = await createEnterprise(context.app, { territory: districtB.towns[0] });
    const organisation = await createOrganisation(context.app, { territory: districtA });
    const districtUser = await createSupervisor(context.app, districtA, { organisationId: organisation.id });
    const enterprise = await db
      .selectFrom("enterprise")
      .selectAll()
      .where("id", "=", enterpriseA.id)
      .executeTakeFirstOrThrow();
    const district = await db
      .selectFrom("territory")
      .selectAll()
      .where("id", "=", districtA.id)
      .executeTakeFirstOrThrow();
    const token = await createApiToken(
      db,
      { userId: null, name: "test", ip: "" },
      { userId: districtUser.id, name: "A's token", days: 5 },
    );
    // Enterprise A's register: a risk point with a hazard and a measure, and a filed major hazard source.
    const owner = (await signInWithToken(context.app, enterpriseA.safetyManager)).headers;
    const call = async (url: string, payload: object) => {
      const response = await context.app.inject({ method: "POST", url: `/api/v1${url}`, headers: owner, payload });
      expect(response.statusCode, response.body).toBe(201);
      return response.json();
    };
    const point = await call("/risk-points", {
      ownerId: enterprise.id,
      kind: "facility",
      name: "甲企业液氯罐区",
      unit: "储运",
    });
    const withHazard = await call(`/risk-points/${point.id}/hazards`, {
      description: "甲企业氯气泄漏",
      factorCode: "22",
      accidentTypes: ["19"],
    });
    const measure = await call(`/risk-points/${point.id}/measures`, {
      kind: "engineering",
      content: "甲企业紧急切断阀",
      checkFrequency: "daily",
    });
    const unit = await call("/major-hazard-units", {
      enterpriseId: enterprise.id,
      name: "甲企业罐区",
      unitKind: "storage",
      exposedPopulation: 10,
      substances: [{ cas: "7782-50-5", quantityTonnes: 30 }],
    });
    const filing = await call(`/major-hazard-units/${unit.id}/filings`, {
      safetyMeasures: "甲企业的安全措施说明",
      emergencyMeasures: "甲企业的应急措施说明",
    });
    const photo = { id: await uploadPhoto(context.app, owner, enterprise.id) };
    const generated = await context.app.inject({
      method: "POST",
      url: "/api/v1/checklists/generate",
      headers: owner,
      payload: { enterpriseId: enterprise.id },
    });
    expect(generated.statusCode, generated.body).toBe(200);
    await generateInspectionTasks(db, new Date());
    const task = await db
      .selectFrom("inspection_task")
      .select("id")
      .where("enterprise_id", "=", enterprise.id)
      .executeTakeFirstOrThrow();
    const taskItem = await db
      .selectFrom("inspection_task_item")
      .select("checklist_item_id")
      .where("task_id", "=", task.id)
      .executeTakeFirstOrThrow();
    const gasDevice = await call("/devices", {
      enterpriseId: enterprise.id,
      code: "A-GAS-1",
      name: "甲企业气体探测器",
      deviceType: "combustible_gas",
    });
    const leak = await context.app.inject({
      method: "POST",
      url: "/api/v1/ingest/readings",
      headers: { authorization: `Bearer ${gasDevice.credential}` },
      payload: { readings: [{ deviceId: gasDevice.code, ts: Date.now() - 5000, value: 60 }] },
    });
    expect(leak.json().accepted).toBe(1);
    const alarm = await db
      .selectFrom("alarm")
      .select("id")
      .where("device_id", "=", gasDevice.id)
      .executeTakeFirstOrThrow();
    const hiddenDanger = await call("/hidden-dangers", {
      enterpriseId: enterprise.id,
      description: "甲企业罐区阀门渗漏",
      photoIds: [photo.id],
    });
    // District A's duty-room webhook and a notification for district A's supervisor.
    const webhook = await db
      .insertInto("webhook")
      .values({
        name: "江北区值班室",
        url: "http://127.0.0.1:9/a",
        secret: "s",
        event_kinds: ["x"],
        territory_path: district.path,
        created_by: null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const notification = await db
      .insertInto("notification")
      .values({
        user_id: districtUser.id,
        kind: "x",
        dedupe_key: "a-1",
        title_zh: "甲区通知",
        title_en: "A",
        body_zh: "",
        body_en: "",
        link: null,
        enterprise_id: null,
        territory_path: district.path,
        read_at: null,
        severity: "info",
        created_at: new Date(),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    // District A runs a special action over its own towns.
    const districtSupervisor = (await signInWithToken(context.app, districtUser)).headers;
    const campaign = await context.app.inject({
      method: "POST",
      url: "/api/v1/campaigns",
      headers: districtSupervisor,
      payload: {
        title: "甲区燃气专项整治",
        scopeTerritoryIds: [district.id],
        startDate: "2026-11-01",
        endDate: "2026-12-31",
        schedule: { kind: "monthly", day: 20 },
        tasks: [{ title: "甲区排查燃气企业", kind: "inspection" }],
      },
    });
    expect(campaign.statusCode, campaign.body).toBe(201);
    const activated = await context.app.inject({
      method: "POST",
      url: `/api/v1/campaigns/${campaign.json().id}/activate`,
      headers: districtSupervisor,
    });
    expect(activated.statusCode, activated.body).toBe(200);
    // District A's emergency management bureau plans January and records an inspection of enterprise A.
    const districtDepartment = organisation;
    const supervisionHeaders = districtSupervisor;
    const supervisionPlan = await context.app.inject({
      method: "POST",
      url: "/api/v1/supervision/plans",
      headers: supervisionHeaders,
      payload: { department: districtDepartment.id, year: 2026, month: 1 },
    });
    expect(supervisionPlan.statusCode, supervisionPlan.body).toBe(201);
    const enforcement = await context.app.inject({
      method: "POST",
      url: "/api/v1/supervision/inspections",
      headers: supervisionHeaders,
      payload: {
        enterpriseId: enterprise.id,
        inspectedOn: "2026-01-04",
        inspectorIds: [districtUser.id],
        itemsChecked: [{ content: "甲企业液氯罐区管控措施", result: "problem" }],
        violations: 1,
        penalties: [{ kind: "warning", amountYuan: 0, legalBasis: "《安全生产法》" }],
      },
    });
    expect(enforcement.statusCode, enforcement.body).toBe(201);
    target = {
      enterpriseId: enterprise.id,
      enterpriseName: enterprise.name,
      enterpriseUscc: enterprise.uscc,
      districtId: district.id,
      districtName: district.name,
      username: districtUser.username,
      otherDistrictCode: districtB.code,
      userId: districtUser.id,
      tokenId: token.id,
      organisationId: organisation.id,
      riskPointId: point.id,
      riskPointName: point.name,
      hazardId: withHazard.hazards[0].id,
      measureId: measure.id,
      unitId: unit.id,
      filingId: filing.id,
      attachmentId: photo.id,
      notificationId: notification.id,
      webhookId: webhook.id,
      hiddenDangerId: hiddenDanger.id,
      taskId: task.id,
      taskItemId: taskItem.checklist_item_id,
      deviceId: gasDevice.id,
      deviceCode: gasDevice.code,
      alarmId: alarm.id,
      districtDepartmentId: districtDepartment.id,
      supervisionPlanId: supervisionPlan.json().id,
      enforcementInspectionId: enforcement.json().id,
      campaignId: campaign.json().id,
    };
    expect(enterprise.territory_path).toContain(`/${districtA.code}/`);

    // District B's supervisor, and the safety manager of an enterprise in district B, made through the users route.
    const admin = await signInWithToken(context.app, await createUser(context.app, { role: "admin" }));
    for (const body of [
      {
        username: "b.supervisor",
        displayName: "B",
        password: "Passw0rd!",
        role: "supervisor",
        territoryId: districtB.id,
      },
      {
        username: "other.safety",
        displayName: "O",
        password: "Passw0rd!",
        role: "safety_manager",
        enterpriseIds: [enterpriseB.id],
      },
      { username: "b.admin", displayName: "BA", password: "Passw0rd!", role: "admin", territoryId: districtB.id },
    ]) {
      const created = await context.app.inject({
        method: "POST",
        url: "/api/v1/users",
        headers: admin.headers,
        payload: body,
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    snapshot = async () => ({
      enterprise: await db
        .selectFrom("enterprise")
        .selectAll()
        .where("id", "=", target.enterpriseId)
        .executeTakeFirst(),
      district: await db.selectFrom("territory").selectAll().where("id", "=", target.districtId).executeTakeFirst(),
      user: await db.selectFrom("app_user").selectAll().where("id", "=", target.userId).executeTakeFirst(),
      token: await db.selectFrom("api_token").selectAll().where("id", "=", target.tokenId).executeTakeFirst(),
      organisation: await db
        .selectFrom("organisation")
        .selectAll()
        .where("id", "=", target.organisationId)
        .executeTakeFirst(),
      device: await db.selectFrom("device").selectAll().where("id", "=", target.deviceId).executeTakeFirst(),
      mapping: await db
        .selectFrom("control_level_mapping")
        .select(["risk_level", "control_level"])
        .orderBy("risk_level")
        .execute(),
    });
  });

  afterAll(async () => {
    await context?.close();
  });

  /** A bearer token for an account made through the users route above. */
  const bearerByUsername = async (username: string) => {
    const user = await context.database.db
      .selectFrom("app_user")
      .select("id")
      .where("username", "=", username)
      .executeTakeFirstOrThrow();
    return (await signInWithToken(context.app, user)).headers;
  };

  it("has a probe for every registered API route", () => {
    const known = probes(target);
    const missing = context.app.routeCatalogue
      .filter((r) => r.url.startsWith("/api/v1/"))
      .map((r) => `${r.method} ${r.url}`)
      .filter((key) => !(key in known));
    expect(missing, "add a probe for each new route to this test").toEqual([]);
  });

  it("declares a permission (or is explicitly public) on every route, inside /api/v1 or not", () => {
    const open = context.app.routeCatalogue.filter((r) => !r.permission && !r.public);
    expect(open).toEqual([]);
    const outside = context.app.routeCatalogue.filter((r) => !r.url.startsWith("/api/v1/"));
    expect(outside.map((r) => r.url)).toEqual(expect.arrayContaining(["/healthz", "/readyz", "/api/openapi.json"]));
    expect(outside.every((r) => r.public)).toBe(true);
  });

  it("refuses an anonymous caller on every route however its path is spelt: encoded, double-encoded, mixed-case, dot segments", async () => {
    const before = await snapshot();
    const failures: string[] = [];
    let caller = 0;
    for (const route of context.app.routeCatalogue) {
      const key = `${route.method} ${route.url}`;
      const probe: Probe = probes(target)[key] ?? {};
      if (probe.skip) continue;
      const path = route.url
        .replace(/:(\w+)/g, (_m, name: string) => probe.params?.[name] ?? "x")
        .replace("*", "index.html");
      const search = probe.query ? `?${new URLSearchParams(probe.query)}` : "";
      const extra = probe.multipartCsv ? multipart(probe.multipartCsv) : undefined;
      for (const variant of pathVariants(path)) {
        caller += 1;
        const response = await context.app.inject({
          method: route.method as "GET",
          url: `${variant}${search}`,
          // One address per request: the sign-in route's failures must not throttle the walk itself.
          remoteAddress: `198.18.${Math.floor(caller / 250)}.${caller % 250}`,
          headers: extra?.headers ?? {},
          payload: extra ? extra.payload : (probe.body as object | undefined),
        });
        const status = response.statusCode;
        if (route.public) {
          if (status >= 500) failures.push(`${route.method} ${variant}: public route failed with ${status}`);
        } else if (![401, 403, 404].includes(status)) {
          failures.push(`${route.method} ${variant}: expected 401, 403 or 404 anonymously, got ${status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  for (const attacker of [
    { name: "a supervisor of another district (session)", username: "b.supervisor", via: "session" },
    { name: "an administrator of another district (session)", username: "b.admin", via: "session" },
    { name: "the safety manager of another enterprise (bearer token)", username: "other.safety", via: "token" },
  ] as const) {
    it(`refuses ${attacker.name} on every route aimed at district A and enterprise A`, async () => {
      const before = await snapshot();
      const headers =
        attacker.via === "session"
          ? (await signIn(context.app, attacker.username, "Passw0rd!")).headers
          : await bearerByUsername(attacker.username);
      const markers = [
        target.enterpriseName,
        target.enterpriseUscc,
        target.enterpriseId,
        target.districtName,
        target.userId,
      ];
      const failures: string[] = [];
      for (const route of context.app.routeCatalogue.filter((r) => r.url.startsWith("/api/v1/"))) {
        const key = `${route.method} ${route.url}`;
        const probe = probes(target)[key];
        if (key === "POST /api/v1/auth/logout") continue; // would end the attacker's own session mid-walk
        if (probe.skip) continue;
        const url = route.url.replace(/:(\w+)/g, (_m, name: string) => probe.params?.[name] ?? "missing");
        const search = probe.query ? `?${new URLSearchParams(probe.query)}` : "";
        const extra = probe.multipartCsv ? multipart(probe.multipartCsv) : undefined;
        const response = await context.app.inject({
          method: route.method as "GET",
          url: `${url}${search}`,
          headers: { ...headers, ...(extra?.headers ?? {}) },
          payload: extra ? extra.payload : (probe.body as object | undefined),
        });
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        if (probe.ownData) {
          if (!ok && !(probe.refused ?? DENIED).includes(response.statusCode)) {
            failures.push(`${key}: unexpected ${response.statusCode} ${response.body.slice(0, 200)}`);
          }
          const leaked = markers.filter((m) => response.body.includes(m));
          if (leaked.length > 0) failures.push(`${key}: response contains A's data (${leaked.join(", ")})`);
        } else if (!(probe.refused ?? DENIED).includes(response.statusCode)) {
          failures.push(
            `${key}: expected ${(probe.refused ?? DENIED).join(" or ")}, got ${response.statusCode} ${response.body.slice(0, 200)}`,
          );
        }
      }
      expect(failures).toEqual([]);
      expect(await snapshot()).toEqual(before);
    });
  }

  it("lets district A's own supervisor read what the others could not", async () => {
    // A bearer token: the walks above tried to sign in as this supervisor with wrong passwords.
    const own = (await signInWithToken(context.app, { id: target.userId })).headers;
    const response = await context.app.inject({
      url: `/api/v1/enterprises/${target.enterpriseId}`,
      headers: own,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().name).toBe(target.enterpriseName);
  });
});
