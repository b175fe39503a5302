import { AlertOutlined, EditOutlined, EnvironmentOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import type { Contact, Enterprise, SafetyManager, TerritoryDetail } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { AuditTable } from "../../components/AuditTable";
import { BoundaryOutline } from "../../components/BoundaryOutline";
import { RecordPending } from "../../components/ErrorAlert";
import { formatDateTime, STATUS_COLOURS, scaleLabel, statusLabel } from "../../components/labels";
import { usePageCrumb } from "../../components/page-crumb";
import { useTerritoryNames } from "../../components/shared-data";
import { useLocale, useT } from "../../i18n";
import { CloseEnterpriseAction } from "./CloseEnterpriseAction";
import { EnterpriseFormModal } from "./EnterpriseFormModal";
import { EnterpriseRatingTab } from "./EnterpriseRatingTab";

/** 118.801234 → 118°48′4.4″E: the form a site map or a GPS unit shows. */
function degreesMinutesSeconds(value: number, positive: string, negative: string): string {
  const hemisphere = value >= 0 ? positive : negative;
  const absolute = Math.abs(value);
  const degrees = Math.floor(absolute);
  const minutes = Math.floor((absolute - degrees) * 60);
  const seconds = ((absolute - degrees) * 60 - minutes) * 60;
  return `${degrees}°${minutes}′${seconds.toFixed(1)}″${hemisphere}`;
}

function Location({ enterprise }: { enterprise: Enterprise }) {
  const t = useT();
  const me = useMe();
  const canSeeTerritory = hasPermission(me, "territory:read");
  const territoryNames = useTerritoryNames();
  const territory = useRequest(
    () =>
      canSeeTerritory ? api.get<TerritoryDetail>(`/territories/${enterprise.territoryId}`) : Promise.resolve(null),
    [canSeeTerritory, enterprise.territoryId],
  );
  const { lng, lat } = enterprise;
  return (
    <Space align="start" size="large" wrap data-testid="enterprise-location">
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ minWidth: 360 }}
        items={[
          { key: "address", label: t("enterprise.address"), children: enterprise.address || "—" },
          {
            key: "territory",
            label: t("enterprise.territory"),
            children: territoryNames(enterprise.territoryId, enterprise.territoryName).full,
          },
          {
            key: "lng",
            label: t("enterprise.lng"),
            children: lng === null ? "—" : `${lng.toFixed(6)}  (${degreesMinutesSeconds(lng, "E", "W")})`,
          },
          {
            key: "lat",
            label: t("enterprise.lat"),
            children: lat === null ? "—" : `${lat.toFixed(6)}  (${degreesMinutesSeconds(lat, "N", "S")})`,
          },
          {
            key: "copy",
            label: t("enterprise.coordinates"),
            children:
              lng === null || lat === null ? (
                t("enterprise.noCoordinates")
              ) : (
                <Typography.Text copyable>{`${lng.toFixed(6)},${lat.toFixed(6)}`}</Typography.Text>
              ),
          },
        ]}
      />
      {territory.data?.boundary && (
        <div>
          <Typography.Text type="secondary">
            <EnvironmentOutlined />{" "}
            {t("enterprise.inTerritory", { name: territoryNames(enterprise.territoryId, territory.data.name).full })}
          </Typography.Text>
          <div style={{ marginTop: 8 }}>
            <BoundaryOutline
              polygon={territory.data.boundary}
              size={240}
              label={t("territory.boundaryOf", { name: territory.data.name })}
              marker={lng !== null && lat !== null ? [lng, lat] : undefined}
            />
          </div>
        </div>
      )}
    </Space>
  );
}

function People({ enterprise }: { enterprise: Enterprise }) {
  const t = useT();
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Descriptions
        title={t("enterprise.principal")}
        size="small"
        column={2}
        items={[
          { key: "name", label: t("enterprise.principalName"), children: enterprise.principalName || "—" },
          { key: "phone", label: t("enterprise.principalPhone"), children: enterprise.principalPhone || "—" },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t("enterprise.safetyManagers")}</Typography.Title>
        <Table<SafetyManager>
          data-testid="safety-managers"
          size="small"
          pagination={false}
          rowKey={(p) => `${p.name}-${p.phone}`}
          dataSource={enterprise.safetyManagers}
          locale={{ emptyText: t("enterprise.nobody") }}
          columns={[
            { title: t("enterprise.personName"), dataIndex: "name" },
            { title: t("enterprise.phone"), dataIndex: "phone" },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>{t("enterprise.contacts")}</Typography.Title>
        <Table<Contact>
          size="small"
          pagination={false}
          rowKey={(p) => `${p.name}-${p.phone}-${p.role ?? ""}`}
          dataSource={enterprise.contacts}
          locale={{ emptyText: t("enterprise.nobody") }}
          columns={[
            { title: t("enterprise.personName"), dataIndex: "name" },
            { title: t("enterprise.contactRole"), dataIndex: "role", render: (role?: string) => role || "—" },
            { title: t("enterprise.phone"), dataIndex: "phone" },
          ]}
        />
      </div>
    </Space>
  );
}

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
    { key: "people", label: t("enterprise.tabPeople"), children: <People enterprise={enterprise} /> },
    { key: "location", label: t("enterprise.tabLocation"), children: <Location enterprise={enterprise} /> },
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
