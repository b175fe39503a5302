import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql } from "kysely";
import type { Principal, Scope } from "../../auth/principal";
import { enterpriseInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";

/**
 * Users an administrator may see: those placed in its territory subtree, or
 * linked to an enterprise in it. An administrator never sees another city's users.
 */
export function usersInScope(db: Kysely<DB>, principal: Principal) {
  const scope = principal.scope;
  const path = scope.kind === "territory" ? scope.path : "/-/";
  return db
    .selectFrom("app_user")
    .leftJoin("territory", "territory.id", "app_user.territory_id")
    .leftJoin("organisation", "organisation.id", "app_user.organisation_id")
    .where((eb) =>
      eb.or([
        eb("territory.path", "like", `${path}%`),
        eb.exists(
          eb
            .selectFrom("user_enterprise")
            .innerJoin("enterprise", "enterprise.id", "user_enterprise.enterprise_id")
            .whereRef("user_enterprise.user_id", "=", "app_user.id")
            .where("enterprise.territory_path", "like", `${path}%`),
        ),
        // Whole-installation administrators (no territory) are visible only to one another.
        eb.and([eb("app_user.territory_id", "is", null), eb.val(path === "/")]),
      ]),
    );
}

/**
 * Whether every placement of the user lies inside the scope: its territory,
 * its organisation's territory and each enterprise it acts for. Seeing a user
 * (one link inside) is not enough to change it: a district administrator
 * must not reset the password of someone who also acts for another district.
 */
export function placedWhollyWithin(
  eb: ExpressionBuilder<DB, "app_user" | "territory" | "organisation">,
  scope: Scope,
): Expression<SqlBool> {
  if (scope.kind !== "territory") return sql<SqlBool>`false`;
  const path = `${scope.path}%`;
  return eb.and([
    eb.or([
      eb("app_user.territory_id", "is", null),
      eb.exists(
        eb
          .selectFrom("territory as placed")
          .whereRef("placed.id", "=", "app_user.territory_id")
          .where("placed.path", "like", path),
      ),
    ]),
    eb.or([
      eb("app_user.organisation_id", "is", null),
      eb.exists(
        eb
          .selectFrom("organisation as own_organisation")
          .innerJoin(
            "territory as organisation_territory",
            "organisation_territory.id",
            "own_organisation.territory_id",
          )
          .whereRef("own_organisation.id", "=", "app_user.organisation_id")
          .where("organisation_territory.path", "like", path),
      ),
    ]),
    eb.not(
      eb.exists(
        eb
          .selectFrom("user_enterprise")
          .innerJoin("enterprise", "enterprise.id", "user_enterprise.enterprise_id")
          .whereRef("user_enterprise.user_id", "=", "app_user.id")
          .where((inner) => inner.not(enterpriseInScope(inner, scope))),
      ),
    ),
    // An account placed nowhere (the whole installation's administrator) belongs to the whole installation.
    eb.or([
      eb.val(scope.path === "/"),
      eb("app_user.territory_id", "is not", null),
      eb.exists(eb.selectFrom("user_enterprise").whereRef("user_enterprise.user_id", "=", "app_user.id")),
    ]),
  ]);
}

/**
 * Finds a user the administrator may change: undefined when it cannot see
 * them at all, `wholly: false` when it sees them but some placement lies outside.
 */
export async function findManagedUser(
  db: Kysely<DB>,
  principal: Principal,
  userId: string,
): Promise<{ id: string; username: string; wholly: boolean } | undefined> {
  const row = await usersInScope(db, principal)
    .select((eb) => [
      "app_user.id",
      "app_user.username",
      sql<boolean>`(${placedWhollyWithin(eb, principal.scope)})`.as("wholly"),
    ])
    .where("app_user.id", "=", userId)
    .executeTakeFirst();
  return row ? { id: row.id, username: row.username, wholly: Boolean(row.wholly) } : undefined;
}
