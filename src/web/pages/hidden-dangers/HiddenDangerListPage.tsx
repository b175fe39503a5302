import { CameraOutlined } from "@ant-design/icons";
import { Button, Card, Checkbox, Grid, Select, Space, Typography } from "antd";
import { Link, useNavigate } from "react-router-dom";
import { HIDDEN_DANGER_STATUSES, type HiddenDangerLevel } from "../../../domain/hidden-danger";
import { api } from "../../api/client";
import type { Answer, ItemOf } from "../../api/contract";
import { useRequest } from "../../api/use-request";
import { hasPermission, isTerritoryScoped } from "../../app/navigation";
import { useMe } from "../../app/session";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { useUrlFilters } from "../../components/paging";
import { RequestTable } from "../../components/RequestTable";
import { useT } from "../../i18n";
import { HiddenDangerTags } from "./HiddenDangerTags";
import { formatDate, sourceLabel, statusLabel } from "./hidden-danger-data";

/** Hidden dangers in the caller's scope, newest first; filters live in the URL. */
export function HiddenDangerListPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { params, page, pageSize, update, pagination } = useUrlFilters();
  const status = params.get("status") ?? undefined;
  const level = (params.get("level") as HiddenDangerLevel | null) ?? undefined;
  const overdue = params.get("overdue") === "true";
  const supervised = params.get("supervised") === "true";
  const enterpriseId = params.get("enterpriseId") ?? undefined;
  // A phone gets one column per danger: code, tags, what it is and when, without sideways scrolling.
  const narrow = !Grid.useBreakpoint().md;

  const list = useRequest(
    () =>
      api.get<Answer<"/api/v1/hidden-dangers">>("/hidden-dangers", {
        status,
        level,
        overdue: overdue || undefined,
        supervised: supervised || undefined,
        enterpriseId,
        page,
        pageSize,
      }),
    [status, level, overdue, supervised, enterpriseId, page, pageSize],
  );

  return (
    <Card
      title={t("hd.listTitle")}
      data-testid="hd-list-page"
      extra={
        hasPermission(me, "hidden-danger:report") && (
          <Link to="/hidden-dangers/report">
            <Button type="primary" icon={<CameraOutlined />} data-testid="hd-report-button">
              {t("hd.report")}
            </Button>
          </Link>
        )
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        {isTerritoryScoped(me) && (
          <EnterprisePicker
            data-testid="hd-enterprise"
            value={enterpriseId}
            onChange={(value) => update({ enterpriseId: value })}
            placeholder={t("hd.enterprise")}
            style={{ width: 240 }}
          />
        )}
        <Select
          data-testid="hd-status-filter"
          allowClear
          value={status}
          onChange={(value) => update({ status: value })}
          placeholder={t("hd.filterStatus")}
          style={{ width: 150 }}
          options={HIDDEN_DANGER_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
        />
        <Select<HiddenDangerLevel>
          data-testid="hd-level-filter"
          allowClear
          value={level}
          onChange={(value) => update({ level: value })}
          placeholder={t("hd.filterLevel")}
          style={{ width: 130 }}
          options={[
            { value: "general", label: t("hdLevel.general") },
            { value: "major", label: t("hdLevel.major") },
          ]}
        />
        <Checkbox
          checked={overdue}
          onChange={(e) => update({ overdue: e.target.checked })}
          data-testid="hd-overdue-filter"
        >
          {t("hd.onlyOverdue")}
        </Checkbox>
        <Checkbox checked={supervised} onChange={(e) => update({ supervised: e.target.checked })}>
          {t("hd.onlySupervised")}
        </Checkbox>
      </Space>
      <RequestTable<ItemOf<"/api/v1/hidden-dangers">>
        request={list}
        rows={list.data?.items}
        data-testid="hd-table"
        scroll={narrow ? undefined : { x: 900 }}
        onRow={(record) => ({ onClick: () => navigate(`/hidden-dangers/${record.id}`), style: { cursor: "pointer" } })}
        pagination={pagination(list.data?.total)}
        columns={
          narrow
            ? [
                {
                  title: t("hd.description"),
                  dataIndex: "description",
                  render: (text: string, record) => (
                    <Space direction="vertical" size={4} style={{ width: "100%" }}>
                      <Space wrap size={4}>
                        <span style={{ fontFamily: "monospace", color: "#1677ff" }}>{record.code}</span>
                        <HiddenDangerTags
                          status={record.status}
                          level={record.status === "reported" ? null : record.level}
                          overdue={record.overdue}
                          listed={record.supervision?.listed}
                        />
                      </Space>
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                        {text}
                      </Typography.Paragraph>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDate(record.foundAt)}
                        {record.deadline ? ` · ${t("hd.deadline")} ${formatDate(record.deadline)}` : ""}
                      </Typography.Text>
                    </Space>
                  ),
                },
              ]
            : [
                {
                  title: t("hd.code"),
                  dataIndex: "code",
                  width: 170,
                  render: (code: string, record) => (
                    <Link to={`/hidden-dangers/${record.id}`} onClick={(event) => event.stopPropagation()}>
                      <span style={{ fontFamily: "monospace" }}>{code}</span>
                    </Link>
                  ),
                },
                {
                  title: t("hd.description"),
                  dataIndex: "description",
                  render: (text: string, record) => (
                    <div>
                      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                        {text}
                      </Typography.Paragraph>
                      {isTerritoryScoped(me) && (
                        <Typography.Text type="secondary">{record.enterpriseName}</Typography.Text>
                      )}
                    </div>
                  ),
                },
                {
                  title: t("hd.status"),
                  dataIndex: "status",
                  width: 220,
                  render: (_: unknown, record) => (
                    <HiddenDangerTags
                      status={record.status}
                      level={record.status === "reported" ? null : record.level}
                      overdue={record.overdue}
                      listed={record.supervision?.listed}
                    />
                  ),
                },
                { title: t("hd.source"), dataIndex: "source", width: 120, render: (s: string) => sourceLabel(t, s) },
                { title: t("hd.foundAt"), dataIndex: "foundAt", width: 120, render: formatDate },
                { title: t("hd.deadline"), dataIndex: "deadline", width: 120, render: formatDate },
              ]
        }
      />
    </Card>
  );
}
