import type { App } from "../types";
import { auditRoutes } from "./audit/routes";
import { authRoutes } from "./auth/routes";
import { enterpriseRoutes } from "./enterprises/routes";
import { organisationRoutes } from "./organisations/routes";
import { overviewRoutes } from "./overview/routes";
import { referenceRoutes } from "./reference/routes";
import { territoryRoutes } from "./territories/routes";
import { tokenRoutes } from "./tokens/routes";
import { userRoutes } from "./users/routes";

/** Every capability's routes, mounted under /api/v1. */
export async function registerModules(app: App) {
  await app.register(authRoutes);
  await app.register(overviewRoutes);
  await app.register(territoryRoutes);
  await app.register(enterpriseRoutes);
  await app.register(organisationRoutes);
  await app.register(userRoutes);
  await app.register(auditRoutes);
  await app.register(referenceRoutes);
  await app.register(tokenRoutes);
}
