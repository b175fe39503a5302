import type { Kysely } from "kysely";
import type { Static } from "typebox";
import { text } from "../../../domain/text";
import { type Actor, recordAudit } from "../../audit/record-audit";
import type { Principal } from "../../auth/principal";
import { territoryInScope } from "../../auth/scope";
import type { DB } from "../../db/schema";
import { forbidden } from "../../errors";
import type { OrganisationBody } from "./schema";

/** Registers an organisation in a territory of the caller's own subtree; returns its id. */
export async function createOrganisation(
  db: Kysely<DB>,
  principal: Principal,
  actor: Actor,
  input: Static<typeof OrganisationBody>,
): Promise<string> {
  return db.transaction().execute(async (trx) => {
    const territory = await trx
      .selectFrom("territory")
      .select(["id", "path"])
      .where("id", "=", input.territoryId)
      .where((eb) => territoryInScope(eb, principal.scope))
      .executeTakeFirst();
    if (!territory) {
      throw forbidden(text("属地不存在或不在您的管辖范围内", "The territory does not exist or is outside your scope"));
    }
    const created = await trx
      .insertInto("organisation")
      .values({
        kind: input.kind,
        name: input.name,
        territory_id: territory.id,
        industries: input.industries ?? [],
        phone: input.phone ?? "",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, actor, {
      action: "create",
      entityType: "organisation",
      entityId: created.id,
      territoryPath: territory.path,
      after: input,
    });
    return created.id;
  });
}
