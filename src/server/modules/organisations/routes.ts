import { Type } from "typebox";
import { recordAudit } from "../../audit/record-audit";
import { territoryInScope } from "../../auth/scope";
import { forbidden } from "../../errors";
import { type App, actorOf, principalOf } from "../../types";

const KINDS = ["emergency_management", "industry_department", "insurer", "third_party"] as const;

const Organisation = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  territory: Type.Union([Type.Object({ id: Type.String(), name: Type.String() }), Type.Null()]),
  industries: Type.Array(Type.String()),
  phone: Type.String(),
});

const OrganisationBody = Type.Object(
  {
    kind: Type.Union(KINDS.map((k) => Type.Literal(k))),
    name: Type.String({ minLength: 2, maxLength: 100 }),
    territoryId: Type.String({ format: "uuid" }),
    industries: Type.Optional(Type.Array(Type.String({ maxLength: 4 }), { maxItems: 100 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
  },
  { additionalProperties: false },
);

export async function organisationRoutes(app: App) {
  const { db } = app.database;

  const listQuery = () =>
    db
      .selectFrom("organisation")
      .innerJoin("territory", "territory.id", "organisation.territory_id")
      .select([
        "organisation.id",
        "organisation.kind",
        "organisation.name",
        "organisation.industries",
        "organisation.phone",
        "territory.id as territory_id",
        "territory.name as territory_name",
      ]);
  type Row = Awaited<ReturnType<ReturnType<typeof listQuery>["execute"]>>[number];
  const present = (row: Row) => ({
    id: row.id,
    kind: row.kind,
    name: row.name,
    territory: { id: row.territory_id, name: row.territory_name },
    industries: row.industries,
    phone: row.phone,
  });

  app.get(
    "/organisations",
    {
      config: { permission: "organisation:read" },
      schema: {
        tags: ["organisations"],
        summary: "Government departments, insurers and third-party organisations in the caller's territory",
        response: { 200: Type.Object({ items: Type.Array(Organisation) }) },
      },
    },
    async (request) => {
      const scope = principalOf(request).scope;
      const rows = await listQuery()
        .where((eb) => territoryInScope(eb, scope))
        .orderBy("organisation.kind")
        .orderBy("organisation.name")
        .execute();
      return { items: rows.map(present) };
    },
  );

  app.post(
    "/organisations",
    {
      config: { permission: "organisation:write" },
      schema: {
        tags: ["organisations"],
        summary: "Register an organisation",
        body: OrganisationBody,
        response: { 201: Organisation },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const body = request.body;
      const territory = await db
        .selectFrom("territory")
        .select(["id", "path"])
        .where("id", "=", body.territoryId)
        .where((eb) => territoryInScope(eb, principal.scope))
        .executeTakeFirst();
      if (!territory) {
        throw forbidden({
          "zh-CN": "属地不存在或不在您的管辖范围内",
          en: "The territory does not exist or is outside your scope",
        });
      }
      const id = await db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("organisation")
          .values({
            kind: body.kind,
            name: body.name,
            territory_id: territory.id,
            industries: body.industries ?? [],
            phone: body.phone ?? "",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, actorOf(request), {
          action: "create",
          entityType: "organisation",
          entityId: created.id,
          territoryPath: territory.path,
          after: body,
        });
        return created.id;
      });
      const row = await listQuery().where("organisation.id", "=", id).executeTakeFirstOrThrow();
      return reply.status(201).send(present(row));
    },
  );
}
