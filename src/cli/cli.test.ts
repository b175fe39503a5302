import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { computeUsccCheckCharacter } from "../domain/enterprise/uscc";
import { openPGlite } from "../server/db/database";
import { deflateRepeated, workbookParts, zipOf } from "../server/testing/hostile-files";

const BIN = join(import.meta.dirname, "../../bin/dualguard.mjs");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startServe(
  env: Record<string, string>,
): Promise<{ child: ChildProcess; url: string; exited: Promise<number | null>; output: () => string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, "serve"], {
    env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "info", PORT: String(port), HOST: "127.0.0.1", ...env },
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${url}/readyz`)).ok) return { child, url, exited, output: () => output };
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start:\n${output}`);
}

describe("the dualguard command on an embedded data directory", () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "dualguard-cli-"));
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts with the demo city, refuses a second process on the same directory, stops gracefully and keeps the data", async () => {
    const env = { DATA_DIR: dataDir };
    const first = await startServe(env);
    const login = await fetch(`${first.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "Demo@2026" }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const overview = await (await fetch(`${first.url}/api/v1/overview`, { headers: { cookie } })).json();
    expect(overview.enterprises).toBe(200);

    // The embedded demo feeds its three devices with simulated readings.
    let live = 0;
    for (let i = 0; i < 20 && live < 3; i++) {
      await new Promise((r) => setTimeout(r, 500));
      const devices = await (await fetch(`${first.url}/api/v1/devices`, { headers: { cookie } })).json();
      live = devices.items.filter(
        (d: { code: string; lastValue: number | null }) => d.code.startsWith("DEMO-") && d.lastValue !== null,
      ).length;
    }
    expect(live).toBe(3);

    const second = await run(["migrate"], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`is in use by process ${first.child.pid}`);

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain("database closed");

    const again = await startServe(env);
    const relogin = await fetch(`${again.url}/api/v1/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "admin", password: "Demo@2026" }),
    });
    const cookie2 = relogin.headers.get("set-cookie")!.split(";")[0];
    const after = await (await fetch(`${again.url}/api/v1/overview`, { headers: { cookie: cookie2 } })).json();
    expect(after.enterprises).toBe(200);
    const seeds = await (
      await fetch(`${again.url}/api/v1/audit?entityType=installation`, { headers: { cookie: cookie2 } })
    ).json();
    // Seeded once: the city, then its risk registers; a restart adds neither.
    expect(seeds.items.map((entry: { entityId: string }) => entry.entityId).sort()).toEqual([
      "demo-city",
      "demo-register",
    ]);
    again.child.kill("SIGINT");
    expect(await again.exited).toBe(0);
  }, 120_000);

  it("answers hostile spreadsheets from the real server process with 413 and 422, and keeps serving", async () => {
    // The reader runs in a worker thread; here it loads under tsx as `dualguard serve` runs it.
    const server = await startServe({ DATA_DIR: dataDir, DEMO_SIMULATION: "false" });
    try {
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-language": "en" },
        body: JSON.stringify({ username: "admin", password: "Demo@2026" }),
      });
      const headers = {
        cookie: login.headers.get("set-cookie")!.split(";")[0],
        "x-csrf-token": (await login.json()).csrfToken,
        "accept-language": "en",
      };
      const upload = async (name: string, content: Buffer) => {
        const form = new FormData();
        form.append("file", new Blob([new Uint8Array(content)]), name);
        const response = await fetch(`${server.url}/api/v1/enterprises/import`, {
          method: "POST",
          headers,
          body: form,
        });
        return { status: response.status, body: await response.json() };
      };
      const far = new ExcelJS.Workbook();
      far.addWorksheet("a").getCell("XFD1048576").value = "x";
      const farthest = await upload("far.xlsx", Buffer.from(await far.xlsx.writeBuffer()));
      expect(farthest.status).toBe(422);
      expect(farthest.body.error.message).toContain("at most 200 columns");
      const packed = await deflateRepeated(Buffer.alloc(1024 * 1024, 0x20), 200);
      const bomb = await upload("bomb.xlsx", zipOf(workbookParts({ name: "", packed, declaredBytes: 2000 })));
      expect(bomb.status).toBe(413);
      const wide = await upload("wide.csv", Buffer.from(`${",".repeat(999_999)}\n`));
      expect(wide.status).toBe(422);
      // A normal file is still read by a fresh worker: its one bad cell is reported by row (and nothing is written).
      const uscc = `91990101MA0098001${computeUsccCheckCharacter("91990101MA0098001")}`;
      const normal = await upload(
        "ok.csv",
        Buffer.from(`统一社会信用代码,企业名称,行业代码,规模,属地编码\n${uscc},进程测试公司,26,巨型,990101001\n`),
      );
      expect(normal.status, JSON.stringify(normal.body)).toBe(400);
      expect(normal.body.error.details.errors).toEqual([expect.objectContaining({ row: 2, field: "scale" })]);
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    } finally {
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
    }
  }, 120_000);

  it("creates a user and prints a bearer token that the API accepts", async () => {
    const created = await run(
      [
        "user",
        "create",
        "--username",
        "ops",
        "--password",
        "Ops12345",
        "--role",
        "supervisor",
        "--territory",
        "990101",
      ],
      { DATA_DIR: dataDir },
    );
    expect(created.code, created.stderr).toBe(0);
    const token = await run(["token", "create", "--username", "ops", "--days", "3"], { DATA_DIR: dataDir });
    expect(token.code, token.stderr).toBe(0);
    const bearer = token.stdout.trim();
    expect(bearer).toMatch(/^dg_[A-Za-z0-9_-]{40,}$/);
    const server = await startServe({ DATA_DIR: dataDir });
    const me = await fetch(`${server.url}/api/v1/auth/me`, { headers: { authorization: `Bearer ${bearer}` } });
    expect((await me.json()).user).toMatchObject({ username: "ops", territory: { code: "990101" } });
    const write = await fetch(`${server.url}/api/v1/tokens`, {
      method: "POST",
      headers: { authorization: `Bearer ${bearer}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "from token", days: 1 }),
    });
    // A token reads and writes, but a new token takes a signed-in session.
    expect(write.status).toBe(403);
    server.child.kill("SIGTERM");
    await server.exited;
  }, 120_000);

  it("refuses bad arguments with a reason", async () => {
    const badRole = await run(["user", "create", "--username", "x", "--password", "abc12345", "--role", "boss"], {
      DATA_DIR: dataDir,
    });
    expect(badRole.code).toBe(2);
    expect(badRole.stderr).toContain("--role must be one of admin, supervisor");
    const badDays = await run(["token", "create", "--username", "ops", "--days", "-3"], { DATA_DIR: dataDir });
    expect(badDays.code).not.toBe(0);
    const badUrl = await run(["migrate"], { DATABASE_URL: "mysql://nope" });
    expect(badUrl.code).toBe(2);
    expect(badUrl.stderr).toContain("DATABASE_URL");
  });

  it("backs up into SQL that restores into a new directory with an intact audit trail", async () => {
    const file = join(dataDir, "..", `dualguard-backup-${randomBytes(4).toString("hex")}.sql`);
    const backup = await run(["backup", "--out", file], { DATA_DIR: dataDir });
    expect(backup.code, backup.stderr).toBe(0);
    const target = mkdtempSync(join(tmpdir(), "dualguard-restore-"));
    try {
      const restored = await run(["restore", file], { DATA_DIR: target });
      expect(restored.code, restored.stderr).toBe(0);
      const verify = await run(["audit", "verify"], { DATA_DIR: target });
      expect(verify.code, verify.stderr).toBe(0);
      const copy = await openPGlite(target);
      const count = await copy.db
        .selectFrom("enterprise")
        .select(copy.db.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      await copy.close();
      expect(Number(count.n)).toBe(200);
      const twice = await run(["restore", file], { DATA_DIR: target });
      expect(twice.code).toBe(1);
      expect(twice.stderr).toContain("not empty");
      if (process.env.DATABASE_URL) {
        // The same file loads into a PostgreSQL server.
        const name = `dg_restore_${randomBytes(4).toString("hex")}`;
        const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await admin.connect();
        await admin.query(`CREATE DATABASE ${name}`);
        const url = new URL(process.env.DATABASE_URL);
        url.pathname = `/${name}`;
        try {
          const intoPg = await run(["restore", file], { DATABASE_URL: url.toString(), SESSION_SECRET: "s".repeat(40) });
          expect(intoPg.code, intoPg.stderr).toBe(0);
          const verifyPg = await run(["audit", "verify"], {
            DATABASE_URL: url.toString(),
            SESSION_SECRET: "s".repeat(40),
          });
          expect(verifyPg.code, verifyPg.stderr).toBe(0);
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
          await admin.end();
        }
      }
    } finally {
      rmSync(target, { recursive: true, force: true });
      rmSync(file, { force: true });
    }
  }, 120_000);

  it("exits non-zero from audit verify, naming the first altered entry", async () => {
    const database = await openPGlite(dataDir);
    await database.exec(
      "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update; UPDATE audit_log SET actor_name = 'nobody' WHERE seq = 2; ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;",
    );
    await database.close();
    const verify = await run(["audit", "verify"], { DATA_DIR: dataDir });
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain("audit entry 2 was altered");
  }, 60_000);
});
