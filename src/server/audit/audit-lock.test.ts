import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs } from "kysely";
import { PostgresQueryCompiler } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeUsccCheckCharacter } from "../../domain/enterprise/uscc";
import { buildApp } from "../app";
import { bearerFor, createTestContext, TEST_CONFIG, type TestContext } from "../testing/test-app";
import { testDatabaseKinds } from "../testing/test-database";
import type { App } from "../types";

/** Records every statement the application sends, in order, as SQL with its parameters. */
class StatementRecorder implements KyselyPlugin {
  private readonly compiler = new PostgresQueryCompiler();
  statements: { sql: string; parameters: readonly unknown[] }[] = [];

  transformQuery({ node, queryId }: PluginTransformQueryArgs) {
    const compiled = this.compiler.compileQuery(node, queryId);
    this.statements.push({ sql: compiled.sql, parameters: compiled.parameters });
    return node;
  }

  async transformResult({ result }: PluginTransformResultArgs) {
    return result;
  }
}

const AUDIT_CHAIN_LOCK = 4_242_002;

function multipart(fileName: string, csv: string) {
  const boundary = "----audit-lock";
  return {
    payload: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** Where in the statement list the audit chain is locked, and where rows of a table were inserted. */
function positions(statements: StatementRecorder["statements"], table: string) {
  const locks = statements.flatMap((s, i) =>
    s.sql.includes("pg_advisory_xact_lock") && s.parameters.includes(AUDIT_CHAIN_LOCK) ? [i] : [],
  );
  const inserts = statements.flatMap((s, i) => (s.sql.startsWith(`insert into "${table}"`) ? [i] : []));
  const auditInserts = statements.flatMap((s, i) => (s.sql.startsWith(`insert into "audit_log"`) ? [i] : []));
  return { locks, inserts, auditInserts };
}

describe.each(testDatabaseKinds())("the audit chain lock during imports on $name", (kind) => {
  let context: TestContext;
  let app: App;
  const recorder = new StatementRecorder();

  beforeAll(async () => {
    context = await createTestContext(kind, { enterprises: 20 });
    // The same database, seen through a recorder: what the import sends, and in which order.
    app = await buildApp({
      config: TEST_CONFIG,
      database: { ...context.database, db: context.database.db.withPlugin(recorder) },
      logger: false,
      webRoot: "/nonexistent",
    });
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
    await context?.close();
  });

  it("takes the lock once, after an enterprise import has written its rows, not from its first row on", async () => {
    const headers = await bearerFor(context, "jiangbei.supervisor");
    const rows = Array.from({ length: 6 }, (_, n) => {
      const first17 = `91990101MA${String(n + 1).padStart(7, "7")}`;
      return `${first17}${computeUsccCheckCharacter(first17)},锁测试企业${n + 1},26,小型,990101001`;
    });
    const file = multipart(
      "enterprises.csv",
      `统一社会信用代码,企业名称,行业代码,规模,属地编码\r\n${rows.join("\r\n")}\r\n`,
    );
    recorder.statements = [];
    const response = await app.inject({
      method: "POST",
      url: "/api/v1/enterprises/import",
      payload: file.payload,
      headers: { ...headers, ...file.headers },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().created).toBe(6);
    const { locks, inserts, auditInserts } = positions(recorder.statements, "enterprise");
    expect(inserts).toHaveLength(6);
    expect(locks).toHaveLength(1);
    expect(locks[0]).toBeGreaterThan(Math.max(...inserts));
    expect(auditInserts.length).toBeGreaterThan(0);
    expect(Math.min(...auditInserts)).toBeGreaterThan(locks[0]);
    const entries = await context.database.db
      .selectFrom("audit_log")
      .select(["action", "entity_type"])
      .where("entity_type", "=", "enterprise")
      .where("action", "=", "create")
      .execute();
    expect(entries.length).toBeGreaterThanOrEqual(6);
  });

  it("takes the lock once, after a risk register import has written its rows", async () => {
    const headers = await bearerFor(context, "chem.safety");
    const me = await app.inject({ url: "/api/v1/auth/me", headers });
    const enterpriseId = me.json().user.enterpriseIds[0];
    const points = ["一号罐区", "二号罐区", "装卸站台", "配电室"].map(
      (name) => `${name},场所区域,${name}泄漏着火,21,火灾`,
    );
    const file = multipart(
      "register.csv",
      `风险点名称,风险点类型,危险源描述,危险有害因素代码,事故类型\r\n${points.join("\r\n")}\r\n`,
    );
    recorder.statements = [];
    const response = await app.inject({
      method: "POST",
      url: `/api/v1/risk-points/import?ownerId=${enterpriseId}`,
      payload: file.payload,
      headers: { ...headers, ...file.headers },
    });
    expect(response.statusCode, response.body).toBe(200);
    const { locks, inserts } = positions(recorder.statements, "risk_point");
    expect(inserts).toHaveLength(4);
    expect(locks).toHaveLength(1);
    expect(locks[0]).toBeGreaterThan(Math.max(...inserts));
  });

  it("keeps the chain whole: every entry links to the one before it", async () => {
    const verified = await app.inject({
      method: "POST",
      url: "/api/v1/audit/verify",
      headers: await bearerFor(context, "admin"),
    });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json().ok).toBe(true);
  });
});
