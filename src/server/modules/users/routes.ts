import { type Kysely, sql } from "kysely";
import { Type } from "typebox";
import { isEnterpriseScoped, ROLES, type Role } from "../../../domain/access/roles";
import { recordAudit } from "../../audit/record-audit";
import { hashPassword, passwordProblem } from "../../auth/passwords";
import type { Principal } from "../../auth/principal";
import { revokeCredentials } from "../../auth/revoke-credentials";
import { enterpriseInScope, territoryInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { forbidden, invalidFields, type LocalisedText, notFound } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";
import { findManagedUser, usersInScope } from "./user-scope";

const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

const User = Type.Object({
  id: Type.String(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  territory: Type.Union([Type.Object({ id: Type.String(), code: Type.String(), name: Type.String() }), Type.Null()]),
  industries: Type.Array(Type.String()),
  enterpriseIds: Type.Array(Type.String()),
  organisation: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  disabled: Type.Boolean(),
  createdAt: Type.String(),
});

const UserCreateBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 50, pattern: "^[A-Za-z0-9._-]+$" }),
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    role: RoleSchema,
    territoryId: Type.Optional(Type.Union([Type.String({ format: "uuid" }), Type.Null()])),
    industries: Type.Optional(Type.Array(Type.String({ maxLength: 4 }), { maxItems: 100 })),
    enterpriseIds: Type.Optional(Type.Array(Type.String({ format: "uuid" }), { maxItems: 5000 })),
    organisationId: Type.Optional(Type.Union([Type.String({ format: "uuid" }), Type.Null()])),
  },
  { additionalProperties: false },
);

const UserPatchBody = Type.Partial(
  Type.Object({
    displayName: Type.String({ minLength: 1, maxLength: 50 }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    role: RoleSchema,
    territoryId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
    industries: Type.Array(Type.String({ maxLength: 4 }), { maxItems: 100 }),
    enterpriseIds: Type.Array(Type.String({ format: "uuid" }), { maxItems: 5000 }),
    organisationId: Type.Union([Type.String({ format: "uuid" }), Type.Null()]),
    disabled: Type.Boolean(),
  }),
  { additionalProperties: false, minProperties: 1 },
);

const UserListQuery = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 50 })),
    role: Type.Optional(RoleSchema),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

const IdParams = Type.Object({ id: Type.String({ format: "uuid" }) });
const t = (zh: string, en: string): LocalisedText => ({ "zh-CN": zh, en });

async function presentUsers(db: Kysely<DB>, principal: Principal, ids: string[]) {
  if (ids.length === 0) return [];
  const rows = await usersInScope(db, principal)
    .select([
      "app_user.id",
      "app_user.username",
      "app_user.display_name",
      "app_user.role",
      "app_user.industries",
      "app_user.disabled",
      "app_user.created_at",
      "territory.id as territory_id",
      "territory.code as territory_code",
      "territory.name as territory_name",
      "organisation.id as organisation_id",
      "organisation.name as organisation_name",
    ])
    .where("app_user.id", "in", ids)
    .execute();
  const links = await db
    .selectFrom("user_enterprise")
    .select(["user_id", "enterprise_id"])
    .where("user_id", "in", ids)
    .execute();
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids
    .map((id) => byId.get(id))
    .filter((row) => row !== undefined)
    .map((row) => ({
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      role: row.role,
      territory: row.territory_id
        ? { id: row.territory_id, code: row.territory_code!, name: row.territory_name! }
        : null,
      industries: row.industries,
      enterpriseIds: links.filter((l) => l.user_id === row.id).map((l) => l.enterprise_id),
      organisation: row.organisation_id ? { id: row.organisation_id, name: row.organisation_name! } : null,
      disabled: row.disabled,
      createdAt: row.created_at.toISOString(),
    }));
}

/**
 * A user's placement must suit its role and lie inside the administrator's own
 * scope: the territory, the organisation and every enterprise, each checked to
 * exist, and industries no wider than the administrator's own.
 */
