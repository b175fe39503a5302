import type { App } from "../types";
import { attachmentRoutes } from "./attachments/routes";
import { auditRoutes } from "./audit/routes";
import { authRoutes } from "./auth/routes";
import { calculatorRoutes } from "./calculators/routes";
import { enterpriseRoutes } from "./enterprises/routes";
import { hiddenDangerRoutes } from "./hidden-dangers/routes";
import { hiddenDangerStatsRoutes } from "./hidden-dangers/stats-routes";
import { inspectionRoutes } from "./inspections/routes";
import { majorHazardRoutes } from "./major-hazards/routes";
import { alarmRoutes } from "./monitoring/alarm-routes";
import { monitoringRoutes } from "./monitoring/routes";
import { notificationRoutes } from "./notifications/routes";
import { organisationRoutes } from "./organisations/routes";
import { overviewRoutes } from "./overview/routes";
import { referenceRoutes } from "./reference/routes";
import { riskPrintRoutes } from "./risk-register/print-routes";
import { riskRegisterRoutes } from "./risk-register/routes";
import { riskSettingsRoutes } from "./risk-register/settings-routes";
import { riskStatsRoutes } from "./risk-register/stats-routes";
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
  await app.register(riskRegisterRoutes);
  await app.register(riskSettingsRoutes);
  await app.register(riskPrintRoutes);
  await app.register(riskStatsRoutes);
  await app.register(attachmentRoutes);
  await app.register(notificationRoutes);
  await app.register(hiddenDangerRoutes);
  await app.register(hiddenDangerStatsRoutes);
  await app.register(inspectionRoutes);
  await app.register(monitoringRoutes);
  await app.register(alarmRoutes);
  await app.register(calculatorRoutes);
  await app.register(majorHazardRoutes);
}
