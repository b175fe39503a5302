import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope, pathInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { forbidden, notFound } from "../../errors";

/** Whose register a row belongs to: an enterprise, or a territory for public-area risks. */
export interface RegisterOwner {
  kind: "enterprise" | "territory";
  id: string;
  name: string;
  territoryPath: string;
}

const THE_REGISTER = { "zh-CN": "该风险清单", en: "The risk register" };

/**
 * Resolves an owner the principal may read, or may write. Reading follows the
 * scope; writing an enterprise's register is for its own people and entrusted
 * third parties, writing a public-area register is for the territory's supervisors.
 */
export async function resolveOwner(
  db: Kysely<DB>,
  principal: Principal,
  ownerId: string,
  mode: "read" | "write",
): Promise<RegisterOwner> {
  const enterprise = await db
    .selectFrom("enterprise")
    .select(["id", "name", "territory_path"])
    .where("id", "=", ownerId)
    .where((eb) => enterpriseInScope(eb, principal.scope))
    .executeTakeFirst();
  if (enterprise) {
    if (mode === "write" && !(principal.scope.kind === "enterprises" && principal.permissions.includes("risk:write"))) {
      throw forbidden({
        "zh-CN": "企业的风险清单由企业本身（或其委托的第三方机构）编制，监管部门只读",
        en: "An enterprise's risk register is kept by the enterprise (or the third party it entrusts); government reads it",
      });
    }
    return { kind: "enterprise", id: enterprise.id, name: enterprise.name, territoryPath: enterprise.territory_path };
  }
  const territory = await db
    .selectFrom("territory")
    .select(["id", "name", "path"])
    .where("id", "=", ownerId)
    .executeTakeFirst();
  // Public-area registers belong to the territory's supervisors; an industry department sees only its industry.
  if (
    territory &&
    pathInScope(principal.scope, territory.path) &&
    principal.scope.kind === "territory" &&
    principal.scope.industries.length === 0
  ) {
    if (mode === "write" && !principal.permissions.includes("risk:public-write")) throw forbidden();
    return { kind: "territory", id: territory.id, name: territory.name, territoryPath: territory.path };
  }
  throw notFound(THE_REGISTER);
}

/** Where an owner's audit entries are filed, so its enterprise or territory can read them. */
export function auditPlace(owner: RegisterOwner): { enterpriseId: string | null; territoryPath: string } {
  return { enterpriseId: owner.kind === "enterprise" ? owner.id : null, territoryPath: owner.territoryPath };
}
