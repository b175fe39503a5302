import { SESSION_COOKIE } from "../../auth/authenticate";
import { standInPasswordHash } from "../../auth/passwords";
import { NoContent } from "../../http/schemas";
import { type App, actorOf, principalOf } from "../../types";
import { changeOwnPassword } from "./change-password";
import { findPlacement } from "./find-placement";
import { presentSession } from "./present-me";
import { LoginBody, PasswordChangeBody, PasswordChanged, SessionResponse, SignInOptions } from "./schema";
import { SESSION_HOURS, signIn } from "./sign-in";
import { signOut } from "./sign-out";

export async function authRoutes(app: App) {
  const { db } = app.database;
  // Made before the first sign-in, so the first unknown username costs no more than any other.
  app.addHook("onReady", async () => {
    await standInPasswordHash();
  });

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
      const { sessionToken, principal } = await signIn(db, {
        username: request.body.username,
        password: request.body.password,
        ip: request.ip,
        userAgent: String(request.headers["user-agent"] ?? ""),
      });
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        path: "/",
        httpOnly: true,
        sameSite: "strict",
        secure: request.protocol === "https",
        signed: true,
        maxAge: SESSION_HOURS * 3600,
      });
      return presentSession(principal, await findPlacement(db, principal));
    },
  );

  app.get(
    "/auth/sign-in-options",
    {
      config: { public: true },
      schema: { tags: ["auth"], summary: "What the sign-in page may offer", response: { 200: SignInOptions } },
    },
    // Only the embedded demo carries the published demo password; a PostgreSQL installation never shows it.
    async () => ({ demoAccounts: app.config.seedDemo && !app.config.databaseUrl }),
  );

  app.post(
    "/auth/logout",
    {
      config: { public: true },
      schema: { tags: ["auth"], summary: "Sign out", response: { 204: NoContent } },
    },
    async (request, reply) => {
      const raw = request.cookies[SESSION_COOKIE];
      const unsigned = raw ? request.unsignCookie(raw) : null;
      await signOut(db, unsigned?.valid ? unsigned.value : null);
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
      return presentSession(principal, await findPlacement(db, principal));
    },
  );

  app.post(
    "/auth/password",
    {
      config: { permission: "account:self", rateLimit: { max: 20, timeWindow: "1 minute" } },
      schema: {
        tags: ["auth"],
        summary:
          "Change the caller's own password (the current one is required); ends the caller's other sessions and revokes all of its API tokens",
        body: PasswordChangeBody,
        response: { 200: PasswordChanged },
      },
    },
    async (request) => changeOwnPassword(db, principalOf(request), actorOf(request), request.body),
  );
}
