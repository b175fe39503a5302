import { AuditOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Skeleton, Space, Switch, Table, Tabs, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { isEnterpriseScoped } from "../../../domain/access/roles";
import { api } from "../../api/client";
import type { MajorHazardFiling, MajorHazardUnit } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { ErrorAlert } from "../../components/ErrorAlert";
import { FILING_STATUS_COLOURS, filingStatusLabel, formatDateTime, unitKindLabel } from "../../components/labels";
import { useLocale, useT } from "../../i18n";
import { FilingModal } from "./FilingModal";
import { FilingDetail, FilingsInbox } from "./FilingsInbox";
import { UnitFormModal } from "./UnitFormModal";
import { MajorHazardLevelTag, UnitResult } from "./UnitResult";

function FilingHistory({ filings }: { filings: MajorHazardFiling[] }) {
  const t = useT();
  const [locale] = useLocale();
  if (filings.length === 0) return <Typography.Text type="secondary">{t("filing.noneForUnit")}</Typography.Text>;
  return (
    <Table<MajorHazardFiling>
      data-testid="unit-filings"
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={filings}
      expandable={{ expandedRowRender: (filing) => <FilingDetail filing={filing} /> }}
      columns={[
        {
          title: t("filing.status"),
          dataIndex: "status",
          width: 110,
          render: (status: MajorHazardFiling["status"]) => (
            <Tag color={FILING_STATUS_COLOURS[status]}>{filingStatusLabel(t, status)}</Tag>
          ),
        },
        {
          title: t("majorHazard.level"),
          key: "level",
          width: 170,
          render: (_: unknown, filing) => (
            <MajorHazardLevelTag result={{ isMajorHazard: filing.level != null, level: filing.level }} />
          ),
        },
        {
          title: t("filing.submittedAt"),
          dataIndex: "submittedAt",
          width: 160,
          render: (at: string) => formatDateTime(at, locale),
        },
        {
          title: t("filing.decidedAt"),
          dataIndex: "decidedAt",
          width: 160,
          render: (at: string | null) => formatDateTime(at, locale),
        },
        { title: t("filing.reason"), dataIndex: "decisionReason", render: (reason: string | null) => reason || "—" },
      ]}
    />
  );
}

/** One unit: its substances' terms, S, R and level, and its filings. */
function UnitCard({
  unit,
  editable,
  showEnterprise,
  onEdit,
  onFile,
}: {
  unit: MajorHazardUnit;
  editable: boolean;
  showEnterprise: boolean;
  onEdit: () => void;
  onFile: () => void;
}) {
  const t = useT();
  const pending = unit.filings.some((f) => f.status === "submitted");
  const latest = unit.filings[0];
  const canFile = editable && !!unit.result?.isMajorHazard && !pending;
  return (
    <Card
      data-testid="major-hazard-unit"
      title={
        <Space wrap>
          <span>{unit.name}</span>
          <Tag>{unitKindLabel(t, unit.unitKind)}</Tag>
          <MajorHazardLevelTag result={unit.result} />
          {latest && (
            <Tag color={FILING_STATUS_COLOURS[latest.status]}>
              {t("filing.latest", { status: filingStatusLabel(t, latest.status) })}
            </Tag>
          )}
          {showEnterprise && <Typography.Text type="secondary">{unit.enterpriseName}</Typography.Text>}
        </Space>
      }
      extra={
        editable && (
          <Space>
            <Button icon={<EditOutlined />} onClick={onEdit} data-testid="unit-edit">
              {t("common.edit")}
            </Button>
            <Tooltip
              title={
                !unit.result?.isMajorHazard ? t("filing.notNeeded") : pending ? t("filing.pendingHint") : undefined
              }
            >
              <Button
                type="primary"
                icon={<AuditOutlined />}
                disabled={!canFile}
                onClick={onFile}
                data-testid="unit-file"
              >
                {latest?.status === "accepted" ? t("filing.refile") : t("filing.file")}
              </Button>
            </Tooltip>
          </Space>
        )
      }
    >
      {unit.result ? (
        <UnitResult result={unit.result} exposedPopulation={unit.exposedPopulation} />
      ) : (
        <Typography.Text type="secondary">{t("majorHazard.notIdentified")}</Typography.Text>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t("filing.history")}
      </Typography.Title>
      {latest?.status === "accepted" && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t("filing.acceptedReadOnly")}
        </Typography.Paragraph>
      )}
      <FilingHistory filings={unit.filings} />
    </Card>
  );
}

