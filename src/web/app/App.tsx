import { App as AntApp, ConfigProvider, Result, Spin } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { lazy, type ReactNode, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { Guard } from "../components/Guard";
import { I18nProvider, useLocale, useT } from "../i18n";
import { LoginPage } from "../pages/login/LoginPage";
import { AppLayout } from "./AppLayout";
import { SessionProvider, useSession } from "./session";

// Pages load on first visit, so the login form does not wait for charts and tables.
const AuditPage = lazy(() => import("../pages/audit/AuditPage").then((m) => ({ default: m.AuditPage })));
const CockpitPage = lazy(() => import("../pages/cockpit/CockpitPage").then((m) => ({ default: m.CockpitPage })));
const EnterpriseDetailPage = lazy(() =>
  import("../pages/enterprises/EnterpriseDetailPage").then((m) => ({ default: m.EnterpriseDetailPage })),
);
const EnterpriseListPage = lazy(() =>
  import("../pages/enterprises/EnterpriseListPage").then((m) => ({ default: m.EnterpriseListPage })),
);
const MapPage = lazy(() => import("../pages/map/MapPage").then((m) => ({ default: m.MapPage })));
const MajorHazardsPage = lazy(() =>
  import("../pages/major-hazards/MajorHazardsPage").then((m) => ({ default: m.MajorHazardsPage })),
);
const PublicCardPage = lazy(() => import("../pages/card/PublicCardPage").then((m) => ({ default: m.PublicCardPage })));
const RiskOverviewPage = lazy(() =>
  import("../pages/risk/RiskOverviewPage").then((m) => ({ default: m.RiskOverviewPage })),
);
const RiskPointPage = lazy(() => import("../pages/risk/RiskPointPage").then((m) => ({ default: m.RiskPointPage })));
const RiskRegisterPage = lazy(() =>
  import("../pages/risk/RiskRegisterPage").then((m) => ({ default: m.RiskRegisterPage })),
);
const AlarmConsolePage = lazy(() =>
  import("../pages/monitoring/AlarmConsolePage").then((m) => ({ default: m.AlarmConsolePage })),
);
const DevicePage = lazy(() => import("../pages/monitoring/DevicePage").then((m) => ({ default: m.DevicePage })));
const DevicesPage = lazy(() => import("../pages/monitoring/DevicesPage").then((m) => ({ default: m.DevicesPage })));
const HiddenDangerListPage = lazy(() =>
  import("../pages/hidden-dangers/HiddenDangerListPage").then((m) => ({ default: m.HiddenDangerListPage })),
);
const HiddenDangerDetailPage = lazy(() =>
  import("../pages/hidden-dangers/HiddenDangerDetailPage").then((m) => ({ default: m.HiddenDangerDetailPage })),
);
const ReportHiddenDangerPage = lazy(() =>
  import("../pages/hidden-dangers/ReportHiddenDangerPage").then((m) => ({ default: m.ReportHiddenDangerPage })),
);
const HiddenDangerStatsPage = lazy(() =>
  import("../pages/hidden-dangers/HiddenDangerStatsPage").then((m) => ({ default: m.HiddenDangerStatsPage })),
);
const InspectionsPage = lazy(() =>
  import("../pages/inspections/InspectionsPage").then((m) => ({ default: m.InspectionsPage })),
);
const InspectionTaskPage = lazy(() =>
  import("../pages/inspections/InspectionTaskPage").then((m) => ({ default: m.InspectionTaskPage })),
);
const ChecklistPage = lazy(() =>
  import("../pages/inspections/ChecklistPage").then((m) => ({ default: m.ChecklistPage })),
);
const PlansPage = lazy(() => import("../pages/supervision/PlansPage").then((m) => ({ default: m.PlansPage })));
const PlanDetailPage = lazy(() =>
  import("../pages/supervision/PlanDetailPage").then((m) => ({ default: m.PlanDetailPage })),
);
const InspectionFormPage = lazy(() =>
  import("../pages/supervision/InspectionFormPage").then((m) => ({ default: m.InspectionFormPage })),
);
const EnforcementInspectionsPage = lazy(() =>
  import("../pages/supervision/InspectionsPage").then((m) => ({ default: m.InspectionsPage })),
);
const FrequencyPage = lazy(() =>
  import("../pages/supervision/FrequencyPage").then((m) => ({ default: m.FrequencyPage })),
);
const CampaignListPage = lazy(() =>
  import("../pages/campaigns/CampaignListPage").then((m) => ({ default: m.CampaignListPage })),
);
const CampaignCreatePage = lazy(() =>
  import("../pages/campaigns/CampaignCreatePage").then((m) => ({ default: m.CampaignCreatePage })),
);
const CampaignDetailPage = lazy(() =>
  import("../pages/campaigns/CampaignDetailPage").then((m) => ({ default: m.CampaignDetailPage })),
);
const OrganisationsPage = lazy(() =>
  import("../pages/organisations/OrganisationsPage").then((m) => ({ default: m.OrganisationsPage })),
);
const OverviewPage = lazy(() => import("../pages/overview/OverviewPage").then((m) => ({ default: m.OverviewPage })));
const ReferencePage = lazy(() =>
  import("../pages/reference/ReferencePage").then((m) => ({ default: m.ReferencePage })),
);
const TerritoriesPage = lazy(() =>
  import("../pages/territories/TerritoriesPage").then((m) => ({ default: m.TerritoriesPage })),
);
const TokensPage = lazy(() => import("../pages/tokens/TokensPage").then((m) => ({ default: m.TokensPage })));
const UsersPage = lazy(() => import("../pages/users/UsersPage").then((m) => ({ default: m.UsersPage })));

function FullPageSpin() {
  return (
    <div style={{ display: "grid", placeItems: "center", height: "100vh" }}>
      <Spin size="large" />
    </div>
  );
}

/** Pages behind the login; a lost session comes back to where it was after signing in again. */
function RequireSession({ children }: { children: ReactNode }) {
  const { state } = useSession();
  const location = useLocation();
  if (state.status === "loading") return <FullPageSpin />;
  if (state.status === "anonymous")
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return children;
}

function NotFound() {
  const t = useT();
  return <Result status="404" title={t("error.notFoundTitle")} subTitle={t("error.notFoundText")} />;
}

function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        path="/card/:token"
        element={
          <Suspense fallback={<FullPageSpin />}>
            <PublicCardPage />
          </Suspense>
        }
      />
      <Route
        element={
          <RequireSession>
            <AppLayout />
          </RequireSession>
        }
      >
        <Route index element={<OverviewPage />} />
        <Route
          path="territories"
          element={
            <Guard permission="territory:read">
              <TerritoriesPage />
            </Guard>
          }
        />
        <Route
          path="enterprises"
          element={
            <Guard permission="enterprise:read">
              <EnterpriseListPage />
            </Guard>
          }
        />
        <Route
          path="enterprises/:id"
          element={
            <Guard permission="enterprise:read">
              <EnterpriseDetailPage />
            </Guard>
          }
        />
        <Route
          path="risk"
          element={
            <Guard permission="risk:read">
              <RiskOverviewPage />
            </Guard>
          }
        />
        <Route
          path="risk/enterprises/:id"
          element={
            <Guard permission="risk:read">
              <RiskRegisterPage ownerKind="enterprise" />
            </Guard>
          }
        />
        <Route
          path="risk/territories/:id"
          element={
            <Guard permission="risk:read">
              <RiskRegisterPage ownerKind="territory" />
            </Guard>
          }
        />
        <Route
          path="map"
          element={
            <Guard permission="enterprise:read">
              <MapPage />
            </Guard>
          }
        />
        <Route
          path="risk/points/:id"
          element={
            <Guard permission="risk:read">
              <RiskPointPage />
            </Guard>
          }
        />
        <Route
          path="major-hazards"
          element={
            <Guard permission="major-hazard:read">
              <MajorHazardsPage />
            </Guard>
          }
        />
        <Route path="monitoring" element={<Navigate to="/monitoring/alarms" replace />} />
        <Route
          path="monitoring/alarms"
          element={
            <Guard permission="monitoring:read">
              <AlarmConsolePage />
            </Guard>
          }
        />
        <Route
          path="monitoring/devices"
          element={
            <Guard permission="monitoring:read">
              <DevicesPage />
            </Guard>
          }
        />
        <Route
          path="monitoring/devices/:id"
          element={
            <Guard permission="monitoring:read">
              <DevicePage />
            </Guard>
          }
        />
        <Route
          path="hidden-dangers"
          element={
            <Guard permission="hidden-danger:read">
              <HiddenDangerListPage />
            </Guard>
          }
        />
        <Route
          path="hidden-dangers/report"
          element={
            <Guard permission="hidden-danger:report">
              <ReportHiddenDangerPage />
            </Guard>
          }
        />
        <Route
          path="hidden-dangers/:id"
          element={
            <Guard permission="hidden-danger:read">
              <HiddenDangerDetailPage />
            </Guard>
          }
        />
        <Route
          path="inspections"
          element={
            <Guard permission="hidden-danger:read">
              <InspectionsPage />
            </Guard>
          }
        />
        <Route
          path="inspections/checklist"
          element={
            <Guard permission="hidden-danger:manage">
              <ChecklistPage />
            </Guard>
          }
        />
        <Route
          path="inspections/:id"
          element={
            <Guard permission="hidden-danger:read">
              <InspectionTaskPage />
            </Guard>
          }
        />
        <Route
          path="cockpit"
          element={
            <Guard permission="cockpit:read">
              <CockpitPage />
            </Guard>
          }
        />
        <Route
          path="supervision"
          element={
            <Guard permission="supervision:read">
              <PlansPage />
            </Guard>
          }
        />
        <Route
          path="supervision/plans/:id"
          element={
            <Guard permission="supervision:read">
              <PlanDetailPage />
            </Guard>
          }
        />
        <Route
          path="supervision/inspections"
          element={
            <Guard permission="supervision:read">
              <EnforcementInspectionsPage />
            </Guard>
          }
        />
        <Route
          path="supervision/inspections/new"
          element={
            <Guard permission="supervision:manage">
              <InspectionFormPage />
            </Guard>
          }
        />
        <Route
          path="supervision/frequency"
          element={
            <Guard permission="supervision:read">
              <FrequencyPage />
            </Guard>
          }
        />
        <Route
          path="hidden-danger-stats"
          element={
            <Guard permission="hidden-danger:read">
              <HiddenDangerStatsPage />
            </Guard>
          }
        />
        <Route
          path="campaigns"
          element={
            <Guard permission="campaign:report">
              <CampaignListPage />
            </Guard>
          }
        />
        <Route
          path="campaigns/new"
          element={
            <Guard permission="campaign:manage">
              <CampaignCreatePage />
            </Guard>
          }
        />
        <Route
          path="campaigns/:id"
          element={
            <Guard permission="campaign:report">
              <CampaignDetailPage />
            </Guard>
          }
        />
        <Route
          path="organisations"
          element={
            <Guard permission="organisation:read">
              <OrganisationsPage />
            </Guard>
          }
        />
        <Route
          path="users"
          element={
            <Guard permission="user:admin">
              <UsersPage />
            </Guard>
          }
        />
        <Route
          path="audit"
          element={
            <Guard permission="audit:read">
              <AuditPage />
            </Guard>
          }
        />
        <Route
          path="reference"
          element={
            <Guard permission="reference:read">
              <ReferencePage />
            </Guard>
          }
        />
        <Route
          path="tokens"
          element={
            <Guard permission="token:own">
              <TokensPage />
            </Guard>
          }
        />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

function LocalisedApp() {
  const [locale] = useLocale();
  return (
    <ConfigProvider
      locale={locale === "en" ? enUS : zhCN}
      theme={{ token: { colorPrimary: "#1677ff", borderRadius: 6 } }}
    >
      <AntApp>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <LocalisedApp />
    </I18nProvider>
  );
}
