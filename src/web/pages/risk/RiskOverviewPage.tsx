import { ArrowRightOutlined } from "@ant-design/icons";
import { Button, Card, Space, Tabs, Typography } from "antd";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { isEnterpriseScoped } from "../../../domain/access/roles";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { api } from "../../api/client";
import type { Page, RiskPointSummary } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useUrlFilters } from "../../components/paging";
import { RISK_LEVELS, RiskLevelFilter } from "../../components/RiskLevel";
import { TerritoryTreeSelect } from "../../components/TerritoryTreeSelect";
import { useT } from "../../i18n";
import { ColourTiles, type LevelCounts } from "./ColourTiles";
import { RiskPointTable } from "./RiskPointTable";
import { registerPath } from "./risk-data";

const OWN_ENTERPRISE_ROLES = ["enterprise_principal", "safety_manager", "employee"];

/** Counts by level over the whole scope: one small query per level, the API's totals do the counting. */
function useScopeCounts(publicOnly: boolean) {
  return useRequest<LevelCounts>(async () => {
    const totalOf = (level?: number) =>
      api
        .get<Page<RiskPointSummary>>("/risk-points", { level, publicOnly: publicOnly || undefined, pageSize: 1 })
        .then((p) => p.total);
    const [all, ...byLevel] = await Promise.all([totalOf(), ...RISK_LEVELS.map((level) => totalOf(level))]);
    const assessed = byLevel.reduce((sum, n) => sum + n, 0);
    return [
      ...RISK_LEVELS.map((level, index) => ({ level: level as RiskLevel, count: byLevel[index] })),
      { level: null, count: all - assessed },
    ];
  }, [publicOnly]);
}

/** Finds an enterprise in scope by name or credit code and opens its register (also one with no points yet). */
function OpenEnterpriseRegister() {
  const t = useT();
  const navigate = useNavigate();
  return (
    <EnterprisePicker
      data-testid="risk-open-enterprise"
      style={{ width: 300 }}
      placeholder={t("risk.openEnterprise")}
      allowClear={false}
      popupMatchSelectWidth
      value={null}
      onChange={(id) => id && navigate(registerPath("enterprise", id))}
    />
  );
}

function RiskPointList({ publicOnly }: { publicOnly: boolean }) {
  const t = useT();
  const { params, page, pageSize, update, pagination } = useUrlFilters();
  const level = (Number(params.get("level")) || undefined) as RiskLevel | undefined;
  const counts = useScopeCounts(publicOnly);
  const list = useRequest(
    () =>
      api.get<Page<RiskPointSummary>>("/risk-points", {
        level,
        publicOnly: publicOnly || undefined,
        page,
        pageSize,
      }),
    [level, page, pageSize, publicOnly],
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <ColourTiles
        counts={counts.data}
        loading={counts.loading}
        selected={level}
        onPick={(next) => update({ level: next })}
      />
      <RiskLevelFilter
        data-testid="risk-scope-level-filter"
        value={level}
        onChange={(value) => update({ level: value })}
        placeholder={t("risk.filterLevel")}
      />
      <ErrorAlert error={list.error} onRetry={list.reload} />
      <RiskPointTable
        view="scope"
        points={list.data?.items ?? []}
        loading={list.loading}
        pagination={pagination(list.data?.total)}
        emptyText={t("risk.empty")}
        testId={publicOnly ? "public-risk-table" : "scope-risk-table"}
      />
    </Space>
  );
}

/** Public-area risk points (crowded places, gas pipelines, sites…): the territory's own register, kept by supervisors. */
function PublicAreaTab() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [territoryId, setTerritoryId] = useState<string | undefined>(me.territory?.id);
  const canWrite = hasPermission(me, "risk:public-write");
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
        {canWrite ? t("risk.publicExplainWrite") : t("risk.publicExplain")}
      </Typography.Paragraph>
      {hasPermission(me, "territory:read") && (
        <Space wrap>
          <TerritoryTreeSelect
            data-testid="risk-public-territory"
            value={territoryId}
            onChange={setTerritoryId}
            allowClear={false}
            style={{ width: 260 }}
          />
          <Button
            type={canWrite ? "primary" : "default"}
            icon={<ArrowRightOutlined />}
            disabled={!territoryId}
            onClick={() => territoryId && navigate(registerPath("territory", territoryId))}
            data-testid="risk-open-public-register"
          >
            {canWrite ? t("risk.openPublicRegisterWrite") : t("risk.openPublicRegister")}
          </Button>
        </Space>
      )}
      <RiskPointList publicOnly />
    </Space>
  );
}

/**
 * The menu's "Risk control": people of one enterprise go straight to its register; supervisors, departments,
 * insurers and third parties see every risk point in their scope with its register, and the public-area points.
 */
export function RiskOverviewPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const first = me.enterpriseIds[0];
  if (OWN_ENTERPRISE_ROLES.includes(me.role) && first) {
    return <Navigate to={registerPath("enterprise", first)} replace />;
  }
  const tab = params.get("tab") === "public" ? "public" : "all";
  // Public areas belong to the territory's emergency management; an industry department sees its industries only.
  const showPublic = !isEnterpriseScoped(me.role) && me.industries.length === 0;
  return (
    <Card
      title={t("risk.overviewTitle")}
      data-testid="risk-overview-page"
      extra={hasPermission(me, "enterprise:read") && <OpenEnterpriseRegister />}
    >
      <Tabs
        activeKey={tab}
        destroyOnHidden
        onChange={(key) => setParams(key === "public" ? { tab: "public" } : {})}
        items={[
          { key: "all", label: t("risk.tabAll"), children: <RiskPointList publicOnly={false} /> },
          ...(showPublic
            ? [
                {
                  key: "public",
                  label: <span data-testid="risk-public-tab">{t("risk.tabPublic")}</span>,
                  children: <PublicAreaTab />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
