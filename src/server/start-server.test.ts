import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { loadConfig } from "./config";
import { NO_USER_YET, startServer } from "./start-server";

const BIN = join(import.meta.dirname, "../../bin/dualguard.mjs");

function dualguard(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: "", LOG_LEVEL: "warn", ...env },
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("close", (code) => resolve({ code, output }));
  });
}

/** An empty installation: a fresh PostgreSQL database when DATABASE_URL is set, else an empty data directory. */
async function emptyInstallations(): Promise<{ name: string; env: Record<string, string>; drop(): Promise<void> }[]> {
  const dataDir = mkdtempSync(join(tmpdir(), "dualguard-first-start-"));
  const kinds: { name: string; env: Record<string, string>; drop(): Promise<void> }[] = [
    {
      name: "embedded, SEED_DEMO=false",
      env: { DATA_DIR: dataDir, SEED_DEMO: "false" },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    },
  ];
  if (process.env.DATABASE_URL) {
    const name = `dg_first_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    kinds.push({
      name: "PostgreSQL server",
      // SEED_DEMO is left unset: a server database must not get the demo accounts by default.
      env: { DATABASE_URL: url.toString(), SESSION_SECRET: "s".repeat(40), DATA_DIR: dataDir },
      drop: async () => {
        const dropper = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await dropper.connect();
        await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await dropper.end();
      },
    });
  }
  return kinds;
}

describe("the first start of an empty installation", () => {
  it("seeds no demo accounts, says how to create the first administrator, and that administrator then signs in", async () => {
    for (const installation of await emptyInstallations()) {
      try {
        const start = async () => {
          const lines: string[] = [];
          const config = { ...loadConfig(installation.env), port: 0, host: "127.0.0.1" };
          const server = await startServer(config, {
            logger: { level: "info", stream: { write: (line: string) => lines.push(line) } },
          });
          return { server, log: () => lines.join("") };
        };
        const first = await start();
        const users = await first.server.app.database.db.selectFrom("app_user").select("username").execute();
        expect(users, installation.name).toEqual([]);
        expect(first.log(), installation.name).toContain("dualguard user create");
        expect(first.log()).toContain(NO_USER_YET);
        const demo = await first.server.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { username: "admin", password: "Demo@2026" },
        });
        expect(demo.statusCode).toBe(401);
        expect((await first.server.app.inject({ url: "/api/v1/auth/sign-in-options" })).json()).toEqual({
          demoAccounts: false,
        });
        await first.server.stop();

        const created = await dualguard(
          ["user", "create", "--username", "chief", "--password", "First-admin-2026", "--role", "admin"],
          installation.env,
        );
        expect(created.code, created.output).toBe(0);

        const second = await start();
        const signedIn = await second.server.app.inject({
          method: "POST",
          url: "/api/v1/auth/login",
          payload: { username: "chief", password: "First-admin-2026" },
        });
        expect(signedIn.statusCode, signedIn.body).toBe(200);
        expect(signedIn.json().user.permissions).toContain("user:admin");
        expect(second.log()).not.toContain("dualguard user create");
        await second.server.stop();
      } finally {
        await installation.drop();
      }
    }
  }, 180_000);
});
