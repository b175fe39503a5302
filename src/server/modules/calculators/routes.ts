import { Type } from "typebox";
import { assessMajorHazard } from "../../../domain/major-hazard/assess-major-hazard";
import { assessRisk } from "../../../domain/risk/assess-risk";
import type { AssessmentMethod } from "../../../domain/risk/scales";
import type { App } from "../../types";
import { loadThresholdTable } from "../major-hazards/gb18218-table";
import { majorHazardRejected } from "../major-hazards/major-hazard-errors";
import { currentBands } from "../risk-register/risk-bands";
import { assessmentRejected } from "../risk-register/routes";

const Colour = Type.Union([Type.Literal("red"), Type.Literal("orange"), Type.Literal("yellow"), Type.Literal("blue")]);

export const MajorHazardInput = Type.Object(
  {
    substances: Type.Array(
      Type.Object(
        {
          cas: Type.Optional(Type.String({ maxLength: 20 })),
          name: Type.Optional(Type.String({ maxLength: 100 })),
          hazardClass: Type.Optional(Type.String({ maxLength: 10 })),
          quantityTonnes: Type.Number(),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
    exposedPopulation: Type.Integer(),
  },
  { additionalProperties: false },
);

export const MajorHazardResult = Type.Object({
  tableVersion: Type.String(),
  s: Type.Number(),
  isMajorHazard: Type.Boolean(),
  alpha: Type.Number(),
  r: Type.Number(),
  level: Type.Union([Type.Integer({ minimum: 1, maximum: 4 }), Type.Null()]),
  terms: Type.Array(
    Type.Object({
      substance: Type.String(),
      cas: Type.Union([Type.String(), Type.Null()]),
      q: Type.Number(),
      Q: Type.Number(),
      beta: Type.Number(),
      ratio: Type.Number(),
      thresholdFrom: Type.Optional(Type.String()),
      betaFrom: Type.Optional(Type.String()),
      hazardClass: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    }),
  ),
});

export async function calculatorRoutes(app: App) {
  const { db } = app.database;

  app.post(
    "/calculators/risk",
    {
      config: { permission: "calculator:use" },
      schema: {
        tags: ["calculators"],
        summary: "Grade a hazard with LS (l, s), LEC (l, e, c) or MES (m, e, s) using the current bands",
        body: Type.Object(
          {
            method: Type.Union([Type.Literal("LS"), Type.Literal("LEC"), Type.Literal("MES")]),
            factors: Type.Record(Type.String(), Type.Unknown()),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            score: Type.Number(),
            level: Type.Integer(),
            colour: Colour,
            bandsVersion: Type.String(),
          }),
        },
      },
    },
    async (request) => {
      const method = request.body.method as AssessmentMethod;
      const result = assessRisk(method, request.body.factors, await currentBands(db, method));
      if (!result.ok)
        throw assessmentRejected(
          result.problems.map((p) => ({ ...p, field: `factors.${p.field.replace(/^factors\./, "")}` })),
        );
      return { score: result.score, level: result.level, colour: result.colour, bandsVersion: result.bandsVersion };
    },
  );

  app.post(
    "/calculators/major-hazard",
    {
      config: { permission: "calculator:use" },
      schema: {
        tags: ["calculators"],
        summary: "GB 18218-2018: S = Σ q/Q, whether a unit is a major hazard source, R = α Σ β q/Q and its level",
        body: MajorHazardInput,
        response: { 200: MajorHazardResult },
      },
    },
    async (request) => {
      const table = await loadThresholdTable(db);
      const result = assessMajorHazard(request.body, table);
      if (!result.ok) throw majorHazardRejected(result.problems);
      const { ok: _ok, ...rest } = result;
      return { ...rest, isMajorHazard: result.isMajorHazard };
    },
  );
}