async function checkPlacement(
  db: Kysely<DB>,
  principal: Principal,
  placement: {
    role: Role;
    territoryId: string | null;
    enterpriseIds: string[];
    organisationId: string | null;
    industries: string[];
  },
) {
  const { role, territoryId, enterpriseIds, organisationId, industries } = placement;
  const issues: { field: string; text: LocalisedText }[] = [];
  if (isEnterpriseScoped(role)) {
    if (enterpriseIds.length === 0) {
      issues.push({
        field: "enterpriseIds",
        text: t("该角色须关联至少一家企业", "This role needs at least one enterprise"),
      });
    } else {
      const visible = await db
        .selectFrom("enterprise")
        .select("id")
        .where("id", "in", enterpriseIds)
        .where((eb) => enterpriseInScope(eb, principal.scope))
        .execute();
      if (visible.length !== new Set(enterpriseIds).size) {
        throw forbidden(
          t("部分企业不存在或不在您的管辖范围内", "Some enterprises do not exist or are outside your scope"),
        );
      }
    }
  } else if (territoryId) {
    const territory = await db
      .selectFrom("territory")
      .select("path")
      .where("id", "=", territoryId)
      .where((eb) => territoryInScope(eb, principal.scope))
      .executeTakeFirst();
    if (!territory)
      throw forbidden(t("属地不存在或不在您的管辖范围内", "The territory does not exist or is outside your scope"));
  } else if (role !== "admin" || principal.scope.kind !== "territory" || principal.scope.path !== "/") {
    issues.push({ field: "territoryId", text: t("该角色须指定属地", "This role needs a territory") });
  }
  if (organisationId) {
    const organisation = await db
      .selectFrom("organisation")
      .innerJoin("territory", "territory.id", "organisation.territory_id")
      .select("organisation.id")
      .where("organisation.id", "=", organisationId)
      .where((eb) => territoryInScope(eb, principal.scope))
      .executeTakeFirst();
    if (!organisation)
      throw forbidden(t("单位不存在或不在您的管辖范围内", "The organisation does not exist or is outside your scope"));
  }
  const ownIndustries = principal.scope.kind === "territory" ? principal.scope.industries : [];
  if (
    ownIndustries.length > 0 &&
    !isEnterpriseScoped(role) &&
    (industries.length === 0 || industries.some((industry) => !ownIndustries.includes(industry)))
  ) {
    throw forbidden(
      t(
        `行业范围须在您自己的行业（${ownIndustries.join("、")}）之内`,
        `The industries must lie within your own (${ownIndustries.join(", ")})`,
      ),
    );
  }
  if (issues.length > 0) throw invalidFields(issues);
}

