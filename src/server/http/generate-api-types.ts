import { buildApp } from "../app";
import type { Config } from "../config";
import { openPGlite } from "../db/database";
import { type OpenApiDocument, typesFromOpenApi } from "./openapi-types";

/** Where the web app's generated API types live. */
export const API_TYPES_FILE = new URL("../../web/api/openapi.d.ts", import.meta.url);

const CONFIG: Config = {
  port: 0,
  host: "127.0.0.1",
  dataDir: "/nonexistent",
  sessionSecret: "api-types-only-no-sessions-are-ever-signed-here",
  logLevel: "silent",
  seedDemo: false,
  demoSimulation: false,
  trustProxy: false,
  openapiDocs: true,
};

/** The OpenAPI document of this build, from its registered routes (an empty in-memory database is enough). */
export async function openApiDocument(): Promise<OpenApiDocument> {
  const database = await openPGlite();
  const app = await buildApp({ config: CONFIG, database, logger: false, webRoot: "/nonexistent" });
  try {
    await app.ready();
    return app.swagger() as unknown as OpenApiDocument;
  } finally {
    await app.close();
    await database.close();
  }
}

export async function generateApiTypes(): Promise<string> {
  return typesFromOpenApi(await openApiDocument());
}
