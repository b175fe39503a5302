import type { FastifyReply, FastifyRequest, RouteOptions } from "fastify";
import type { Kysely } from "kysely";
import { INSTALLATION_PERMISSIONS, type Permission } from "../../domain/access/roles";
import type { DB } from "../db/schema";
import { AppError, forbidden, notAuthenticated } from "../errors";
import { loadPrincipal } from "./load-principal";
import type { Principal } from "./principal";
import { API_TOKEN_PREFIX, hashSecret } from "./tokens";

export const SESSION_COOKIE = "dg_session";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Finds who is calling: a bearer API token, or a signed session cookie. */
export async function identify(db: Kysely<DB>, request: FastifyRequest): Promise<Principal | null> {
  const header = request.headers.authorization;
  if (header?.startsWith("Bearer ")) {
    const token = header.slice(7).trim();
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await liveToken(db, { hash: hashSecret(token) });
    if (!row) return null;
    await db.updateTable("api_token").set({ last_used_at: new Date() }).where("id", "=", row.id).execute();
    return loadPrincipal(db, row.user_id, { via: "token", tokenId: row.id });
  }
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const tokenHash = hashSecret(unsigned.value);
  const session = await liveSession(db, tokenHash);
  if (!session) return null;
  return loadPrincipal(db, session.user_id, { via: "session", tokenHash, csrfToken: session.csrf_token });
}

/**
 * Asks again whether a caller identified earlier may still act: its session or
 * token still live, its account still enabled; the scope is rebuilt from the
 * user row as it is now. Null when the caller has lost access.
 */
export async function recheckPrincipal(db: Kysely<DB>, principal: Principal): Promise<Principal | null> {
  const credential = principal.credential;
  if (!credential) return null;
  if (credential.via === "token") {
    const row = await liveToken(db, { id: credential.tokenId });
    return row && row.user_id === principal.userId ? loadPrincipal(db, row.user_id, credential) : null;
  }
  const session = await liveSession(db, credential.tokenHash);
  return session && session.user_id === principal.userId ? loadPrincipal(db, session.user_id, credential) : null;
}

async function liveToken(db: Kysely<DB>, by: { hash: string } | { id: string }) {
  const row = await db
    .selectFrom("api_token")
    .select(["id", "user_id", "expires_at", "revoked_at"])
    .where((eb) => ("hash" in by ? eb("token_hash", "=", by.hash) : eb("id", "=", by.id)))
    .executeTakeFirst();
  if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now()) return null;
  return row;
}

async function liveSession(db: Kysely<DB>, tokenHash: string) {
  const session = await db
    .selectFrom("session")
    .select(["user_id", "csrf_token", "expires_at"])
    .where("token_hash", "=", tokenHash)
    .executeTakeFirst();
  if (!session || session.expires_at.getTime() <= Date.now()) return null;
  return session;
}

/**
 * First hook of every request that matched a route: finds the caller, so the
 * rate limiter can count per verified user and the route's own check can run.
 * It refuses nothing; what a route needs is decided by the route (see guardRoute).
 */
export function identifyCaller(db: Kysely<DB>) {
  return async function identifyRequest(request: FastifyRequest): Promise<void> {
    request.principal = null;
    // Unmatched paths reach only the not-found answer, which serves nothing of anyone's.
    if (request.routeOptions.url === undefined) return;
    request.principal = request.routeOptions.config.public
      ? await identify(db, request).catch(() => null)
      : await identify(db, request);
  };
}

/** Where a route came from, for the message of a route that declares no access rule. */
const describe = (route: RouteOptions) => `${[route.method].flat().join(",")} ${route.url}`;

/**
 * Registered for every route (onRoute): access is decided from what the matched
 * route declares, never from the text of the URL. A route is either public
 * (explicitly) or names a permission; one that does neither stops the server
 * at start. A non-public route gets a check that runs before body parsing and
 * a handler that refuses to run without a signed-in caller, so no hook order
 * or path spelling can reach it anonymously.
 */
export function guardRoute(route: RouteOptions, registeredInPublicContext: boolean): void {
  const declared = route.config as { permission?: Permission | Permission[]; public?: boolean } | undefined;
  const isPublic = declared?.public === true || (registeredInPublicContext && !declared?.permission);
  route.config = { ...(route.config ?? {}), public: isPublic };
  if (isPublic) return;
  if (!declared?.permission) {
    throw new Error(`route ${describe(route)} declares neither a permission nor public: true; declare one`);
  }
  const anyOf = [declared.permission].flat();
  route.onRequest = [...[route.onRequest ?? []].flat(), authoriseFor(anyOf)];
  const handler = route.handler;
  route.handler = function guardedHandler(this: unknown, request, reply) {
    if (!request.principal) throw notAuthenticated();
    return handler.call(this as never, request, reply);
  };
}

/**
 * The access check of one non-public route: a caller, one of the route's
 * permissions, an unrestricted administrator for installation-wide actions, and
 * the CSRF token on cookie writes. Row-level scope is applied by the queries (see scope.ts).
 */
function authoriseFor(anyOf: Permission[]) {
  const wholeInstallationOnly = anyOf.every((permission) => INSTALLATION_PERMISSIONS.includes(permission));
  return async function authoriseRequest(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const principal = request.principal;
    if (!principal) throw notAuthenticated();
    if (!anyOf.some((permission) => principal.permissions.includes(permission))) throw forbidden();
    const wholeInstallation = principal.scope.kind === "territory" && principal.scope.path === "/";
    if (wholeInstallationOnly && !wholeInstallation) {
      throw forbidden({
        "zh-CN": "此操作影响整个系统，只有不限属地的系统管理员可以执行",
        en: "This action affects the whole installation; only an administrator without a territory limit may do it",
      });
    }
    if (principal.via === "session" && UNSAFE_METHODS.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || sent !== principal.csrfToken) {
        throw new AppError("CSRF_TOKEN_INVALID", {
          "zh-CN": "请求缺少有效的 CSRF 令牌（x-csrf-token 请求头）；请刷新页面后重试",
          en: "The request lacks a valid CSRF token (x-csrf-token header); reload the page and try again",
        });
      }
    }
  };
}