export async function userRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/users",
    {
      config: { permission: "user:admin" },
      schema: {
        tags: ["users"],
        summary: "Users the administrator manages",
        querystring: UserListQuery,
        response: {
          200: Type.Object({
            items: Type.Array(User),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const { q, role, page, pageSize } = request.query;
      let query = usersInScope(db, principal);
      if (q)
        query = query.where((eb) =>
          eb.or([eb("app_user.username", "ilike", `%${q}%`), eb("app_user.display_name", "ilike", `%${q}%`)]),
        );
      if (role) query = query.where("app_user.role", "=", role);
      const [ids, count] = await Promise.all([
        query
          .select("app_user.id")
          .orderBy("app_user.username")
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        query.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return {
        items: await presentUsers(
          db,
          principal,
          ids.map((r) => r.id),
        ),
        total: Number(count.n),
        page,
        pageSize,
      };
    },
  );

  app.post(
    "/users",
    {
      config: { permission: "user:admin" },
      schema: { tags: ["users"], summary: "Create a user", body: UserCreateBody, response: { 201: User } },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const weak = passwordProblem(body.password);
      if (weak) throw invalidFields([{ field: "password", text: weak }]);
      const enterpriseIds = body.enterpriseIds ?? [];
      await checkPlacement(db, principal, {
        role: body.role,
        territoryId: body.territoryId ?? null,
        enterpriseIds,
        organisationId: body.organisationId ?? null,
        industries: body.industries ?? [],
      });
      const taken = await db
        .selectFrom("app_user")
        .select("id")
        .where("username", "=", body.username)
        .executeTakeFirst();
      if (taken)
        throw invalidFields([
          { field: "username", text: t(`用户名 ${body.username} 已被使用`, `The username ${body.username} is taken`) },
        ]);
      const passwordHash = await hashPassword(body.password);
      const id = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("app_user")
          .values({
            username: body.username,
            display_name: body.displayName,
            password_hash: passwordHash,
            role: body.role,
            territory_id: isEnterpriseScoped(body.role) ? null : (body.territoryId ?? null),
            industries: body.industries ?? [],
            organisation_id: body.organisationId ?? null,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        if (isEnterpriseScoped(body.role) && enterpriseIds.length > 0) {
          await trx
            .insertInto("user_enterprise")
            .values(
              [...new Set(enterpriseIds)].map((enterpriseId) => ({ user_id: created.id, enterprise_id: enterpriseId })),
            )
            .execute();
        }
        const { password: _secret, ...recorded } = body;
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "user",
          entityId: created.id,
          after: recorded,
        });
        return created.id;
      });
      const [user] = await presentUsers(db, principal, [id]);
      return reply.status(201).send(user);
    },
  );

  app.patch(
    "/users/:id",
    {
      config: { permission: "user:admin" },
      schema: {
        tags: ["users"],
        summary: "Change a user's role, placement, password or state",
        params: IdParams,
        body: UserPatchBody,
        response: { 200: User },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const managed = await findManagedUser(db, principal, request.params.id);
      if (!managed) throw notFound({ "zh-CN": "该用户", en: "The user" });
      if (!managed.wholly) {
        throw forbidden(
          t(
            "该用户还关联您管辖范围以外的属地、单位或企业，只能由管辖其全部范围的管理员修改",
            "This user is also placed outside your scope (a territory, organisation or enterprise); only an administrator over all of its placements may change it",
          ),
        );
      }
      const [before] = await presentUsers(db, principal, [managed.id]);
      if (!before) throw notFound({ "zh-CN": "该用户", en: "The user" });
      const body = request.body;
      if (body.password !== undefined) {
        const weak = passwordProblem(body.password);
        if (weak) throw invalidFields([{ field: "password", text: weak }]);
      }
      if (body.disabled === true && before.id === principal.userId) {
        throw invalidFields([
          { field: "disabled", text: t("不能停用自己的账号", "You cannot disable your own account") },
        ]);
      }
      const role = (body.role ?? before.role) as Role;
      const territoryId = body.territoryId !== undefined ? body.territoryId : (before.territory?.id ?? null);
      const enterpriseIds = body.enterpriseIds ?? before.enterpriseIds;
      const organisationId =
        body.organisationId !== undefined ? body.organisationId : (before.organisation?.id ?? null);
      const industries = body.industries ?? before.industries;
      if (
        body.role !== undefined ||
        body.territoryId !== undefined ||
        body.enterpriseIds !== undefined ||
        body.organisationId !== undefined ||
        body.industries !== undefined
      ) {
        await checkPlacement(db, principal, { role, territoryId, enterpriseIds, organisationId, industries });
      }
      const passwordHash = body.password !== undefined ? await hashPassword(body.password) : undefined;
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable("app_user")
          .set({
            display_name: body.displayName,
            role: body.role,
            territory_id: isEnterpriseScoped(role) ? null : territoryId,
            industries: body.industries,
            organisation_id: body.organisationId,
            disabled: body.disabled,
            password_hash: passwordHash,
            updated_at: new Date(),
          })
          .where("id", "=", before.id)
          .execute();
        if (body.enterpriseIds !== undefined || body.role !== undefined) {
          await trx.deleteFrom("user_enterprise").where("user_id", "=", before.id).execute();
          if (isEnterpriseScoped(role) && enterpriseIds.length > 0) {
            await trx
              .insertInto("user_enterprise")
              .values(
                [...new Set(enterpriseIds)].map((enterpriseId) => ({
                  user_id: before.id,
                  enterprise_id: enterpriseId,
                })),
              )
              .execute();
          }
        }
        // A disabled account or a reset password ends the user's sessions and revokes its API tokens.
        const revoked = body.disabled === true || passwordHash ? await revokeCredentials(trx, before.id) : undefined;
        const { password, ...changes } = body;
        await recordAudit(trx, actorOf(request), {
          action: "update",
          entityType: "user",
          entityId: before.id,
          before,
          after: {
            ...changes,
            ...(password !== undefined ? { passwordReset: true } : {}),
            ...(revoked ? { sessionsEnded: revoked.sessions, tokensRevoked: revoked.tokens } : {}),
          },
        });
      });
      const [after] = await presentUsers(db, principal, [before.id]);
      return after;
    },
  );
}
