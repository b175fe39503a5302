import { type App, principalOf } from "../../types";
import { findCockpit } from "./cockpit-figures";
import { buildCockpitPdf } from "./cockpit-pdf";
import { buildCockpitWorkbook } from "./cockpit-xlsx";
import { Cockpit, type CockpitFigures, CockpitPdf, CockpitQuery, CockpitWorkbook } from "./schema";

const fileName = (figures: CockpitFigures, zh: boolean, extension: string) =>
  `attachment; filename*=UTF-8''${encodeURIComponent(
    `${figures.territory.name}-${zh ? "监管驾驶舱" : "cockpit"}-${figures.period.label}`,
  )}.${extension}`;

/** The city / district cockpit: one node's figures as JSON, XLSX and PDF. */
export async function cockpitRoutes(app: App) {
  const db = app.database.read;

  app.get(
    "/cockpit",
    {
      config: { permission: "cockpit:read" },
      schema: {
        tags: ["cockpit"],
        summary:
          "A territory node's cockpit: enterprises by rating level and trend, child nodes' regional levels, hidden dangers, alarms, top scores",
        querystring: CockpitQuery,
        response: { 200: Cockpit },
      },
    },
    async (request) => findCockpit(db, principalOf(request), request.query, request.locale),
  );

  app.get(
    "/cockpit/export.xlsx",
    {
      config: { permission: "cockpit:read" },
      schema: {
        tags: ["cockpit"],
        summary: "The cockpit of a node as an XLSX workbook, one sheet per panel, in the caller's language",
        querystring: CockpitQuery,
        response: { 200: CockpitWorkbook },
      },
    },
    async (request, reply) => {
      const figures = await findCockpit(db, principalOf(request), request.query, request.locale);
      return reply
        .header("content-type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("content-disposition", fileName(figures, request.locale !== "en", "xlsx"))
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
        response: { 200: CockpitPdf },
      },
    },
    async (request, reply) => {
      const figures = await findCockpit(db, principalOf(request), request.query, request.locale);
      return reply
        .header("content-type", "application/pdf")
        .header("content-disposition", fileName(figures, request.locale !== "en", "pdf"))
        .send(await buildCockpitPdf(figures, request.locale));
    },
  );
}
