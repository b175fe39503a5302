import {
  AlertOutlined,
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BookOutlined,
  CameraOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  DashboardOutlined,
  EnvironmentOutlined,
  FireOutlined,
  FlagOutlined,
  FundProjectionScreenOutlined,
  IssuesCloseOutlined,
  KeyOutlined,
  LineChartOutlined,
  LockOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  ShopOutlined,
  TeamOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Avatar, Breadcrumb, Dropdown, Grid, Layout, Menu, Skeleton, Space, Tag, Typography, theme } from "antd";
import { type ReactNode, Suspense, useMemo, useState } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router-dom";
import { ChangePasswordModal } from "../components/ChangePasswordModal";
import { LanguageSwitch } from "../components/LanguageSwitch";
import { roleLabel } from "../components/labels";
import { NotificationBell } from "../components/NotificationBell";
import { PageCrumbContext } from "../components/page-crumb";
import { useT } from "../i18n";
import { type MenuKey, menuEntryOf, menuFor } from "./navigation";
import { useMe, useSession } from "./session";

const MENU_ICONS: Record<MenuKey, ReactNode> = {
  overview: <DashboardOutlined />,
  cockpit: <FundProjectionScreenOutlined />,
  map: <EnvironmentOutlined />,
  territories: <ApartmentOutlined />,
  enterprises: <ShopOutlined />,
  "my-enterprise": <ShopOutlined />,
  risk: <AlertOutlined />,
  "major-hazards": <FireOutlined />,
  monitoring: <LineChartOutlined />,
  "hidden-dangers": <IssuesCloseOutlined />,
  "report-hidden-danger": <CameraOutlined />,
  inspections: <CheckSquareOutlined />,
  "hidden-danger-stats": <BarChartOutlined />,
  supervision: <ScheduleOutlined />,
  campaigns: <FlagOutlined />,
  organisations: <ClusterOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  reference: <BookOutlined />,
  tokens: <KeyOutlined />,
};

/** The signed-in frame: side menu by permission, header with breadcrumb, language and the user's menu. */
export function AppLayout() {
  const me = useMe();
  const t = useT();
  const { logout } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [crumb, setCrumb] = useState<string | null>(null);
  // On a phone the menu slides over the page and the header keeps only the icons.
  const narrow = !Grid.useBreakpoint().md;

  const menu = useMemo(() => menuFor(me), [me]);
  const current = menuEntryOf(menu, location.pathname);
  const scopeName = me.organisation?.name ?? me.territory?.name ?? null;

  const breadcrumb = [
    { key: "home", title: <Link to="/">{t("menu.overview")}</Link> },
    ...(current && current.key !== "overview"
      ? [
          {
            key: current.key,
            title:
              current.path === location.pathname ? t(current.label) : <Link to={current.path}>{t(current.label)}</Link>,
          },
        ]
      : []),
    ...(crumb ? [{ key: "page", title: crumb }] : []),
  ];

  const [changingPassword, setChangingPassword] = useState(false);

  const signOut = async () => {
    await logout().catch(() => undefined);
    navigate("/login", { replace: true });
  };

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="lg"
        width={216}
        collapsedWidth={narrow ? 0 : 80}
        style={narrow ? { position: "fixed", insetBlock: 0, insetInlineStart: 0, zIndex: 100 } : undefined}
        zeroWidthTriggerStyle={{ top: 12 }}
      >
        <Link
          to="/"
          style={{
            display: "flex",
            alignItems: "center",
            gap: 10,
            height: 64,
            padding: collapsed ? "0 24px" : "0 20px",
          }}
        >
          <SafetyCertificateOutlined style={{ fontSize: 26, color: "#4096ff" }} />
          {!collapsed && (
            <span style={{ color: "#fff", lineHeight: 1.2 }}>
              <strong style={{ fontSize: 17, display: "block" }}>DualGuard</strong>
              <span style={{ fontSize: 12, opacity: 0.75 }}>{t("app.subtitle")}</span>
            </span>
          )}
        </Link>
        <Menu
          data-testid="side-menu"
          onClick={() => narrow && setCollapsed(true)}
          theme="dark"
          mode="inline"
          selectedKeys={current ? [current.key] : []}
          items={menu.map((entry) => ({
            key: entry.key,
            icon: MENU_ICONS[entry.key],
            label: (
              <Link to={entry.path} data-testid={`menu-${entry.key}`}>
                {t(entry.label)}
              </Link>
            ),
          }))}
        />
      </Layout.Sider>
      <Layout>
        <Layout.Header
          style={{
            background: token.colorBgContainer,
            padding: narrow ? "0 12px 0 56px" : "0 24px",
            display: "flex",
            gap: 8,
            alignItems: "center",
            justifyContent: "space-between",
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {narrow ? (
            // A phone has room for the last step only.
            <Typography.Text strong ellipsis style={{ minWidth: 0 }} data-testid="breadcrumb">
              {breadcrumb.length > 1 ? breadcrumb[breadcrumb.length - 1].title : t("menu.overview")}
            </Typography.Text>
          ) : (
            <Breadcrumb data-testid="breadcrumb" items={breadcrumb} />
          )}
          <Space size={narrow ? "small" : "large"} style={{ flex: "none" }}>
            <NotificationBell />
            <LanguageSwitch />
            <Dropdown
              trigger={["click"]}
              menu={{
                items: [
                  {
                    key: "who",
                    disabled: true,
                    label: (
                      <span>
                        {me.username}
                        {scopeName ? ` · ${scopeName}` : ""}
                      </span>
                    ),
                  },
                  { type: "divider" },
                  {
                    key: "password",
                    icon: <LockOutlined />,
                    label: <span data-testid="change-password">{t("auth.changePassword")}</span>,
                    onClick: () => setChangingPassword(true),
                  },
                  {
                    key: "logout",
                    danger: true,
                    icon: <LogoutOutlined />,
                    label: <span data-testid="logout">{t("auth.logout")}</span>,
                    onClick: signOut,
                  },
                ],
              }}
            >
              <div
                data-testid="user-menu"
                style={{ display: "flex", alignItems: "center", gap: 10, cursor: "pointer", lineHeight: 1.35 }}
              >
                <Avatar icon={<UserOutlined />} style={{ background: token.colorPrimary, flex: "none" }} />
                <div style={{ display: narrow ? "none" : "flex", flexDirection: "column", whiteSpace: "nowrap" }}>
                  <span>
                    <span data-testid="current-user" style={{ fontWeight: 500 }}>
                      {me.displayName}
                    </span>
                    <Tag color="blue" style={{ marginInlineStart: 8, marginInlineEnd: 0 }} data-testid="current-role">
                      {roleLabel(t, me.role)}
                    </Tag>
                  </span>
                  {scopeName && (
                    <Typography.Text
                      type="secondary"
                      style={{ fontSize: 12, maxWidth: 260 }}
                      ellipsis={{ tooltip: scopeName }}
                    >
                      {scopeName}
                    </Typography.Text>
                  )}
                </div>
              </div>
            </Dropdown>
            <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
          </Space>
        </Layout.Header>
        <Layout.Content style={{ margin: narrow ? 8 : 24 }}>
          <PageCrumbContext.Provider value={setCrumb}>
            <Suspense fallback={<Skeleton active style={{ padding: 24 }} />}>
              <Outlet />
            </Suspense>
          </PageCrumbContext.Provider>
        </Layout.Content>
        <Layout.Footer style={{ textAlign: "center", color: token.colorTextTertiary, paddingTop: 0 }}>
          {t("app.footer")}
        </Layout.Footer>
      </Layout>
    </Layout>
  );
}
