import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bearerFor, createTestContext, type TestContext } from "../testing/test-app";
import { testDatabaseKinds } from "../testing/test-database";
import { describeProblem, verifyAudit } from "./verify-audit";

/** Five changes, so the chain has entries before and after the one a test tampers with. */
async function makeChanges(context: TestContext) {
  const headers = await bearerFor(context, "admin");
  const { items } = (await context.app.inject({ url: "/api/v1/enterprises?pageSize=5", headers })).json();
  for (const [index, enterprise] of items.entries()) {
    const response = await context.app.inject({
      method: "PATCH",
      url: `/api/v1/enterprises/${enterprise.id}`,
      headers,
      payload: { principalPhone: `1380000000${index}` },
    });
    expect(response.statusCode).toBe(200);
  }
}

/** Plain SQL as an intruder with database access would run it: past the append-only trigger. */
async function asIntruder(context: TestContext, statement: string) {
  await context.database.exec(
    `ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; ${statement}; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;`,
  );
}

describe.each(testDatabaseKinds())("audit trail on $name", (kind) => {
  let context: TestContext;
  beforeEach(async () => {
    context = await createTestContext(kind, { enterprises: 10 });
    await makeChanges(context);
  });
  afterEach(async () => {
    await context?.close();
  });

  it("verifies an untouched chain", async () => {
    const result = await verifyAudit(context.database.db);
    expect(result.ok).toBe(true);
    expect(result.checked).toBeGreaterThanOrEqual(7);
  });

  it("refuses UPDATE and DELETE through the database's own trigger", async () => {
    await expect(sql`UPDATE audit_log SET actor_name = 'x' WHERE seq = 2`.execute(context.database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`DELETE FROM audit_log WHERE seq = 2`.execute(context.database.db)).rejects.toThrow(/append-only/);
  });

  it("names the entry whose content was edited with plain SQL", async () => {
    await asIntruder(
      context,
      `UPDATE audit_log SET after = jsonb_set(after, '{principal_phone}', '"13999999999"') WHERE seq = 4`,
    );
    const result = await verifyAudit(context.database.db);
    expect(result).toMatchObject({ ok: false, checked: 3, problem: { seq: 4, kind: "altered" } });
    expect(describeProblem(result.problem!)).toBe("audit entry 4 was altered: its content no longer matches its hash");
  });

  it("names the gap left by a deleted entry", async () => {
    await asIntruder(context, "DELETE FROM audit_log WHERE seq = 3");
    expect(await verifyAudit(context.database.db)).toMatchObject({
      ok: false,
      problem: { seq: 4, kind: "out_of_order", expectedSeq: 3 },
    });
  });

  it("notices that the newest entries were deleted", async () => {
    const { rows } = await sql<{ n: number }>`SELECT max(seq) AS n FROM audit_log`.execute(context.database.db);
    const last = Number(rows[0].n);
    await asIntruder(context, `DELETE FROM audit_log WHERE seq >= ${last - 1}`);
    expect(await verifyAudit(context.database.db)).toMatchObject({
      ok: false,
      problem: { seq: last - 1, kind: "truncated", headSeq: last },
    });
  });

  it("notices an entry re-hashed by someone who does not re-hash the rest", async () => {
    // Forging one entry's hash to match its new content still breaks the link of the next entry.
    await asIntruder(context, "UPDATE audit_log SET actor_name = 'someone else', hash = repeat('a', 64) WHERE seq = 2");
    const result = await verifyAudit(context.database.db);
    expect(result.ok).toBe(false);
    expect(result.problem?.seq).toBe(2);
  });

  it("reports the first bad entry through the API, for administrators only", async () => {
    await asIntruder(context, "UPDATE audit_log SET actor_ip = '10.9.9.9' WHERE seq = 5");
    const response = await context.app.inject({
      method: "POST",
      url: "/api/v1/audit/verify",
      headers: await bearerFor(context, "admin"),
    });
    expect(response.json()).toMatchObject({
      ok: false,
      firstBadSeq: 5,
      reason: expect.stringContaining("entry 5 was altered"),
    });
    const supervisor = await context.app.inject({
      method: "POST",
      url: "/api/v1/audit/verify",
      headers: await bearerFor(context, "city.supervisor"),
    });
    expect(supervisor.statusCode).toBe(403);
  });
});
