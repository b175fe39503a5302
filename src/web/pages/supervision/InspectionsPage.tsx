import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Descriptions, Drawer, List, Segmented, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { RequestTable } from "../../components/RequestTable";
import { type MessageKey, useT } from "../../i18n";
import { SupervisionTabs } from "./SupervisionTabs";
import {
  type Inspection,
  type InspectionDetail,
  type InspectionPage,
  penaltyLabel,
  resultLabel,
} from "./supervision-data";

type RecheckFilter = "all" | "open" | "overdue";

/** Enforcement inspection records in scope, with the open and overdue re-check tasks one click away. */
export function InspectionsPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const recheck = (params.get("recheck") as RecheckFilter | null) ?? "all";
  const page = Number(params.get("page") ?? 1) || 1;
  const [openId, setOpenId] = useState<string | null>(null);
  const canManage = hasPermission(me, "supervision:manage");
  const list = useRequest(
    () =>
      api.get<InspectionPage>("/supervision/inspections", {
        recheck: recheck === "all" ? undefined : recheck,
        page,
        pageSize: 20,
      }),
    [recheck, page],
  );
  const detail = useRequest(
    () => (openId ? api.get<InspectionDetail>(`/supervision/inspections/${openId}`) : Promise.resolve(undefined)),
    [openId],
  );

  const recheckTag = (inspection: Inspection) => {
    if (inspection.recheckOfId) return <Tag>{t("sup.isRecheck")}</Tag>;
    if (!inspection.recheckDue) return null;
    if (inspection.recheckInspectionId) return <Tag color="green">{t("sup.recheckDone")}</Tag>;
    return (
      <Tag color={inspection.recheckOverdue ? "red" : "gold"} data-testid="inspection-recheck-tag">
        {inspection.recheckOverdue ? t("sup.recheckOverdue") : t("sup.recheckOpen")} {inspection.recheckDue}
      </Tag>
    );
  };

  return (
    <div data-testid="supervision-inspections">
      <SupervisionTabs />
      <Card
        title={t("sup.inspectionsTitle")}
        extra={
          canManage && (
            <Link to="/supervision/inspections/new">
              <Button type="primary" icon={<PlusOutlined />}>
                {t("sup.inspectionTitle")}
              </Button>
            </Link>
          )
        }
      >
        <Segmented<RecheckFilter>
          data-testid="inspection-recheck-filter"
          value={recheck}
          style={{ marginBottom: 16 }}
          onChange={(value) => setParams(value === "all" ? {} : { recheck: value })}
          options={[
            { value: "all", label: t("sup.allInspections") },
            { value: "open", label: t("sup.recheckOpen") },
            { value: "overdue", label: t("sup.recheckOverdue") },
          ]}
        />
        <RequestTable<Inspection>
          request={list}
          rows={list.data?.items}
          data-testid="inspection-list"
          locale={{ emptyText: t("sup.noInspections") }}
          scroll={{ x: 900 }}
          onRow={(inspection) => ({ onClick: () => setOpenId(inspection.id), style: { cursor: "pointer" } })}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: (next) => setParams({ ...(recheck === "all" ? {} : { recheck }), page: String(next) }),
          }}
          columns={[
            {
              title: t("sup.code"),
              dataIndex: "code",
              width: 170,
              render: (code: string) => <span style={{ fontFamily: "monospace" }}>{code}</span>,
            },
            { title: t("sup.inspectedOn"), dataIndex: "inspectedOn", width: 110 },
            { title: t("sup.enterprise"), dataIndex: "enterpriseName" },
            {
              title: t("sup.inspectors"),
              dataIndex: "inspectorNames",
              render: (names: string[]) => names.join("、"),
            },
            {
              title: t("sup.hiddenDangerCount"),
              width: 80,
              render: (_, inspection) => inspection.hiddenDangerIds.length,
            },
            { title: t("sup.violations"), dataIndex: "violations", width: 90 },
            {
              title: t("sup.penaltyTotal"),
              dataIndex: "penaltyTotalYuan",
              width: 120,
              render: (total: number) => total.toLocaleString(),
            },
            { title: t("sup.recheck"), width: 170, render: (_, inspection) => recheckTag(inspection) },
            ...(canManage
              ? [
                  {
                    title: t("common.actions"),
                    width: 110,
                    render: (_: unknown, inspection: Inspection) =>
                      inspection.recheckDue && !inspection.recheckInspectionId ? (
                        <Button
                          size="small"
                          onClick={(event) => {
                            event.stopPropagation();
                            navigate(`/supervision/inspections/new?recheckOf=${inspection.id}`);
                          }}
                        >
                          {t("sup.recordRecheck")}
                        </Button>
                      ) : null,
                  },
                ]
              : []),
          ]}
        />
      </Card>
      <Drawer
        open={openId !== null}
        onClose={() => setOpenId(null)}
        size={640}
        title={detail.data ? t("sup.inspectionDetail", { code: detail.data.code }) : ""}
      >
        <ErrorAlert error={detail.error} />
        {detail.data && (
          <Space direction="vertical" style={{ width: "100%" }} data-testid="inspection-detail">
            <Descriptions size="small" column={1} bordered>
              <Descriptions.Item label={t("sup.enterprise")}>{detail.data.enterpriseName}</Descriptions.Item>
              <Descriptions.Item label={t("sup.inspectedOn")}>{detail.data.inspectedOn}</Descriptions.Item>
              <Descriptions.Item label={t("sup.inspectors")}>{detail.data.inspectorNames.join("、")}</Descriptions.Item>
              <Descriptions.Item label={t("sup.findings")}>{detail.data.findings || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("sup.rectificationDeadline")}>
                {detail.data.rectificationDeadline ?? "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("sup.violations")}>{detail.data.violations}</Descriptions.Item>
              <Descriptions.Item label={t("sup.recheckDue")}>{detail.data.recheckDue ?? "—"}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={5}>{t("sup.itemsChecked")}</Typography.Title>
            <List
              size="small"
              dataSource={detail.data.itemsChecked}
              renderItem={(checked) => (
                <List.Item>
                  <Space>
                    <Tag color={checked.result === "problem" ? "red" : checked.result === "ok" ? "green" : undefined}>
                      {resultLabel(t, checked.result)}
                    </Tag>
                    {checked.content}
                    {checked.note && <Typography.Text type="secondary">{checked.note}</Typography.Text>}
                  </Space>
                </List.Item>
              )}
            />
            <Typography.Title level={5}>{t("sup.hiddenDangers")}</Typography.Title>
            <List
              size="small"
              dataSource={detail.data.hiddenDangers}
              locale={{ emptyText: "—" }}
              renderItem={(danger) => (
                <List.Item>
                  <Space>
                    <Link to={`/hidden-dangers/${danger.id}`}>{danger.code}</Link>
                    <Tag>{t(`hdStatus.${danger.status}` as MessageKey)}</Tag>
                    {danger.description}
                  </Space>
                </List.Item>
              )}
            />
            <Typography.Title level={5}>{t("sup.penalties")}</Typography.Title>
            <List
              size="small"
              dataSource={detail.data.penalties}
              locale={{ emptyText: "—" }}
              renderItem={(penalty) => (
                <List.Item>
                  {penaltyLabel(t, penalty.kind)} · {penalty.amountYuan.toLocaleString()} · {penalty.legalBasis}
                </List.Item>
              )}
            />
          </Space>
        )}
      </Drawer>
    </div>
  );
}
