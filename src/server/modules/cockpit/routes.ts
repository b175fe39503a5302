import type { FastifyRequest } from "fastify";
import { Type } from "typebox";
import { periodBounds } from "../../../domain/hidden-danger/statistics";
import { requireTerritoryScope } from "../../auth/scope";
import { notFound } from "../../errors";
import { type App, principalOf } from "../../types";
import {
  type CockpitFigures,
  cockpitFigures,
  currentYear,
  type Granularity,
  topNodeOf,
  visibleNode,
} from "./cockpit-figures";
import { buildCockpitPdf } from "./cockpit-pdf";
import { buildCockpitWorkbook } from "./cockpit-xlsx";

const CockpitQuery = Type.Object(
  {
    territoryId: Type.Optional(
      Type.String({ format: "uuid", description: "The node to show; the caller's top territory when left out" }),
    ),
    period: Type.Optional(
      Type.String({
        pattern: "^\\d{4}(-Q[1-4])?$",
        description: "Hidden-danger period: a year (2026) or a quarter (2026-Q1); the current year by default",
      }),
    ),
    granularity: Type.Optional(Type.Union([Type.Literal("month"), Type.Literal("week")], { default: "month" })),
  },
  { additionalProperties: false },
);
type CockpitQueryType = { territoryId?: string; period?: string; granularity?: Granularity };

/** The city / district cockpit: one node's figures as JSON, XLSX and PDF. */
export async function cockpitRoutes(app: App) {
  const db = app.database.read;

  async function figuresFor(request: FastifyRequest) {
    const principal = principalOf(request);
    // Enterprise-scoped callers have no territory to look at (their roles also lack cockpit:read).
    const scope = requireTerritoryScope(principal);
    const q = request.query as CockpitQueryType;
    const territoryId = q.territoryId ?? (await topNodeOf(db, scope))?.id;
    const node = territoryId ? await visibleNode(db, scope, territoryId) : undefined;
    if (!node) throw notFound({ "zh-CN": "该属地", en: "The territory" });
    const now = new Date();
    const label = q.period ?? currentYear(now);
    const bounds = periodBounds(label)!;
    return cockpitFigures(db, principal, node, request.locale, {
      period: { label, ...bounds },
      granularity: q.granularity ?? "month",
      now,
    });
  }

  const fileName = (figures: CockpitFigures, zh: boolean, extension: string) =>
    `attachment; filename*=UTF-8''${encodeURIComponent(
      `${figures.territory.name}-${zh ? "监管驾驶舱" : "cockpit"}-${figures.period.label}`,
    )}.${extension}`;

  app.get(
    "/cockpit",
    {
      config: { permission: "cockpit:read" },
      schema: {
        tags: ["cockpit"],
        summary:
          "A territory node's cockpit: enterprises by rating level and trend, child nodes' regional levels, hidden dangers, alarms, top scores",
        querystring: CockpitQuery,
      },
    },
    async (request) => figuresFor(request),
  );

  app.get(
    "/cockpit/export.xlsx",
    {
      config: { permission: "cockpit:read" },
      schema: {
        tags: ["cockpit"],
        summary: "The cockpit of a node as an XLSX workbook, one sheet per panel, in the caller's language",
        querystring: CockpitQuery,
      },
    },
    async (request, reply) => {
      const figures = await figuresFor(request);
      const zh = request.locale !== "en";
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", fileName(figures, zh, "xlsx"))
        .send(await buildCockpitWorkbook(figures, request.locale));
    },
  );

  app.get(
    "/cockpit/export.pdf",
    {
      config: { permission: "cockpit:read" },
      schema: {
        tags: ["cockpit"],
        summary: "The cockpit of a node as a printable A4 PDF report, in the caller's language",
        querystring: CockpitQuery,
      },
    },
    async (request, reply) => {
      const figures = await figuresFor(request);
      const zh = request.locale !== "en";
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", fileName(figures, zh, "pdf"))
        .send(await buildCockpitPdf(figures, request.locale));
    },
  );
}
