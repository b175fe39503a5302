import { sql } from "kysely";
import { Type } from "typebox";
import { enterpriseInScope } from "../../auth/scope";
import { notFound } from "../../errors";
import type { Job } from "../../jobs/job-runner";
import { type App, principalOf } from "../../types";
import { recomputeDirtyRatings, recomputeRatings } from "./compute-ratings";

/** Re-rates enterprises whose inputs changed (marked by database triggers), every few seconds. */
export function incrementalRatingJob(): Job {
  return {
    name: "ratings-incremental",
    everySeconds: 5,
    run: ({ db, clock, log }) => recomputeDirtyRatings(db, clock.now(), log),
  };
}

/** The full nightly recompute (time passing changes ratings too: deadlines run out, alarms age). */
export function nightlyRatingJob(): Job {
  return {
    name: "ratings-nightly",
    everySeconds: 86_400,
    run: ({ db, clock, log }) => recomputeRatings(db, null, clock.now(), log),
  };
}

export async function ratingRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/enterprises/:id/rating",
    {
      config: { permission: "enterprise:read" },
      schema: {
        tags: ["ratings"],
        summary: "An enterprise's overall risk rating with its explanation, and its history",
        params: Type.Object({ id: Type.String({ format: "uuid" }) }),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const enterprise = await db
        .selectFrom("enterprise")
        .select("id")
        .where("id", "=", request.params.id)
        .where((eb) => enterpriseInScope(eb, principal.scope))
        .executeTakeFirst();
      if (!enterprise) throw notFound({ "zh-CN": "该企业", en: "The enterprise" });
      const current = await db
        .selectFrom("enterprise_rating")
        .selectAll()
        .where("enterprise_id", "=", enterprise.id)
        .executeTakeFirst();
      const history = await db
        .selectFrom("enterprise_rating_history")
        .selectAll()
        .where("enterprise_id", "=", enterprise.id)
        .orderBy("computed_at", "desc")
        .limit(100)
        .execute();
      const en = request.locale === "en";
      return {
        rating: current
          ? {
              score: current.score,
              level: current.level,
              explanation: en ? current.explanation_en : current.explanation_zh,
              contributions: current.contributions,
              inputs: current.inputs,
              weightsVersion: current.weights_version,
              computedAt: current.computed_at.toISOString(),
            }
          : null,
        history: history.map((h) => ({
          computedAt: h.computed_at.toISOString(),
          score: h.score,
          level: h.level,
          explanation: en ? h.explanation_en : h.explanation_zh,
        })),
      };
    },
  );

  app.get(
    "/ratings",
    {
      config: { permission: "enterprise:read" },
      schema: {
        tags: ["ratings"],
        summary: "Enterprises in the caller's scope by rating, highest score first",
        querystring: Type.Object(
          {
            level: Type.Optional(Type.Integer({ minimum: 1, maximum: 4 })),
            territoryId: Type.Optional(Type.String({ format: "uuid" })),
            page: Type.Integer({ minimum: 1, default: 1 }),
            pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      let query = db
        .selectFrom("enterprise_rating")
        .innerJoin("enterprise", "enterprise.id", "enterprise_rating.enterprise_id")
        .where((eb) => enterpriseInScope(eb as never, principal.scope));
      if (q.level) query = query.where("enterprise_rating.level", "=", q.level);
      if (q.territoryId) {
        const territory = await db
          .selectFrom("territory")
          .select("path")
          .where("id", "=", q.territoryId)
          .executeTakeFirst();
        query = query.where("enterprise.territory_path", "like", `${territory?.path ?? "/-/"}%`);
      }
      const [rows, count] = await Promise.all([
        query
          .select([
            "enterprise.id",
            "enterprise.name",
            "enterprise_rating.score",
            "enterprise_rating.level",
            request.locale === "en"
              ? "enterprise_rating.explanation_en as explanation"
              : "enterprise_rating.explanation_zh as explanation",
          ])
          .orderBy("enterprise_rating.score", "desc")
          .orderBy("enterprise.id")
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize)
          .execute(),
        query.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return { items: rows, total: Number(count.n) };
    },
  );
}
