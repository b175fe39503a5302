import { App as AntApp, ConfigProvider, Result, Spin } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { type ReactNode, Suspense } from "react";
import { BrowserRouter, Navigate, Route, Routes, useLocation } from "react-router-dom";
import { Guard } from "../components/Guard";
import { I18nProvider, useLocale, useT } from "../i18n";
import { LoginPage } from "../pages/login/LoginPage";
import { AppLayout } from "./AppLayout";
import { PAGE_ROUTES, PublicCardPage } from "./routes";
import { SessionProvider, useSession } from "./session";

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
        {PAGE_ROUTES.map(({ path, permission, element }) =>
          path === "" ? (
            <Route key="index" index element={element} />
          ) : (
            <Route
              key={path}
              path={path}
              element={permission ? <Guard permission={permission}>{element}</Guard> : element}
            />
          ),
        )}
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
