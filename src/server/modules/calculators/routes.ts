import type { App } from "../../types";
import { identifyMajorHazard } from "../major-hazards/identify-major-hazard";
import { gradeRisk } from "./grade-risk";
import { MajorHazardInput, MajorHazardResult, RiskCalculationBody, RiskGrade } from "./schema";

const TAGS = ["calculators"];

/** Calculators for integrations and the web's wizards: they grade and identify, and store nothing. */
export async function calculatorRoutes(app: App) {
  const { db } = app.database;

  app.post(
    "/calculators/risk",
    {
      config: { permission: "calculator:use" },
      schema: {
        tags: TAGS,
        summary: "Grade a hazard with LS (l, s), LEC (l, e, c) or MES (m, e, s) using the current bands",
        body: RiskCalculationBody,
        response: { 200: RiskGrade },
      },
    },
    async (request) => gradeRisk(db, request.body),
  );

  app.post(
    "/calculators/major-hazard",
    {
      config: { permission: "calculator:use" },
      schema: {
        tags: TAGS,
        summary: "GB 18218-2018: S = Σ q/Q, whether a unit is a major hazard source, R = α Σ β q/Q and its level",
        body: MajorHazardInput,
        response: { 200: MajorHazardResult },
      },
    },
    async (request) => {
      const { ok: _ok, ...result } = await identifyMajorHazard(db, request.body);
      return result;
    },
  );
}
