import { PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Card, Input, Select, Space, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate } from "react-router-dom";
import { api } from "../../api/client";
import { ENTERPRISE_STATUSES, type EnterpriseStatus, type EnterpriseSummary, type Page } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { IndustrySelect } from "../../components/IndustrySelect";
import { STATUS_COLOURS, scaleLabel, statusLabel } from "../../components/labels";
import { useUrlFilters } from "../../components/paging";
import { RequestTable } from "../../components/RequestTable";
import { useTerritoryNames } from "../../components/shared-data";
import { TerritoryTreeSelect } from "../../components/TerritoryTreeSelect";
import { useT } from "../../i18n";
import { EnterpriseFormModal } from "./EnterpriseFormModal";
import { ImportEnterprisesModal } from "./ImportEnterprisesModal";

/** Enterprises in the user's scope, paged by the server (a province has hundreds of thousands). Filters live in the URL. */
export function EnterpriseListPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { params, page, pageSize, update, pagination } = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  const q = params.get("q") ?? "";
  const territoryId = params.get("territoryId") ?? undefined;
  const industry = params.get("industry") ?? undefined;
  const status = (params.get("status") as EnterpriseStatus | null) ?? undefined;
  const [searchText, setSearchText] = useState(q);

  const list = useRequest(
    () => api.get<Page<EnterpriseSummary>>("/enterprises", { q, territoryId, industry, status, page, pageSize }),
    [q, territoryId, industry, status, page, pageSize],
  );

  const canFilterByTerritory = hasPermission(me, "territory:read");
  const territoryNames = useTerritoryNames();

  return (
    <Card
      title={t("enterprise.listTitle")}
      data-testid="enterprise-list-page"
      extra={
        <Space>
          {hasPermission(me, "enterprise:import") && (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="enterprise-import">
              {t("enterprise.import")}
            </Button>
          )}
          {hasPermission(me, "enterprise:create") && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="enterprise-create"
            >
              {t("enterprise.create")}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          data-testid="enterprise-search"
          allowClear
          enterButton
          placeholder={t("enterprise.searchPlaceholder")}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={(value) => update({ q: value.trim() })}
          style={{ width: 320 }}
        />
        {canFilterByTerritory && (
          <TerritoryTreeSelect
            data-testid="enterprise-territory-filter"
            value={territoryId}
            onChange={(value) => update({ territoryId: value })}
            placeholder={t("enterprise.filterTerritory")}
            style={{ width: 220 }}
          />
        )}
        <IndustrySelect
          data-testid="enterprise-industry-filter"
          choose="filter"
          value={industry}
          onChange={(value) => update({ industry: typeof value === "string" ? value : undefined })}
          placeholder={t("enterprise.filterIndustry")}
          style={{ width: 260 }}
        />
        <Select<EnterpriseStatus>
          data-testid="enterprise-status-filter"
          allowClear
          value={status}
          onChange={(value) => update({ status: value })}
          placeholder={t("enterprise.filterStatus")}
          style={{ width: 140 }}
          options={ENTERPRISE_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
        />
      </Space>
      <RequestTable<EnterpriseSummary>
        request={list}
        rows={list.data?.items}
        data-testid="enterprise-table"
        scroll={{ x: 960 }}
        onRow={(record) => ({ onClick: () => navigate(`/enterprises/${record.id}`), style: { cursor: "pointer" } })}
        pagination={pagination(list.data?.total)}
        columns={[
          {
            title: t("enterprise.name"),
            dataIndex: "name",
            width: 260,
            render: (name: string, record) => (
              <Link to={`/enterprises/${record.id}`} onClick={(event) => event.stopPropagation()}>
                {name}
              </Link>
            ),
          },
          {
            title: t("enterprise.uscc"),
            dataIndex: "uscc",
            width: 200,
            render: (uscc: string) => <Typography.Text style={{ fontFamily: "monospace" }}>{uscc}</Typography.Text>,
          },
          {
            title: t("enterprise.industry"),
            dataIndex: "industryName",
            render: (name: string, record) => (
              <span>
                <Typography.Text type="secondary">{record.industryCode}</Typography.Text> {name}
              </span>
            ),
          },
          {
            title: t("enterprise.territory"),
            dataIndex: "territoryName",
            width: 190,
            render: (name: string, record) => {
              const names = territoryNames(record.territoryId, name);
              return (
                <Tooltip title={names.full}>
                  <span>{names.short}</span>
                </Tooltip>
              );
            },
          },
          {
            title: t("enterprise.scale"),
            dataIndex: "scale",
            width: 90,
            render: (scale: string) => scaleLabel(t, scale),
          },
          {
            title: t("enterprise.status"),
            dataIndex: "status",
            width: 100,
            render: (value: EnterpriseStatus) => <Tag color={STATUS_COLOURS[value]}>{statusLabel(t, value)}</Tag>,
          },
        ]}
      />
      <EnterpriseFormModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(enterprise) => {
          setCreating(false);
          navigate(`/enterprises/${enterprise.id}`);
        }}
      />
      <ImportEnterprisesModal open={importing} onClose={() => setImporting(false)} onImported={list.reload} />
    </Card>
  );
}
