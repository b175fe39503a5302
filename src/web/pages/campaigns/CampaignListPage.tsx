import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Progress, Segmented, Space, Tag } from "antd";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { RequestTable } from "../../components/RequestTable";
import { useT } from "../../i18n";
import {
  type CampaignList,
  type CampaignListItem,
  type CampaignStatus,
  STATUS_COLOURS,
  statusLabel,
} from "./campaign-data";

/** Special actions the user runs or reports to, newest first, with how many reports are in and how many overdue. */
export function CampaignListPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const status = (params.get("status") as CampaignStatus | null) ?? undefined;
  const list = useRequest(() => api.get<CampaignList>("/campaigns", { status }), [status]);

  return (
    <Card
      title={t("campaign.listTitle")}
      data-testid="campaign-list"
      extra={
        hasPermission(me, "campaign:manage") && (
          <Link to="/campaigns/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="campaign-create-button">
              {t("campaign.create")}
            </Button>
          </Link>
        )
      }
    >
      <Space style={{ marginBottom: 16 }}>
        <Segmented<string>
          data-testid="campaign-status-filter"
          value={status ?? "all"}
          onChange={(value) => setParams(value === "all" ? {} : { status: value })}
          options={[
            { value: "all", label: t("campaign.all") },
            ...(["active", "draft", "closed"] as const).map((s) => ({ value: s, label: statusLabel(t, s) })),
          ]}
        />
      </Space>
      <RequestTable<CampaignListItem>
        request={list}
        rows={list.data?.items}
        data-testid="campaign-table"
        locale={{ emptyText: t("campaign.none") }}
        pagination={false}
        onRow={(record) => ({ onClick: () => navigate(`/campaigns/${record.id}`), style: { cursor: "pointer" } })}
        columns={[
          {
            title: t("campaign.title"),
            dataIndex: "title",
            render: (title: string, record) => (
              <Space direction="vertical" size={0}>
                <Link to={`/campaigns/${record.id}`}>{title}</Link>
                <span style={{ color: "#8c8c8c", fontSize: 12 }}>
                  {record.role === "runner" ? t("campaign.roleRunner") : t("campaign.roleParticipant")} ·{" "}
                  {record.createdByName}
                </span>
              </Space>
            ),
          },
          {
            title: t("campaign.status"),
            dataIndex: "status",
            width: 110,
            render: (s: CampaignStatus) => <Tag color={STATUS_COLOURS[s]}>{statusLabel(t, s)}</Tag>,
          },
          {
            title: t("campaign.period"),
            width: 220,
            render: (_: unknown, record) => `${record.startDate} — ${record.endDate}`,
          },
          { title: t("campaign.participants"), dataIndex: "participants", width: 100 },
          {
            title: t("campaign.submitted"),
            width: 200,
            render: (_: unknown, record) =>
              record.totals.due > 0 ? (
                <Progress
                  size="small"
                  percent={Math.round((Math.min(record.totals.submitted, record.totals.due) / record.totals.due) * 100)}
                  format={() => `${record.totals.submitted}/${record.totals.due}`}
                />
              ) : (
                "—"
              ),
          },
          {
            title: t("campaign.missing"),
            width: 110,
            render: (_: unknown, record) =>
              record.totals.missing > 0 ? <Tag color="red">{record.totals.missing}</Tag> : 0,
          },
        ]}
      />
    </Card>
  );
}
