import { ArrowRightOutlined } from "@ant-design/icons";
import { Button, Card, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, Navigate, useNavigate, useSearchParams } from "react-router-dom";
import { isEnterpriseScoped } from "../../../domain/access/roles";
import { api } from "../../api/client";
import type { Page, RiskLevelNumber, RiskPointSummary } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { ErrorAlert } from "../../components/ErrorAlert";
import { publicCategoryLabel, riskPointKindLabel } from "../../components/labels";
import { useUrlFilters } from "../../components/paging";
import { controlLevelName, RISK_LEVELS, RiskLevelFilter, RiskLevelTag } from "../../components/RiskLevel";
import { TerritoryTreeSelect } from "../../components/TerritoryTreeSelect";
import { useLocale, useT } from "../../i18n";
import { ColourTiles, type LevelCounts } from "./ColourTiles";
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
      ...RISK_LEVELS.map((level, index) => ({ level: level as RiskLevelNumber, count: byLevel[index] })),
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
  const [locale] = useLocale();
  const navigate = useNavigate();
  const { params, page, pageSize, update, pagination } = useUrlFilters();
  const level = (Number(params.get("level")) || undefined) as RiskLevelNumber | undefined;
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
      <Table<RiskPointSummary>
        data-testid={publicOnly ? "public-risk-table" : "scope-risk-table"}
        rowKey="id"
        size="middle"
        loading={list.loading}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 1000 }}
        locale={{ emptyText: t("risk.empty") }}
        onRow={(record) => ({ onClick: () => navigate(`/risk/points/${record.id}`), style: { cursor: "pointer" } })}
        pagination={pagination(list.data?.total)}
        columns={[
          {
            title: t("risk.level"),
            dataIndex: "level",
            width: 110,
            render: (value: RiskLevelNumber | null) => <RiskLevelTag level={value} />,
          },
          {
            title: t("risk.name"),
            dataIndex: "name",
            render: (name: string, record) => (
              <Link to={`/risk/points/${record.id}`} onClick={(event) => event.stopPropagation()}>
                {name}
              </Link>
            ),
          },
          {
            title: t("risk.owner"),
            dataIndex: "ownerName",
            width: 260,
            render: (name: string, record) => (
              <Space size={4}>
                <Link
                  to={registerPath(record.ownerKind, record.ownerId)}
                  onClick={(event) => event.stopPropagation()}
                  data-testid="risk-owner-link"
                >
                  {name}
                </Link>
                {record.ownerKind === "territory" && <Tag color="purple">{t("risk.publicArea")}</Tag>}
              </Space>
            ),
          },
          {
            title: t("risk.kind"),
            dataIndex: "kind",
            width: 130,
            render: (kind: string, record) =>
              record.publicCategory ? publicCategoryLabel(t, record.publicCategory) : riskPointKindLabel(t, kind),
          },
          { title: t("risk.unit"), dataIndex: "unit", width: 130, render: (value: string) => value || "—" },
          { title: t("risk.hazardCount"), dataIndex: "hazardCount", width: 90, align: "right" },
          {
            title: t("risk.controlLevel"),
            dataIndex: "controlLevel",
            width: 110,
            render: (value: string | null) => (value ? controlLevelName(locale, value) : "—"),
          },
        ]}
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
