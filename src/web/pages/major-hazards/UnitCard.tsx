import { AuditOutlined, EditOutlined } from "@ant-design/icons";
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from "antd";
import type { MajorHazardFiling, MajorHazardUnit } from "../../api/types";
import { FILING_STATUS_COLOURS, filingStatusLabel, unitKindLabel } from "../../components/labels";
import { useT } from "../../i18n";
import { FilingDetail, useFilingColumns } from "./FilingsInbox";
import { MajorHazardLevelTag, UnitResult } from "./UnitResult";

function FilingHistory({ filings }: { filings: MajorHazardFiling[] }) {
  const t = useT();
  const columns = useFilingColumns();
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
        columns.level,
        columns.submittedAt,
        ...columns.decision,
      ]}
    />
  );
}

/** One unit: its substances' terms, S, R and level, and its filings. */
export function UnitCard({
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
