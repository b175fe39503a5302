import { ApartmentOutlined, RightOutlined, ShopOutlined, TeamOutlined } from "@ant-design/icons";
import { Card, Col, Empty, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { Link, useNavigate } from "react-router-dom";
import { isEnterpriseScoped } from "../../../domain/access/roles";
import { api } from "../../api/client";
import type { EnterpriseSummary, Overview, Page } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { EChart, type EChartOption } from "../../components/EChart";
import { ErrorAlert } from "../../components/ErrorAlert";
import { roleLabel, STATUS_COLOURS, statusLabel } from "../../components/labels";
import { useT } from "../../i18n";

/** The enterprises an enterprise-scoped user works for (or insures, or serves), as shortcuts on its home page. */
function MyEnterprises() {
  const t = useT();
  const navigate = useNavigate();
  const { data, loading } = useRequest(() => api.get<Page<EnterpriseSummary>>("/enterprises", { pageSize: 10 }), []);
  return (
    <Card title={t("overview.myEnterprises")} data-testid="my-enterprises">
      <Table<EnterpriseSummary>
        size="middle"
        rowKey="id"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t("overview.noEnterprises") }}
        onRow={(enterprise) => ({
          onClick: () => navigate(`/enterprises/${enterprise.id}`),
          style: { cursor: "pointer" },
        })}
        columns={[
          {
            title: t("enterprise.name"),
            dataIndex: "name",
            render: (name: string, enterprise) => <Link to={`/enterprises/${enterprise.id}`}>{name}</Link>,
          },
          {
            title: t("enterprise.uscc"),
            dataIndex: "uscc",
            render: (uscc: string) => <Typography.Text style={{ fontFamily: "monospace" }}>{uscc}</Typography.Text>,
          },
          { title: t("enterprise.industry"), dataIndex: "industryName" },
          { title: t("enterprise.territory"), dataIndex: "territoryName" },
          {
            title: t("enterprise.status"),
            dataIndex: "status",
            render: (status: EnterpriseSummary["status"]) => (
              <Tag color={STATUS_COLOURS[status]}>{statusLabel(t, status)}</Tag>
            ),
          },
          {
            key: "open",
            width: 90,
            render: (_: unknown, enterprise) => (
              <Link to={`/enterprises/${enterprise.id}`}>
                {t("common.open")} <RightOutlined />
              </Link>
            ),
          },
        ]}
      />
    </Card>
  );
}

export function OverviewPage() {
  const t = useT();
  const me = useMe();
  const overview = useRequest(() => api.get<Overview>("/overview"), []);
  const data = overview.data;
  const ownEnterprises = isEnterpriseScoped(me.role);
  const canListEnterprises =
    hasPermission(me, "enterprise:read") && !["enterprise_principal", "safety_manager", "employee"].includes(me.role);

  const chartOption = useMemo<EChartOption>(() => {
    // Largest sections on top; long Chinese section names are cut with an ellipsis and shown whole in the tooltip.
    const rows = [...(data?.byIndustrySection ?? [])].sort((a, b) => a.count - b.count);
    return {
      grid: { left: 8, right: 48, top: 8, bottom: 8, containLabel: true },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      xAxis: { type: "value", minInterval: 1 },
      yAxis: {
        type: "category",
        data: rows.map((r) => `${r.section} ${r.name}`),
        axisLabel: { width: 220, overflow: "truncate" },
      },
      series: [
        {
          type: "bar",
          name: t("overview.enterprises"),
          data: rows.map((r) => r.count),
          itemStyle: { color: "#1677ff" },
          label: { show: true, position: "right" },
          barMaxWidth: 22,
        },
      ],
    };
  }, [data, t]);

  const statusCount = (status: string) => data?.byStatus.find((s) => s.status === status)?.count ?? 0;
  const scopeName = me.territory?.name ?? me.organisation?.name;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="overview-page">
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t("overview.welcome", { name: me.displayName })}
        </Typography.Title>
        <Typography.Text type="secondary">
          {t("overview.scopeLine", { role: roleLabel(t, me.role), scope: scopeName ?? t("overview.scopeEnterprises") })}
        </Typography.Text>
      </Card>
      <ErrorAlert error={overview.error} onRetry={overview.reload} />
      <Row gutter={[16, 16]}>
        <Col xs={24} sm={12} lg={6}>
          <Card>
            <Statistic
              title={t("overview.enterprises")}
              value={data?.enterprises ?? 0}
              prefix={<ShopOutlined />}
              loading={overview.loading && !data}
            />
            {canListEnterprises && <Link to="/enterprises">{t("overview.viewList")}</Link>}
          </Card>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Card>
            <Statistic
              title={t("enterpriseStatus.operating")}
              value={statusCount("operating")}
              styles={{ content: { color: "#389e0d" } }}
            />
            <Typography.Text type="secondary">
              {t("enterpriseStatus.suspended")} {statusCount("suspended")} · {t("enterpriseStatus.closed")}{" "}
              {statusCount("closed")}
            </Typography.Text>
          </Card>
        </Col>
        {!ownEnterprises && (
          <Col xs={24} sm={12} lg={6}>
            <Card>
              <Statistic
                title={t("overview.territories")}
                value={data?.territories ?? 0}
                prefix={<ApartmentOutlined />}
              />
              {hasPermission(me, "territory:read") && <Link to="/territories">{t("overview.viewTree")}</Link>}
            </Card>
          </Col>
        )}
        {!ownEnterprises && (
          <Col xs={24} sm={12} lg={6}>
            <Card>
              <Statistic title={t("overview.users")} value={data?.users ?? 0} prefix={<TeamOutlined />} />
              <Typography.Text type="secondary">{t("overview.usersHint")}</Typography.Text>
            </Card>
          </Col>
        )}
      </Row>
      {ownEnterprises && <MyEnterprises />}
      {!ownEnterprises && (
        <Card title={t("overview.byIndustry")} data-testid="industry-chart-card">
          {overview.loading && !data ? (
            <Skeleton active />
          ) : data && data.byIndustrySection.length > 0 ? (
            <EChart
              option={chartOption}
              height={Math.max(200, data.byIndustrySection.length * 34 + 24)}
              testId="industry-chart"
            />
          ) : (
            <Empty description={t("overview.noEnterprises")} />
          )}
        </Card>
      )}
    </Space>
  );
}
