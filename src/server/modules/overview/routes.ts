import { type App, principalOf } from "../../types";
import { countOverview } from "./count-overview";
import { Overview } from "./schema";

export async function overviewRoutes(app: App) {
  const { db } = app.database;

  app.get(
    "/overview",
    {
      config: { permission: "enterprise:read" },
      schema: {
        tags: ["overview"],
        summary: "Counts for the home page, within the caller's scope",
        response: { 200: Overview },
      },
    },
    async (request) => countOverview(db, principalOf(request).scope, request.locale),
  );
}
