import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyHelmet from "@fastify/helmet";
import fastifyMultipart from "@fastify/multipart";
import fastifyRateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyPluginAsync, type FastifyPluginCallback, type FastifyServerOptions } from "fastify";
import { sql } from "kysely";
import { guardRoute, identifyCaller } from "./auth/authenticate";
import type { Config } from "./config";
import type { Database } from "./db/database";
import { localeFrom } from "./errors";
import { errorHandler } from "./http/error-handler";
import { ERROR_RESPONSES } from "./http/schemas";
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
    // Forwarded headers are believed only from the proxies named in TRUST_PROXY.
    trustProxy: config.trustProxy,
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

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: contentSecurityPolicy(config) },
    // Sent only over TLS (below): a plain-HTTP installation must not be pinned to HTTPS.
    strictTransportSecurity: false,
    xFrameOptions: { action: "deny" },
    // Tile servers may ask for the page's origin; paths (with record ids) never leave the site.
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
  });
  app.addHook("onRequest", async (request, reply) => {
    // RFC 6797 section 7.2: HSTS only on a secure transport (TLS here, or a trusted proxy's X-Forwarded-Proto).
    if (request.protocol === "https") reply.header("strict-transport-security", "max-age=31536000; includeSubDomains");
  });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(fastifyRateLimit, {
    max: 3000,
    timeWindow: "1 minute",
    // Per verified user when the caller proved who it is, else per address; never a value the client picks.
    keyGenerator: (request) => (request.principal ? `user:${request.principal.userId}` : `ip:${request.ip}`),
  });
  // After the rate limiter, so each route's own access check runs after it counts the request.
  app.addHook("onRoute", function onRoute(route) {
    guardRoute(route, this.servesPublicRoutes === true);
    // Every API route may answer with the one error shape; its own schemas say what it answers on success.
    if (route.url.startsWith("/api/v1/") && route.schema) {
      route.schema.response = { ...ERROR_RESPONSES, ...(route.schema.response as object | undefined) };
    }
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
  if (config.openapiDocs) {
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
    await registerPublic(app, fastifySwaggerUi, { routePrefix: "/api/docs" });
  }

  app.addHook("onRequest", async (request) => {
    request.locale = localeFrom(request.headers["accept-language"]);
  });
  app.addHook("onRequest", identifyCaller(database.db));

  if (config.openapiDocs) {
    app.get("/api/openapi.json", { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  }
  app.get("/healthz", { schema: { hide: true }, config: { public: true } }, async () => ({ status: "ok" }));
  app.get("/readyz", { schema: { hide: true }, config: { public: true } }, async (_request, reply) => {
    try {
      await sql`SELECT 1`.execute(database.db);
      // The map and the cockpit read from the replica when there is one: without it they cannot answer.
      if (database.read !== database.db) await sql`SELECT 1`.execute(database.read);
      return { status: "ready", database: database.kind };
    } catch {
      return reply.status(503).send({ status: "unavailable", database: database.kind });
    }
  });

  await app.register(registerModules, { prefix: "/api/v1" });

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const hasWeb = existsSync(join(webRoot, "index.html"));
  if (hasWeb) await registerPublic(app, fastifyStatic, { root: webRoot, wildcard: false, index: ["index.html"] });
  app.setNotFoundHandler({ preHandler: app.rateLimit() }, async (request, reply) => {
    const path = request.url.split("?")[0] ?? "";
    // Deep links into the single-page app get its shell; unknown API paths get the error shape.
    if (hasWeb && request.method === "GET" && !isApiPath(path)) {
      return reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-cache")
        .send(await readFile(join(webRoot, "index.html")));
    }
    return reply.status(404).send({
      error: {
        code: "NOT_FOUND",
        message:
          request.locale === "en"
            ? `There is no route ${request.method} ${path}; see /api/docs`
            : `没有此接口：${request.method} ${path}，请查看 /api/docs`,
        details: null,
      },
    });
  });
  return app;
}

/** Registers a plugin whose routes are all public by design (the API documentation, the SPA's files). */
async function registerPublic<Options extends object>(
  app: App,
  plugin: FastifyPluginAsync<Options> | FastifyPluginCallback<Options>,
  options: Options,
): Promise<void> {
  await app.register(async (context) => {
    context.decorate("servesPublicRoutes", true);
    await context.register(plugin as never, options);
  });
}

/** Whether a path that matched no route is an API path; any spelling that decodes to /api/ counts. */
function isApiPath(path: string): boolean {
  let decoded = path;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return true;
  }
  return decoded.toLowerCase().startsWith("/api/");
}

/**
 * What the browser may load: the SPA's own files, MapLibre's workers (created from
 * blob: URLs), Ant Design and ECharts' inline styles, the tile server when one is set.
 */
function contentSecurityPolicy(config: Config): Record<string, string[]> {
  const tiles = config.tileUrl ? [new URL(config.tileUrl).origin] : [];
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", ...tiles],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'", ...tiles],
    "worker-src": ["'self'", "blob:"],
    "child-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
  };
}
