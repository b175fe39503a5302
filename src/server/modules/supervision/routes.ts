import type { App } from "../../types";
import { frequencyRoutes } from "./frequency-routes";
import { inspectionRoutes } from "./inspection-routes";
import { planRoutes } from "./plan-routes";

/** Classified supervision: inspection frequencies, enforcement plans and enforcement inspection records. */
export async function supervisionRoutes(app: App) {
  await app.register(frequencyRoutes);
  await app.register(planRoutes);
  await app.register(inspectionRoutes);
}
