import type { Kysely } from "kysely";
import { isEnterpriseScoped, type Role } from "../../../domain/access/roles";
import { type LocalisedText, text } from "../../../domain/text";
import type { Principal } from "../../auth/principal";
import { enterpriseInScope, territoryInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { forbidden, invalidFields } from "../../errors";

/** Where a user is placed: what its role acts for. */
export interface Placement {
  role: Role;
  territoryId: string | null;
  enterpriseIds: string[];
  organisationId: string | null;
  industries: string[];
}

/**
 * A user's placement must suit its role and lie inside the administrator's own
 * scope: the territory, the organisation and every enterprise, each checked to
 * exist, and industries no wider than the administrator's own.
 */
export async function checkPlacement(db: Kysely<DB>, principal: Principal, placement: Placement): Promise<void> {
  const { role, territoryId, enterpriseIds, organisationId, industries } = placement;
  const issues: { field: string; text: LocalisedText }[] = [];
  if (isEnterpriseScoped(role)) {
    if (enterpriseIds.length === 0) {
      issues.push({
        field: "enterpriseIds",
        text: text("该角色须关联至少一家企业", "This role needs at least one enterprise"),
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
          text("部分企业不存在或不在您的管辖范围内", "Some enterprises do not exist or are outside your scope"),
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
      throw forbidden(text("属地不存在或不在您的管辖范围内", "The territory does not exist or is outside your scope"));
  } else if (role !== "admin" || principal.scope.kind !== "territory" || principal.scope.path !== "/") {
    issues.push({ field: "territoryId", text: text("该角色须指定属地", "This role needs a territory") });
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
      throw forbidden(
        text("单位不存在或不在您的管辖范围内", "The organisation does not exist or is outside your scope"),
      );
  }
  const ownIndustries = principal.scope.kind === "territory" ? principal.scope.industries : [];
  if (
    ownIndustries.length > 0 &&
    !isEnterpriseScoped(role) &&
    (industries.length === 0 || industries.some((industry) => !ownIndustries.includes(industry)))
  ) {
    throw forbidden(
      text(
        `行业范围须在您自己的行业（${ownIndustries.join("、")}）之内`,
        `The industries must lie within your own (${ownIndustries.join(", ")})`,
      ),
    );
  }
  if (issues.length > 0) throw invalidFields(issues);
}
