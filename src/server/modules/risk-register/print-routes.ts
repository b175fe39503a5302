import { type Static, Type } from "typebox";
import { type LocalisedText, notFound } from "../../errors";
import { type App, principalOf } from "../../types";
import { buildControlListPdf } from "./pdf/control-list-pdf";
import { buildNoticeCardPdf } from "./pdf/notice-card-pdf";
import { accidentTypeName, levelLabel } from "./pdf/print-labels";
import { resolveOwner } from "./register-owner";
import { loadRiskPoint } from "./risk-point-queries";
import { IdParams } from "./schema";

const THE_RISK_POINT: LocalisedText = { "zh-CN": "该风险点", en: "The risk point" };
const THE_CARD: LocalisedText = { "zh-CN": "该风险告知卡", en: "The risk notice card" };

const BilingualName = Type.Object({ zh: Type.String(), en: Type.String() });

/** What anyone who scans a posted notice card may see: no ids, coordinates or people's phone numbers. */
export const PublicRiskCard = Type.Object({
  ownerName: Type.String(),
  pointName: Type.String(),
  unit: Type.String(),
  level: Type.Union([Type.Integer({ minimum: 1, maximum: 4 }), Type.Null()]),
  colour: Type.Union([Type.String(), Type.Null()]),
  levelName: BilingualName,
  hazards: Type.Array(Type.Object({ description: Type.String(), accidentTypes: Type.Array(BilingualName) })),
  /** Control measures' contents by kind. */
  measures: Type.Object({
    engineering: Type.Array(Type.String()),
    management: Type.Array(Type.String()),
    training: Type.Array(Type.String()),
    protection: Type.Array(Type.String()),
    emergency: Type.Array(Type.String()),
  }),
  emergencyPhone: Type.String(),
  controllingUnit: Type.String(),
  responsiblePerson: Type.String(),
  updatedAt: Type.String({ format: "date-time" }),
});

/** Printable PDFs of the register (control list, notice cards) and the public card a notice card's QR code opens. */
export async function riskPrintRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/risk-control-list.pdf",
    {
      config: { permission: "risk:read" },
      schema: {
        tags: ["risk register"],
        summary: "An enterprise's risk classification control list as a printable landscape A4 PDF",
        querystring: Type.Object(
          {
            ownerId: Type.String({ format: "uuid" }),
            level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
            unit: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const owner = await resolveOwner(db, principalOf(request), request.query.ownerId, "read");
      const file = await buildControlListPdf(app.database.read, owner, request.query, { locale: request.locale });
      const name = request.locale === "en" ? "risk-control-list" : "风险分级管控清单";
      return reply
        .header("content-type", "application/pdf")
        .header(
          "content-disposition",
          `attachment; filename*=UTF-8''${encodeURIComponent(`${owner.name}-${name}`)}.pdf`,
        )
        .send(file);
    },
  );

  app.get(
    "/risk-points/:id/card.pdf",
    {
      config: { permission: "risk:read" },
      schema: {
        tags: ["risk register"],
        summary: "A risk point's notice card (岗位/场所安全风险告知卡) as a printable A4 or A5 PDF with a QR code",
        params: IdParams,
        querystring: Type.Object(
          { size: Type.Union([Type.Literal("A4"), Type.Literal("A5")], { default: "A4" }) },
          { additionalProperties: false },
        ),
      },
    },
    async (request, reply) => {
      const point = await db
        .selectFrom("risk_point")
        .select(["owner_id", "id", "name", "public_token"])
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!point) throw notFound(THE_RISK_POINT);
      // Another owner's point is not found, whatever the reason.
      await resolveOwner(db, principalOf(request), point.owner_id, "read").catch(() => {
        throw notFound(THE_RISK_POINT);
      });
      const origin = `${request.protocol}://${request.host}`;
      const file = await buildNoticeCardPdf(
        app.database.read,
        { ownerId: point.owner_id, id: point.id },
        { size: request.query.size, cardUrl: `${origin}/card/${point.public_token}` },
      );
      const name = `${point.name}-${request.locale === "en" ? "risk-notice-card" : "风险告知卡"}-${request.query.size}`;
      // Inline, so that the browser opens it ready to print.
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", `inline; filename*=UTF-8''${encodeURIComponent(name)}.pdf`)
        .send(file);
    },
  );

  app.get(
    "/public/risk-cards/:token",
    {
      config: { public: true },
      schema: {
        tags: ["risk register"],
        summary: "The public, read-only risk notice card that a posted card's QR code opens (no sign-in)",
        params: Type.Object({ token: Type.String({ maxLength: 100 }) }),
        response: { 200: PublicRiskCard },
      },
    },
    async (request) => {
      const row = await db
        .selectFrom("risk_point")
        .select(["owner_id", "id"])
        .where("public_token", "=", request.params.token)
        .executeTakeFirst();
      const point = row && (await loadRiskPoint(db, row.owner_id, row.id));
      if (!point) throw notFound(THE_CARD);
      return presentPublicCard(point);
    },
  );
}

function presentPublicCard(
  point: NonNullable<Awaited<ReturnType<typeof loadRiskPoint>>>,
): Static<typeof PublicRiskCard> {
  const level = levelLabel(point.level);
  const contentsOf = (kind: string) =>
    point.measures.filter((measure) => measure.kind === kind).map((measure) => measure.content);
  return {
    ownerName: point.ownerName,
    pointName: point.name,
    unit: point.unit,
    level: level.level,
    colour: level.colour,
    levelName: level.name,
    hazards: point.hazards.map((hazard) => ({
      description: hazard.description,
      accidentTypes: hazard.accidentTypes.map(accidentTypeName),
    })),
    measures: {
      engineering: contentsOf("engineering"),
      management: contentsOf("management"),
      training: contentsOf("training"),
      protection: contentsOf("protection"),
      emergency: contentsOf("emergency"),
    },
    emergencyPhone: point.emergencyPhone,
    controllingUnit: point.controllingUnit,
    responsiblePerson: point.responsiblePerson,
    updatedAt: point.updatedAt,
  };
}
