import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { type Actor, recordAudit } from "../../audit/record-audit";
import { SESSION_COOKIE } from "../../auth/authenticate";
import { loadPrincipal } from "../../auth/load-principal";
import { clearLoginFailures, recordLoginFailure, throttledForMinutes } from "../../auth/login-throttle";
import { verifyPassword } from "../../auth/passwords";
import type { Principal } from "../../auth/principal";
import { hashSecret, newSecret } from "../../auth/tokens";
import type { DB } from "../../db/schema";
import { AppError } from "../../errors";
import { type App, principalOf } from "../../types";
import { LoginBody, type Me, SessionResponse } from "./schema";

const SESSION_HOURS = 12;

export async function presentMe(db: Kysely<DB>, principal: Principal): Promise<Static<typeof Me>> {
  const territory = principal.territoryId
    ? await db
        .selectFrom("territory")
        .select(["id", "code", "name", "name_en as nameEn", "path"])
        .where("id", "=", principal.territoryId)
        .executeTakeFirst()
    : undefined;
  const organisation = principal.organisationId
    ? await db
        .selectFrom("organisation")
        .select(["id", "name", "kind"])
        .where("id", "=", principal.organisationId)
        .executeTakeFirst()
    : undefined;
  return {
    id: principal.userId,
    username: principal.username,
    displayName: principal.displayName,
    role: principal.role,
    territory: territory ?? null,
    industries: principal.scope.kind === "territory" ? principal.scope.industries : [],
    enterpriseIds: principal.scope.kind === "enterprises" ? principal.scope.enterpriseIds : [],
    organisation: organisation ?? null,
    permissions: [...principal.permissions],
  };
}

export async function authRoutes(app: App) {
  const { db } = app.database;

  app.post(
    "/auth/login",
    {
      config: { public: true, rateLimit: { max: 60, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary: "Sign in; sets the session cookie",
        body: LoginBody,
        response: { 200: SessionResponse },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const wait = await throttledForMinutes(db, username, request.ip);
      if (wait > 0) {
        throw new AppError("LOGIN_THROTTLED", {
          "zh-CN": `登录失败次数过多，请 ${wait} 分钟后再试`,
          en: `Too many failed sign-ins; try again in ${wait} minute(s)`,
        });
      }
      const user = await db
        .selectFrom("app_user")
        .select(["id", "username", "display_name", "password_hash", "disabled"])
        .where("username", "=", username)
        .executeTakeFirst();
      const ok = user && !user.disabled && (await verifyPassword(user.password_hash, password));
      if (!user || !ok) {
        await recordLoginFailure(db, username, request.ip);
        throw new AppError("INVALID_CREDENTIALS", {
          "zh-CN": "用户名或密码错误（账号也可能已停用）",
          en: "Wrong username or password (or the account is disabled)",
        });
      }
      await clearLoginFailures(db, username);
      const token = newSecret();
      const csrfToken = newSecret();
      const actor: Actor = { userId: user.id, name: `${user.display_name} (${user.username})`, ip: request.ip };
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto("session")
          .values({
            token_hash: hashSecret(token),
            user_id: user.id,
            csrf_token: csrfToken,
            ip: request.ip,
            user_agent: String(request.headers["user-agent"] ?? "").slice(0, 300),
            expires_at: new Date(Date.now() + SESSION_HOURS * 3600_000),
          })
          .execute();
        await recordAudit(trx, actor, { action: "login", entityType: "user", entityId: user.id });
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: request.protocol === "https",
        signed: true,
        maxAge: SESSION_HOURS * 3600,
      });
      const principal = await loadPrincipal(db, user.id, "session", csrfToken);
      return { user: await presentMe(db, principal!), csrfToken };
    },
  );

  app.post(
    "/auth/logout",
    { config: { public: true }, schema: { tags: ["auth"], summary: "Sign out" } },
    async (request, reply) => {
      const raw = request.cookies[SESSION_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      if (unsigned?.valid && unsigned.value) {
        await db.deleteFrom("session").where("token_hash", "=", hashSecret(unsigned.value)).execute();
      }
      reply.clearCookie(SESSION_COOKIE, { path: "/" });
      return reply.status(204).send();
    },
  );

  app.get(
    "/auth/me",
    {
      config: { permission: "account:self" },
      schema: { tags: ["auth"], summary: "The signed-in user and the CSRF token", response: { 200: SessionResponse } },
    },
    async (request) => {
      const principal = principalOf(request);
      return { user: await presentMe(db, principal), csrfToken: principal.csrfToken };
    },
  );
}
