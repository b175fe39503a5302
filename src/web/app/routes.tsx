import { type ComponentType, lazy, type ReactNode } from "react";
import { Navigate } from "react-router-dom";
import type { Permission } from "../../domain/access/roles";

/** A page that loads on first visit, so the login form does not wait for charts and tables. */
function lazyPage<M, K extends keyof M>(load: () => Promise<M>, name: K): M[K] {
  const page = lazy(() => load().then((module) => ({ default: module[name] as ComponentType<object> })));
  return page as M[K];
}

/** One page behind the login: its address, the permission it needs (the server checks again) and what it shows. */
export type PageRoute = { path: string; permission?: Permission; element: ReactNode };

const page = (path: string, permission: Permission, Page: ComponentType): PageRoute => ({
  path,
  permission,
  element: <Page />,
});

const Overview = lazyPage(() => import("../pages/overview/OverviewPage"), "OverviewPage");
const Cockpit = lazyPage(() => import("../pages/cockpit/CockpitPage"), "CockpitPage");
const OneMap = lazyPage(() => import("../pages/map/MapPage"), "MapPage");
const Territories = lazyPage(() => import("../pages/territories/TerritoriesPage"), "TerritoriesPage");
const EnterpriseList = lazyPage(() => import("../pages/enterprises/EnterpriseListPage"), "EnterpriseListPage");
const EnterpriseDetail = lazyPage(() => import("../pages/enterprises/EnterpriseDetailPage"), "EnterpriseDetailPage");
const RiskOverview = lazyPage(() => import("../pages/risk/RiskOverviewPage"), "RiskOverviewPage");
const RiskRegister = lazyPage(() => import("../pages/risk/RiskRegisterPage"), "RiskRegisterPage");
const RiskPoint = lazyPage(() => import("../pages/risk/RiskPointPage"), "RiskPointPage");
const MajorHazards = lazyPage(() => import("../pages/major-hazards/MajorHazardsPage"), "MajorHazardsPage");
const AlarmConsole = lazyPage(() => import("../pages/monitoring/AlarmConsolePage"), "AlarmConsolePage");
const Devices = lazyPage(() => import("../pages/monitoring/DevicesPage"), "DevicesPage");
const Device = lazyPage(() => import("../pages/monitoring/DevicePage"), "DevicePage");
const HiddenDangerList = lazyPage(() => import("../pages/hidden-dangers/HiddenDangerListPage"), "HiddenDangerListPage");
const HiddenDangerDetail = lazyPage(
  () => import("../pages/hidden-dangers/HiddenDangerDetailPage"),
  "HiddenDangerDetailPage",
);
const ReportHiddenDanger = lazyPage(
  () => import("../pages/hidden-dangers/ReportHiddenDangerPage"),
  "ReportHiddenDangerPage",
);
const HiddenDangerStats = lazyPage(
  () => import("../pages/hidden-dangers/HiddenDangerStatsPage"),
  "HiddenDangerStatsPage",
);
const Inspections = lazyPage(() => import("../pages/inspections/InspectionsPage"), "InspectionsPage");
const InspectionTask = lazyPage(() => import("../pages/inspections/InspectionTaskPage"), "InspectionTaskPage");
const Checklist = lazyPage(() => import("../pages/inspections/ChecklistPage"), "ChecklistPage");
const Plans = lazyPage(() => import("../pages/supervision/PlansPage"), "PlansPage");
const PlanDetail = lazyPage(() => import("../pages/supervision/PlanDetailPage"), "PlanDetailPage");
const InspectionForm = lazyPage(() => import("../pages/supervision/InspectionFormPage"), "InspectionFormPage");
const EnforcementInspections = lazyPage(() => import("../pages/supervision/InspectionsPage"), "InspectionsPage");
const Frequency = lazyPage(() => import("../pages/supervision/FrequencyPage"), "FrequencyPage");
const CampaignList = lazyPage(() => import("../pages/campaigns/CampaignListPage"), "CampaignListPage");
const CampaignCreate = lazyPage(() => import("../pages/campaigns/CampaignCreatePage"), "CampaignCreatePage");
const CampaignDetail = lazyPage(() => import("../pages/campaigns/CampaignDetailPage"), "CampaignDetailPage");
const Organisations = lazyPage(() => import("../pages/organisations/OrganisationsPage"), "OrganisationsPage");
const Users = lazyPage(() => import("../pages/users/UsersPage"), "UsersPage");
const Audit = lazyPage(() => import("../pages/audit/AuditPage"), "AuditPage");
const Reference = lazyPage(() => import("../pages/reference/ReferencePage"), "ReferencePage");
const Tokens = lazyPage(() => import("../pages/tokens/TokensPage"), "TokensPage");

/** The public notice card a posted card's QR code opens: no sign-in. */
export const PublicCardPage = lazyPage(() => import("../pages/card/PublicCardPage"), "PublicCardPage");

/** Every page of the signed-in app, in menu order. */
export const PAGE_ROUTES: readonly PageRoute[] = [
  { path: "", element: <Overview /> },
  page("territories", "territory:read", Territories),
  page("enterprises", "enterprise:read", EnterpriseList),
  page("enterprises/:id", "enterprise:read", EnterpriseDetail),
  page("risk", "risk:read", RiskOverview),
  { path: "risk/enterprises/:id", permission: "risk:read", element: <RiskRegister ownerKind="enterprise" /> },
  { path: "risk/territories/:id", permission: "risk:read", element: <RiskRegister ownerKind="territory" /> },
  page("map", "enterprise:read", OneMap),
  page("risk/points/:id", "risk:read", RiskPoint),
  page("major-hazards", "major-hazard:read", MajorHazards),
  { path: "monitoring", element: <Navigate to="/monitoring/alarms" replace /> },
  page("monitoring/alarms", "monitoring:read", AlarmConsole),
  page("monitoring/devices", "monitoring:read", Devices),
  page("monitoring/devices/:id", "monitoring:read", Device),
  page("hidden-dangers", "hidden-danger:read", HiddenDangerList),
  page("hidden-dangers/report", "hidden-danger:report", ReportHiddenDanger),
  page("hidden-dangers/:id", "hidden-danger:read", HiddenDangerDetail),
  page("inspections", "hidden-danger:read", Inspections),
  page("inspections/checklist", "hidden-danger:manage", Checklist),
  page("inspections/:id", "hidden-danger:read", InspectionTask),
  page("cockpit", "cockpit:read", Cockpit),
  page("supervision", "supervision:read", Plans),
  page("supervision/plans/:id", "supervision:read", PlanDetail),
  page("supervision/inspections", "supervision:read", EnforcementInspections),
  page("supervision/inspections/new", "supervision:manage", InspectionForm),
  page("supervision/frequency", "supervision:read", Frequency),
  page("hidden-danger-stats", "hidden-danger:read", HiddenDangerStats),
  page("campaigns", "campaign:report", CampaignList),
  page("campaigns/new", "campaign:manage", CampaignCreate),
  page("campaigns/:id", "campaign:report", CampaignDetail),
  page("organisations", "organisation:read", Organisations),
  page("users", "user:admin", Users),
  page("audit", "audit:read", Audit),
  page("reference", "reference:read", Reference),
  page("tokens", "token:own", Tokens),
];
