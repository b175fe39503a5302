import { Space, Table, type TablePaginationConfig, Tag, Tooltip } from "antd";
import type { ColumnsType } from "antd/es/table";
import { Link, useNavigate } from "react-router-dom";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import type { RiskPointSummary } from "../../api/types";
import { publicCategoryLabel, riskPointKindLabel } from "../../components/labels";
import { controlLevelName, RiskLevelTag } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import { registerPath } from "./risk-data";

type Column = ColumnsType<RiskPointSummary>[number];
const orDash = (value: string) => value || "—";

/**
 * Risk points, a row opening the point: a register lists who controls each and where it is (`register`), a scope
 * lists whose register each belongs to (`scope`).
 */
export function RiskPointTable({
  view,
  kindTitle,
  points,
  loading,
  pagination,
  emptyText,
  testId,
}: {
  view: "register" | "scope";
  /** The kind column's heading (a public-area register calls it the category). */
  kindTitle?: string;
  points: RiskPointSummary[];
  loading: boolean;
  pagination: TablePaginationConfig;
  emptyText: string;
  testId: string;
}) {
  const t = useT();
  const [locale] = useLocale();
  const navigate = useNavigate();
  const register = view === "register";

  const owner: Column = {
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
  };
  const controlAndPlace: Column[] = [
    { title: t("risk.controllingUnit"), dataIndex: "controllingUnit", width: 140, render: orDash },
    { title: t("risk.responsiblePerson"), dataIndex: "responsiblePerson", width: 110, render: orDash },
    {
      title: t("risk.location"),
      key: "location",
      width: 90,
      render: (_: unknown, record) =>
        record.lng != null && record.lat != null ? (
          <Tooltip title={`${record.lng.toFixed(6)}, ${record.lat.toFixed(6)}`}>
            <Tag color="blue">{t("risk.located")}</Tag>
          </Tooltip>
        ) : (
          <Tag>{t("risk.notLocated")}</Tag>
        ),
    },
  ];
  const columns: Column[] = [
    {
      title: t("risk.level"),
      dataIndex: "level",
      width: 110,
      render: (value: RiskLevel | null) => <RiskLevelTag level={value} />,
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
    ...(register ? [] : [owner]),
    {
      title: kindTitle ?? t("risk.kind"),
      dataIndex: "kind",
      width: register ? 120 : 130,
      render: (kind: string, record) =>
        record.publicCategory ? publicCategoryLabel(t, record.publicCategory) : riskPointKindLabel(t, kind),
    },
    { title: t("risk.unit"), dataIndex: "unit", width: register ? 140 : 130, render: orDash },
    { title: t("risk.hazardCount"), dataIndex: "hazardCount", width: 90, align: "right" },
    {
      title: t("risk.controlLevel"),
      dataIndex: "controlLevel",
      width: 110,
      render: (value: string | null) => (value ? controlLevelName(locale, value) : "—"),
    },
    ...(register ? controlAndPlace : []),
  ];

  return (
    <Table<RiskPointSummary>
      data-testid={testId}
      rowKey="id"
      size="middle"
      loading={loading}
      dataSource={points}
      scroll={{ x: register ? 1100 : 1000 }}
      locale={{ emptyText }}
      onRow={(record) => ({ onClick: () => navigate(`/risk/points/${record.id}`), style: { cursor: "pointer" } })}
      pagination={pagination}
      columns={columns}
    />
  );
}
