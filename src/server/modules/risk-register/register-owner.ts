import type { Kysely } from "kysely";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope, pathInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { forbidden, type LocalisedText, notFound } from "../../errors";

/** Whose register a row belongs to: an enterprise, or a territory for public-area risks. */
export interface RegisterOwner {
  kind: "enterprise" | "territory";
  id: string;
  name: string;
  territoryPath: string;
}

const THE_REGISTER: LocalisedText = { "zh-CN": "该风险清单", en: "The risk register" };
const THE_RISK_POINT: LocalisedText = { "zh-CN": "该风险点", en: "The risk point" };
const THE_HAZARD: LocalisedText = { "zh-CN": "该危险源", en: "The hazard" };
const THE_MEASURE: LocalisedText = { "zh-CN": "该管控措施", en: "The control measure" };

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

/** The risk point an operation changed, in its register: the API answers with the whole point. */
export interface RiskPointRef {
  ownerId: string;
  riskPointId: string;
}

/** Where an owner's audit entries are filed, so its enterprise or territory can read them. */
export function auditPlace(owner: RegisterOwner): { enterpriseId: string | null; territoryPath: string } {
  return { enterpriseId: owner.kind === "enterprise" ? owner.id : null, territoryPath: owner.territoryPath };
}

/**
 * A risk point with the register it belongs to, if the principal may read (or write) that register. Another owner's
 * point is not found when reading; when writing, resolveOwner says why not (404 out of scope, 403 read-only).
 */
export async function riskPointFor(db: Kysely<DB>, principal: Principal, id: string, mode: "read" | "write") {
  const point = await db
    .selectFrom("risk_point")
    .select(["owner_id", "id", "territory_path", "name", "public_token"])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!point) throw notFound(THE_RISK_POINT);
  const owner = await resolveOwner(db, principal, point.owner_id, mode).catch((error) => {
    if (mode === "read") throw notFound(THE_RISK_POINT);
    throw error;
  });
  return { point, owner };
}

/** A hazard with its register, if the principal may read (or write) it; another register's hazard is not found. */
export async function hazardFor(db: Kysely<DB>, principal: Principal, id: string, mode: "read" | "write") {
  const hazard = await db.selectFrom("hazard").selectAll().where("id", "=", id).executeTakeFirst();
  if (!hazard) throw notFound(THE_HAZARD);
  const owner = await resolveOwner(db, principal, hazard.owner_id, mode).catch(() => {
    throw notFound(THE_HAZARD);
  });
  return { hazard, owner };
}

/** A control measure the principal may edit; another register's measure is not found. */
export async function measureFor(db: Kysely<DB>, principal: Principal, id: string) {
  const measure = await db.selectFrom("control_measure").selectAll().where("id", "=", id).executeTakeFirst();
  if (!measure) throw notFound(THE_MEASURE);
  const owner = await resolveOwner(db, principal, measure.owner_id, "write").catch(() => {
    throw notFound(THE_MEASURE);
  });
  return { measure, owner };
}
