import { IdParams } from "../../http/schemas";
import { type App, principalOf } from "../../types";
import { findEnterpriseRating, findRatings } from "./find-ratings";
import { presentEnterpriseRating, presentRatedEnterprise } from "./present-rating";
import { EnterpriseRating, RatingList, RatingListQuery } from "./schema";

export async function ratingRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/enterprises/:id/rating",
    {
      config: { permission: "enterprise:read" },
      schema: {
        tags: ["ratings"],
        summary: "An enterprise's overall risk rating with its explanation, and its history",
        params: IdParams,
        response: { 200: EnterpriseRating },
      },
    },
    async (request) => {
      const { current, history } = await findEnterpriseRating(db, principalOf(request).scope, request.params.id);
      return presentEnterpriseRating(current, history, request.locale);
    },
  );

  app.get(
    "/ratings",
    {
      config: { permission: "enterprise:read" },
      schema: {
        tags: ["ratings"],
        summary: "Enterprises in the caller's scope by rating, highest score first",
        querystring: RatingListQuery,
        response: { 200: RatingList },
      },
    },
    async (request) => {
      const { rows, total } = await findRatings(db, principalOf(request).scope, request.query, request.locale);
      return { items: rows.map(presentRatedEnterprise), total };
    },
  );
}
