import { sql } from "kysely";
import { Type } from "typebox";
import { describeProblem, verifyAudit } from "../../audit/verify-audit";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import { type App, principalOf } from "../../types";

const AuditEntry = Type.Object({
  seq: Type.Integer(),
  at: Type.String(),
  actorName: Type.String(),
  actorIp: Type.String(),
  action: Type.String(),
  entityType: Type.String(),
  entityId: Type.String(),
  before: Type.Unknown(),
  after: Type.Unknown(),
  hash: Type.String(),
});

const AuditQuery = Type.Object(
  {
    entityType: Type.Optional(Type.String({ maxLength: 50 })),
    entityId: Type.Optional(Type.String({ maxLength: 100 })),
    actor: Type.Optional(Type.String({ maxLength: 100 })),
    from: Type.Optional(Type.String({ format: "date-time" })),
    to: Type.Optional(Type.String({ format: "date-time" })),
    page: Type.Integer({ minimum: 1, default: 1 }),
    pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
  },
  { additionalProperties: false },
);

export async function auditRoutes(app: App) {
  const { db } = app.database;

  /**
   * Audit entries a caller may read: those about its enterprises, or its
   * territory subtree; an industry department only those about enterprises of
   * its industries there (and its own actions), as everywhere else it reads.
   */
  const scoped = (principal: Principal) => {
    const scope = principal.scope;
    const query = db.selectFrom("audit_log");
    if (scope.kind === "enterprises") {
      return scope.enterpriseIds.length === 0
        ? query.where(sql<boolean>`false`)
        : query.where("enterprise_id", "in", scope.enterpriseIds);
    }
    if (scope.industries.length > 0) {
      return query.where((eb) =>
        eb.or([
          eb(
            "audit_log.enterprise_id",
            "in",
            eb
              .selectFrom("enterprise")
              .select("enterprise.id")
              .where((inner) => enterpriseInScope(inner as never, scope)),
          ),
          eb("audit_log.actor_id", "=", principal.userId),
        ]),
      );
    }
    if (scope.path === "/") return query;
    return query.where("territory_path", "like", `${scope.path}%`);
  };

  app.get(
    "/audit",
    {
      config: { permission: "audit:read" },
      schema: {
        tags: ["audit"],
        summary: "The audit trail of records in the caller's scope",
        querystring: AuditQuery,
        response: {
          200: Type.Object({
            items: Type.Array(AuditEntry),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      const { entityType, entityId, actor, from, to, page, pageSize } = request.query;
      let query = scoped(principalOf(request));
      if (entityType) query = query.where("entity_type", "=", entityType);
      if (entityId) query = query.where("entity_id", "=", entityId);
      if (actor) query = query.where("actor_name", "ilike", `%${actor}%`);
      if (from) query = query.where("at", ">=", new Date(from));
      if (to) query = query.where("at", "<=", new Date(to));
      const [rows, count] = await Promise.all([
        query
          .selectAll()
          .orderBy("seq", "desc")
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        query.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map((row) => ({
          seq: row.seq,
          at: row.at.toISOString(),
          actorName: row.actor_name,
          actorIp: row.actor_ip,
          action: row.action,
          entityType: row.entity_type,
          entityId: row.entity_id,
          before: row.before,
          after: row.after,
          hash: row.hash,
        })),
        total: Number(count.n),
        page,
        pageSize,
      };
    },
  );

  app.post(
    "/audit/verify",
    {
      config: { permission: "audit:verify" },
      schema: {
        tags: ["audit"],
        summary: "Walk the whole hash chain and report the first entry that was altered, deleted or inserted",
        response: {
          200: Type.Object({
            ok: Type.Boolean(),
            checked: Type.Integer(),
            firstBadSeq: Type.Union([Type.Integer(), Type.Null()]),
            reason: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
    },
    async () => {
      const result = await verifyAudit(db);
      return {
        ok: result.ok,
        checked: result.checked,
        firstBadSeq: result.problem?.seq ?? null,
        reason: result.problem ? describeProblem(result.problem) : null,
      };
    },
  );
}
