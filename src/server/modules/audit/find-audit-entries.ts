import { type Kysely, type Selectable, sql } from "kysely";
import type { Static } from "typebox";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { AuditLogTable, DB } from "../../db/schema";
import type { AuditQuery } from "./schema";

/**
 * Audit entries a caller may read: those about its enterprises, or its
 * territory subtree; an industry department only those about enterprises of
 * its industries there (and its own actions), as everywhere else it reads.
 */
function entriesInScope(db: Kysely<DB>, principal: Principal) {
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
            .where((inner) => enterpriseInScope(inner, scope)),
        ),
        eb("audit_log.actor_id", "=", principal.userId),
      ]),
    );
  }
  if (scope.path === "/") return query;
  return query.where("territory_path", "like", `${scope.path}%`);
}

/** One page of the audit trail the caller may read, newest first, with the list page's filters. */
export async function findAuditEntries(
  db: Kysely<DB>,
  principal: Principal,
  filters: Static<typeof AuditQuery>,
): Promise<{ rows: Selectable<AuditLogTable>[]; total: number }> {
  const { entityType, entityId, actor, from, to, page, pageSize } = filters;
  let query = entriesInScope(db, principal);
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
  return { rows, total: Number(count.n) };
}
