import { AlertOutlined, EditOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Space, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import type { Enterprise } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { AuditTable } from "../../components/AuditTable";
import { RecordPending } from "../../components/ErrorAlert";
import { formatDateTime, STATUS_COLOURS, scaleLabel, statusLabel } from "../../components/labels";
import { usePageCrumb } from "../../components/page-crumb";
import { useTerritoryNames } from "../../components/shared-data";
import { useLocale, useT } from "../../i18n";
import { CloseEnterpriseAction } from "./CloseEnterpriseAction";
import { EnterpriseFormModal } from "./EnterpriseFormModal";
import { EnterpriseLocation } from "./EnterpriseLocation";
import { EnterprisePeople } from "./EnterprisePeople";
import { EnterpriseRatingTab } from "./EnterpriseRatingTab";

export function EnterpriseDetailPage() {
  const t = useT();
  const me = useMe();
  const [locale] = useLocale();
  const { id = "" } = useParams();
  const [editing, setEditing] = useState(false);
  const [historyVersion, setHistoryVersion] = useState(0);
  // ?tab=rating opens a tab directly (the map card and the cockpit link to the rating).
  const [searchParams, setSearchParams] = useSearchParams();
  const request = useRequest(() => api.get<Enterprise>(`/enterprises/${id}`), [id]);
  const enterprise = request.data?.id === id ? request.data : undefined;
  const territoryNames = useTerritoryNames();
  usePageCrumb(enterprise?.name);

  if (request.error || !enterprise) return <RecordPending request={request} notFound={t("enterprise.notFound")} />;

  const basic = (
    <Descriptions
      data-testid="enterprise-descriptions"
      bordered
      size="small"
      column={{ xs: 1, md: 2 }}
      items={[
        { key: "name", label: t("enterprise.name"), children: enterprise.name },
        {
          key: "uscc",
          label: t("enterprise.uscc"),
          children: (
            <Typography.Text copyable style={{ fontFamily: "monospace" }}>
              {enterprise.uscc}
            </Typography.Text>
          ),
        },
        {
          key: "industry",
          label: t("enterprise.industry"),
          children: `${enterprise.industryCode} ${enterprise.industryName}`,
        },
        { key: "scale", label: t("enterprise.scale"), children: scaleLabel(t, enterprise.scale) },
        {
          key: "status",
          label: t("enterprise.status"),
          children: <Tag color={STATUS_COLOURS[enterprise.status]}>{statusLabel(t, enterprise.status)}</Tag>,
        },
        {
          key: "territory",
          label: t("enterprise.territory"),
          children: territoryNames(enterprise.territoryId, enterprise.territoryName).full,
        },
        { key: "address", label: t("enterprise.address"), children: enterprise.address || "—", span: 2 },
        { key: "principal", label: t("enterprise.principalName"), children: enterprise.principalName || "—" },
        { key: "principalPhone", label: t("enterprise.principalPhone"), children: enterprise.principalPhone || "—" },
        ...(enterprise.closedAt
          ? [
              {
                key: "closedAt",
                label: t("enterprise.closedAt"),
                children: formatDateTime(enterprise.closedAt, locale),
              },
              { key: "closedReason", label: t("enterprise.closedReason"), children: enterprise.closedReason || "—" },
            ]
          : []),
        { key: "createdAt", label: t("enterprise.createdAt"), children: formatDateTime(enterprise.createdAt, locale) },
        { key: "updatedAt", label: t("enterprise.updatedAt"), children: formatDateTime(enterprise.updatedAt, locale) },
      ]}
    />
  );

  const tabs = [
    { key: "basic", label: t("enterprise.tabBasic"), children: basic },
    { key: "people", label: t("enterprise.tabPeople"), children: <EnterprisePeople enterprise={enterprise} /> },
    { key: "location", label: t("enterprise.tabLocation"), children: <EnterpriseLocation enterprise={enterprise} /> },
    {
      key: "rating",
      label: <span data-testid="enterprise-rating-tab">{t("rating.tab")}</span>,
      children: <EnterpriseRatingTab enterpriseId={enterprise.id} />,
    },
    ...(hasPermission(me, "audit:read")
      ? [
          {
            key: "history",
            label: <span data-testid="enterprise-history-tab">{t("enterprise.tabHistory")}</span>,
            children: (
              <AuditTable
                key={historyVersion}
                filters={{ entityType: "enterprise", entityId: enterprise.id }}
                showEntity={false}
              />
            ),
          },
        ]
      : []),
  ];

  return (
    <Card
      data-testid="enterprise-detail"
      title={
        <Space>
          <span>{enterprise.name}</span>
          <Tag color={STATUS_COLOURS[enterprise.status]}>{statusLabel(t, enterprise.status)}</Tag>
        </Space>
      }
      extra={
        <Space>
          {hasPermission(me, "risk:read") && (
            <Link to={`/risk/enterprises/${enterprise.id}`} data-testid="enterprise-risk-register">
              <Button icon={<AlertOutlined />}>{t("enterprise.riskRegister")}</Button>
            </Link>
          )}
          {hasPermission(me, "enterprise:write") && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setEditing(true)}
              data-testid="enterprise-edit"
            >
              {t("common.edit")}
            </Button>
          )}
          {hasPermission(me, "enterprise:create") && (
            <CloseEnterpriseAction
              enterprise={enterprise}
              onClosed={() => {
                request.reload();
                setHistoryVersion((v) => v + 1);
              }}
            />
          )}
        </Space>
      }
    >
      <Tabs
        items={tabs}
        destroyOnHidden
        activeKey={tabs.some((tab) => tab.key === searchParams.get("tab")) ? searchParams.get("tab")! : "basic"}
        onChange={(key) => setSearchParams(key === "basic" ? {} : { tab: key }, { replace: true })}
      />
      <EnterpriseFormModal
        open={editing}
        enterprise={enterprise}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          request.reload();
          setHistoryVersion((v) => v + 1);
        }}
      />
    </Card>
  );
}