function UnitsView({ enterpriseId, editable }: { enterpriseId?: string; editable: boolean }) {
  const t = useT();
  const [majorOnly, setMajorOnly] = useState(!editable);
  const [editing, setEditing] = useState<MajorHazardUnit | "new" | null>(null);
  const [filing, setFiling] = useState<MajorHazardUnit | null>(null);
  const units = useRequest(
    () =>
      api.get<{ items: MajorHazardUnit[] }>("/major-hazard-units", {
        enterpriseId,
        majorOnly: majorOnly || undefined,
      }),
    [enterpriseId, majorOnly],
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="major-hazard-units">
      <Alert type="info" showIcon title={t("majorHazard.explain")} />
      <Space wrap>
        {editable && enterpriseId && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="unit-create">
            {t("majorHazard.create")}
          </Button>
        )}
        <Space>
          <Switch checked={majorOnly} onChange={setMajorOnly} data-testid="unit-major-only" />
          {t("majorHazard.majorOnly")}
        </Space>
      </Space>
      <ErrorAlert error={units.error} onRetry={units.reload} />
      {units.loading && !units.data ? (
        <Skeleton active />
      ) : (units.data?.items.length ?? 0) === 0 ? (
        <Card>
          <Empty description={editable ? t("majorHazard.emptyEditable") : t("majorHazard.empty")} />
        </Card>
      ) : (
        units.data?.items.map((unit) => (
          <UnitCard
            key={unit.id}
            unit={unit}
            editable={editable}
            showEnterprise={!enterpriseId}
            onEdit={() => setEditing(unit)}
            onFile={() => setFiling(unit)}
          />
        ))
      )}
      {enterpriseId && (
        <UnitFormModal
          open={editing !== null}
          enterpriseId={enterpriseId}
          unit={editing === "new" || editing === null ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            units.reload();
          }}
        />
      )}
      <FilingModal
        unit={filing}
        onClose={() => setFiling(null)}
        onFiled={() => {
          setFiling(null);
          units.reload();
        }}
      />
    </Space>
  );
}

/** An enterprise user with several enterprises picks which one's units to declare. */
function EnterpriseChoice({ value, onChange }: { value?: string; onChange: (id: string) => void }) {
  const me = useMe();
  if (me.enterpriseIds.length < 2) return null;
  return (
    <EnterprisePicker
      style={{ width: 320 }}
      allowClear={false}
      popupMatchSelectWidth
      value={value}
      onChange={(id) => id && onChange(id)}
    />
  );
}

/**
 * Major hazard sources of hazardous chemicals (GB 18218-2018). Enterprises declare units and file them with the
 * emergency management department; supervisors receive the filings; other readers see the sources in their scope.
 */
export function MajorHazardsPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const ownEnterprise = isEnterpriseScoped(me.role);
  const editable = ownEnterprise && hasPermission(me, "major-hazard:write");
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>(me.enterpriseIds[0]);
  const canDecide = hasPermission(me, "major-hazard:decide");

  if (editable) {
    return (
      <Card
        title={t("majorHazard.title")}
        data-testid="major-hazards-page"
        extra={<EnterpriseChoice value={enterpriseId} onChange={setEnterpriseId} />}
      >
        <UnitsView enterpriseId={enterpriseId} editable />
      </Card>
    );
  }

  const tab = params.get("tab") ?? (canDecide ? "filings" : "units");
  return (
    <Card title={t("majorHazard.title")} data-testid="major-hazards-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          {
            key: "filings",
            label: <span data-testid="tab-filings">{canDecide ? t("filing.inbox") : t("filing.list")}</span>,
            children: <FilingsInbox />,
          },
          {
            key: "units",
            label: <span data-testid="tab-units">{t("majorHazard.sourcesInScope")}</span>,
            children: <UnitsView editable={false} />,
          },
        ]}
      />
    </Card>
  );
}
