import type { FastifyReply, FastifyRequest } from "fastify";
import type { Kysely } from "kysely";
import { INSTALLATION_PERMISSIONS } from "../../domain/access/roles";
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
    const row = await db
      .selectFrom("api_token")
      .select(["id", "user_id", "expires_at", "revoked_at"])
      .where("token_hash", "=", hashSecret(token))
      .executeTakeFirst();
    if (!row || row.revoked_at || row.expires_at.getTime() <= Date.now()) return null;
    await db.updateTable("api_token").set({ last_used_at: new Date() }).where("id", "=", row.id).execute();
    return loadPrincipal(db, row.user_id, "token", null);
  }
  const raw = request.cookies[SESSION_COOKIE];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  if (!unsigned.valid || !unsigned.value) return null;
  const session = await db
    .selectFrom("session")
    .select(["user_id", "csrf_token", "expires_at"])
    .where("token_hash", "=", hashSecret(unsigned.value))
    .executeTakeFirst();
  if (!session || session.expires_at.getTime() <= Date.now()) return null;
  return loadPrincipal(db, session.user_id, "session", session.csrf_token);
}

/**
 * The access check every API route passes: authenticated unless public, the
 * route's permission held by the role, and the CSRF token on cookie writes.
 * Row-level scope is applied by the queries (see scope.ts).
 */
export function authorise(db: Kysely<DB>) {
  return async function authoriseRequest(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const routeConfig = request.routeOptions.config;
    if (!request.url.startsWith("/api/v1/") || routeConfig.public) {
      request.principal = routeConfig.public ? await identify(db, request).catch(() => null) : null;
      return;
    }
    const principal = await identify(db, request);
    if (!principal) throw notAuthenticated();
    request.principal = principal;
    // No route matched: the not-found handler answers, to signed-in callers only.
    if (request.routeOptions.url === undefined) return;
    if (!routeConfig.permission) {
      // A route that forgets to declare its permission is closed, not open.
      throw new AppError("INTERNAL", { "zh-CN": "路由未声明权限", en: "Route declares no permission" });
    }
    const anyOf = [routeConfig.permission].flat();
    if (!anyOf.some((permission) => principal.permissions.includes(permission))) throw forbidden();
    const wholeInstallation = principal.scope.kind === "territory" && principal.scope.path === "/";
    if (anyOf.every((permission) => INSTALLATION_PERMISSIONS.includes(permission)) && !wholeInstallation) {
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
