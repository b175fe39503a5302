import { type Expression, type ExpressionBuilder, type Kysely, type SqlBool, sql, type Transaction } from "kysely";
import type { Principal } from "../../auth/principal";
import type { DB } from "../../db/schema";

type Db = Kysely<DB> | Transaction<DB>;

/**
 * Who may see a campaign: the territory that runs it and every level above
 * (by the owner's path), and, once it is running, the participants it asked
 * for reports. Who may report: a supervisor of a participating territory node,
 * or anyone of a participating department.
 */
export function participantMatches(
  eb: ExpressionBuilder<DB, "campaign_participant">,
  principal: Pick<Principal, "role" | "territoryId" | "organisationId">,
): Expression<SqlBool> {
  const ways: Expression<SqlBool>[] = [];
  if (principal.role === "supervisor" && principal.territoryId)
    ways.push(
      eb.and([
        eb("campaign_participant.kind", "=", "territory"),
        eb("campaign_participant.territory_id", "=", principal.territoryId),
      ]),
    );
  if (principal.organisationId)
    ways.push(
      eb.and([
        eb("campaign_participant.kind", "=", "organisation"),
        eb("campaign_participant.organisation_id", "=", principal.organisationId),
      ]),
    );
  return ways.length > 0 ? eb.or(ways) : sql<SqlBool>`false`;
}

/** True when the caller's territory runs the campaign or lies above the one that does. */
export function runsCampaign(principal: Principal, ownerPath: string): boolean {
  return principal.scope.kind === "territory" && ownerPath.startsWith(principal.scope.path);
}

export function campaignVisible(eb: ExpressionBuilder<DB, "campaign">, principal: Principal): Expression<SqlBool> {
  const owned =
    principal.scope.kind === "territory"
      ? eb("campaign.owner_path", "like", `${principal.scope.path}%`)
      : sql<SqlBool>`false`;
  const participating = eb.and([
    eb("campaign.status", "<>", "draft"),
    eb.exists(
      eb
        .selectFrom("campaign_participant")
        .select(sql`1`.as("one"))
        .whereRef("campaign_participant.campaign_id", "=", "campaign.id")
        .where((p) => participantMatches(p, principal)),
    ),
  ]);
  return eb.or([owned, participating]);
}

/** The caller's own participant rows in a campaign: what it may report for. */
export async function ownParticipants(db: Db, principal: Principal, campaignId: string) {
  return db
    .selectFrom("campaign_participant")
    .select(["id", "name"])
    .where("campaign_id", "=", campaignId)
    .where((eb) => participantMatches(eb, principal))
    .execute();
}

/** Users who report for a participant: the supervisors of its node, or the people of its department. */
export async function reportersOf(
  db: Db,
  participant: { kind: "territory" | "organisation"; territory_id: string | null; organisation_id: string | null },
): Promise<string[]> {
  let query = db.selectFrom("app_user").select("id").where("disabled", "=", false);
  query =
    participant.kind === "territory"
      ? query.where("role", "=", "supervisor").where("territory_id", "=", participant.territory_id)
      : query.where("organisation_id", "=", participant.organisation_id);
  return (await query.execute()).map((u) => u.id);
}
