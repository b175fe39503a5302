import type { LightMyRequestResponse } from "fastify";
import { buildApp } from "../app";
import type { Config } from "../config";
import { createApiToken } from "../modules/tokens/create-api-token";
import { DEMO_PASSWORD, seedDemo } from "../seed/seed-demo";
import type { App } from "../types";
import type { TestDatabase, TestDatabaseKind } from "./test-database";

export const TEST_CONFIG: Config = {
  port: 0,
  host: "127.0.0.1",
  dataDir: "/nonexistent",
  sessionSecret: "test-secret-that-is-long-enough-for-cookies-0123456789",
  logLevel: "silent",
  seedDemo: false,
  demoSimulation: false,
  trustProxy: false,
  openapiDocs: true,
};

export interface TestContext {
  app: App;
  database: TestDatabase;
  close(): Promise<void>;
}

/**
 * An app over a fresh database of the given kind with its reference data, seeded with the demo city unless
 * `demoCity` is false (then tests build what they need with the factories in ./factories).
 */
export async function createTestContext(
  kind: TestDatabaseKind,
  options: { enterprises?: number; demoCity?: boolean; config?: Partial<Config> } = {},
): Promise<TestContext> {
  const database = await kind.open();
  if (options.demoCity !== false) await seedDemo(database, { enterprises: options.enterprises ?? 60 });
  const config = { ...TEST_CONFIG, ...options.config };
  const app = await buildApp({ config, database, logger: false, webRoot: "/nonexistent" });
  await app.ready();
  return {
    app,
    database,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

export interface SignedIn {
  headers: Record<string, string>;
  csrfToken: string;
  userId: string;
}

/** Signs a demo account in through the API and returns headers that carry the session and CSRF token. */
export async function signIn(app: App, username: string, password = DEMO_PASSWORD): Promise<SignedIn> {
  const response = await app.inject({ method: "POST", url: "/api/v1/auth/login", payload: { username, password } });
  if (response.statusCode !== 200)
    throw new Error(`sign-in of ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "dg_session");
  const body = response.json();
  return {
    headers: { cookie: `dg_session=${cookie!.value}`, "x-csrf-token": body.csrfToken },
    csrfToken: body.csrfToken,
    userId: body.user.id,
  };
}

export async function bearerFor(context: TestContext, username: string): Promise<Record<string, string>> {
  const user = await context.database.db
    .selectFrom("app_user")
    .select("id")
    .where("username", "=", username)
    .executeTakeFirstOrThrow();
  const { token } = await createApiToken(
    context.database.db,
    { userId: null, name: "test", ip: "" },
    { userId: user.id, name: "test", days: 1 },
  );
  return { authorization: `Bearer ${token}` };
}

export function errorOf(response: LightMyRequestResponse): { code: string; message: string; details: unknown } {
  return response.json().error;
}
