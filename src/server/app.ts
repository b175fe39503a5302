import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyServerOptions } from "fastify";
import { sql } from "kysely";
import { authorise } from "./auth/authenticate";
import type { Config } from "./config";
import type { Database } from "./db/database";
import { localeFrom } from "./errors";
import { errorHandler } from "./http/error-handler";
import { rabbitMqAdmin } from "./ingestion/broker-admin";
import { IngestBatcher } from "./ingestion/ingest-batcher";
import { registerModules } from "./modules";
import type { App } from "./types";

export interface AppOptions {
  config: Config;
  database: Database;
  logger?: FastifyServerOptions["logger"];
  /** Where the built SPA lives; the server still works (API only) when it is absent. */
  webRoot?: string;
}

const DEFAULT_WEB_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/web");

export async function buildApp(options: AppOptions): Promise<App> {
  const { config, database } = options;
  const app = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    trustProxy: true,
    bodyLimit: 20 * 1024 * 1024,
    ajv: { customOptions: { allErrors: true, removeAdditional: false, coerceTypes: "array" } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.decorate("config", config);
  app.decorate("database", database);
  app.decorate("ingest", new IngestBatcher(database.db, app.log));
  app.decorate("brokerAdmin", config.broker ? rabbitMqAdmin(config.broker.adminUrl, config.broker.vhost) : null);
  // Readings already accepted are committed before the database closes.
  app.addHook("onClose", async () => app.ingest.drain());
  app.decorateRequest("principal", null);
  app.decorateRequest("locale", "zh-CN");
  app.setErrorHandler(errorHandler);
  app.decorate("routeCatalogue", []);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat()) {
      if (method === "HEAD") continue;
      app.routeCatalogue.push({
        method,
        url: route.url,
        permission: route.config?.permission,
        public: route.config?.public,
      });
    }
  });

  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(fastifyRateLimit, {
    max: 3000,
    timeWindow: "1 minute",
    // Per signed-in user when there is one, else per address.
    keyGenerator: (request) => request.cookies?.dg_session ?? request.headers.authorization ?? request.ip,
  });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "DualGuard API",
        version: "1",
        description:
          "Work-safety risk management: risk classification control and hidden-danger governance. Sign in with POST /api/v1/auth/login or send `Authorization: Bearer <token>`.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          session: { type: "apiKey", in: "cookie", name: "dg_session" },
        },
      },
      security: [{ bearer: [] }, { session: [] }],
    },
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs" });

  app.addHook("onRequest", async (request) => {
    request.locale = localeFrom(request.headers["accept-language"]);
  });
  app.addHook("onRequest", authorise(database.db));

  app.get("/api/openapi.json", { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  app.get("/healthz", { schema: { hide: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(database.db);
      return { status: "ready", database: database.kind };
    } catch {
      return reply.status(503).send({ status: "unavailable", database: database.kind });
    }
  });

  await app.register(registerModules, { prefix: "/api/v1" });

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const hasWeb = existsSync(join(webRoot, "index.html"));
  if (hasWeb) await app.register(fastifyStatic, { root: webRoot, wildcard: false, index: ["index.html"] });
  app.setNotFoundHandler((request, reply) => {
    // Deep links into the single-page app get its shell; unknown API paths get the error shape.
    if (hasWeb && request.method === "GET" && !request.url.startsWith("/api/")) {
      return reply.type("text/html").sendFile("index.html");
    }
    return reply.status(404).send({
      error: {
        code: "NOT_FOUND",
        message:
          request.locale === "en"
            ? `There is no route ${request.method} ${request.url.split("?")[0]}; see /api/docs`
            : `没有此接口：${request.method} ${request.url.split("?")[0]}，请查看 /api/docs`,
        details: null,
      },
    });
  });
  return app;
}
