import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LightMyRequestResponse } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app";
import type { Config } from "../config";
import { TEST_CONFIG } from "../testing/test-app";
import { type TestDatabase, testDatabaseKinds } from "../testing/test-database";
import type { App } from "../types";

describe.each(testDatabaseKinds())("security headers on $name", (kind) => {
  let database: TestDatabase;
  let webRoot: string;
  const apps: App[] = [];
  const appWith = async (config: Partial<Config> = {}) => {
    const app = await buildApp({ config: { ...TEST_CONFIG, ...config }, database, logger: false, webRoot });
    await app.ready();
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    database = await kind.open();
    webRoot = mkdtempSync(join(tmpdir(), "dualguard-web-"));
    mkdirSync(join(webRoot, "assets"));
    writeFileSync(join(webRoot, "index.html"), "<!doctype html><title>DualGuard</title>");
    writeFileSync(join(webRoot, "assets", "app.js"), "console.log(1)");
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await database?.destroy();
    rmSync(webRoot, { recursive: true, force: true });
  });

  const policy = (response: LightMyRequestResponse) =>
    Object.fromEntries(
      String(response.headers["content-security-policy"])
        .split(";")
        .map((directive) => directive.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );

  it("sends the same protective headers on the SPA, its files, API answers, errors and the documentation", async () => {
    const app = await appWith();
    const responses = {
      shell: await app.inject({ url: "/" }),
      deepLink: await app.inject({ url: "/enterprises/some-id" }),
      script: await app.inject({ url: "/assets/app.js" }),
      health: await app.inject({ url: "/healthz" }),
      refused: await app.inject({ url: "/api/v1/enterprises" }),
      missing: await app.inject({ url: "/api/v1/nothing-here" }),
      docs: await app.inject({ url: "/api/docs/" }),
    };
    expect(responses.deepLink.body).toContain("<title>DualGuard</title>");
    expect(responses.script.statusCode).toBe(200);
    expect(responses.refused.statusCode).toBe(401);
    for (const [name, response] of Object.entries(responses)) {
      expect(response.headers["x-content-type-options"], name).toBe("nosniff");
      expect(response.headers["x-frame-options"], name).toBe("DENY");
      expect(response.headers["referrer-policy"], name).toBe("strict-origin-when-cross-origin");
      expect(response.headers["strict-transport-security"], name).toBeUndefined();
      const csp = policy(response);
      expect(csp["frame-ancestors"], name).toEqual(["'none'"]);
      expect(csp["script-src"], name).toEqual(["'self'"]);
      // MapLibre starts its workers from blob: URLs.
      expect(csp["worker-src"], name).toEqual(["'self'", "blob:"]);
      expect(csp["object-src"], name).toEqual(["'none'"]);
      expect(csp, name).not.toHaveProperty("upgrade-insecure-requests");
    }
  });

  it("lets the map load tiles from TILE_URL's origin and nothing else", async () => {
    const app = await appWith({ tileUrl: "https://tiles.example.org/{z}/{x}/{y}.png" });
    const csp = policy(await app.inject({ url: "/" }));
    expect(csp["img-src"]).toContain("https://tiles.example.org");
    expect(csp["connect-src"]).toEqual(["'self'", "https://tiles.example.org"]);
  });

  it("sends HSTS only over TLS, as a trusted proxy reports it", async () => {
    const behindProxy = await appWith({ trustProxy: ["127.0.0.1"] });
    const viaProxy = await behindProxy.inject({ url: "/healthz", headers: { "x-forwarded-proto": "https" } });
    expect(viaProxy.headers["strict-transport-security"]).toMatch(/^max-age=\d+/);
    const plain = await behindProxy.inject({ url: "/healthz" });
    expect(plain.headers["strict-transport-security"]).toBeUndefined();
    // Without TRUST_PROXY a client cannot claim TLS for itself.
    const direct = await appWith();
    const claimed = await direct.inject({ url: "/healthz", headers: { "x-forwarded-proto": "https" } });
    expect(claimed.headers["strict-transport-security"]).toBeUndefined();
  });

  it("serves the API documentation publicly, or not at all with OPENAPI_DOCS=false", async () => {
    const open = await appWith();
    expect((await open.inject({ url: "/api/docs/" })).statusCode).toBe(200);
    expect((await open.inject({ url: "/api/openapi.json" })).statusCode).toBe(200);
    const closed = await appWith({ openapiDocs: false });
    expect((await closed.inject({ url: "/api/docs/" })).statusCode).toBe(404);
    expect((await closed.inject({ url: "/api/openapi.json" })).statusCode).toBe(404);
    expect((await closed.inject({ url: "/healthz" })).statusCode).toBe(200);
  });
});
