import { CheckOutlined, RollbackOutlined } from "@ant-design/icons";
import { Alert, App, Button, Descriptions, Drawer, Input, Modal, Popconfirm, Space, Tabs, Tag, Typography } from "antd";
import type { ColumnType } from "antd/es/table";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { FILING_STATUSES, type FilingStatus } from "../../../domain/major-hazard/vocabulary";
import { api, errorMessage } from "../../api/client";
import type { MajorHazardFiling } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { FILING_STATUS_COLOURS, filingStatusLabel, formatDateTime, unitKindLabel } from "../../components/labels";
import { RequestTable } from "../../components/RequestTable";
import { useLocale, useT } from "../../i18n";
import { MajorHazardLevelTag, UnitResult } from "./UnitResult";

/** A filing as it was submitted: the unit's snapshot, read-only, with the measures and the decision. */
export function FilingDetail({ filing }: { filing: MajorHazardFiling }) {
  const t = useT();
  const [locale] = useLocale();
  const snapshot = filing.snapshot ?? {};
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="filing-detail">
      <Descriptions
        bordered
        size="small"
        column={2}
        items={[
          { key: "enterprise", label: t("filing.enterprise"), children: filing.enterpriseName },
          {
            key: "unit",
            label: t("majorHazard.unitName"),
            children: `${snapshot.name ?? filing.unitName}${snapshot.unitKind ? ` · ${unitKindLabel(t, snapshot.unitKind)}` : ""}`,
          },
          {
            key: "status",
            label: t("filing.status"),
            children: <Tag color={FILING_STATUS_COLOURS[filing.status]}>{filingStatusLabel(t, filing.status)}</Tag>,
          },
          { key: "submittedAt", label: t("filing.submittedAt"), children: formatDateTime(filing.submittedAt, locale) },
          ...(filing.decidedAt
            ? [{ key: "decidedAt", label: t("filing.decidedAt"), children: formatDateTime(filing.decidedAt, locale) }]
            : []),
          ...(filing.decisionReason
            ? [{ key: "reason", label: t("filing.reason"), children: filing.decisionReason, span: 2 }]
            : []),
        ]}
      />
      <div>
        <Typography.Title level={5}>{t("filing.snapshot")}</Typography.Title>
        {snapshot.result ? (
          <UnitResult result={snapshot.result} exposedPopulation={snapshot.exposedPopulation ?? 0} />
        ) : (
          <Typography.Text type="secondary">{t("majorHazard.notIdentified")}</Typography.Text>
        )}
      </div>
      <div>
        <Typography.Title level={5}>{t("filing.safetyMeasures")}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{filing.safetyMeasures}</Typography.Paragraph>
        <Typography.Title level={5}>{t("filing.emergencyMeasures")}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: "pre-wrap" }}>{filing.emergencyMeasures}</Typography.Paragraph>
      </div>
    </Space>
  );
}

/** The columns every list of filings shows: the level filed, when it was filed, and the decision once there is one. */
export function useFilingColumns() {
  const t = useT();
  const [locale] = useLocale();
  const level: ColumnType<MajorHazardFiling> = {
    title: t("majorHazard.level"),
    key: "level",
    width: 170,
    render: (_: unknown, filing) => (
      <MajorHazardLevelTag result={{ isMajorHazard: filing.level != null, level: filing.level }} />
    ),
  };
  const submittedAt: ColumnType<MajorHazardFiling> = {
    title: t("filing.submittedAt"),
    dataIndex: "submittedAt",
    width: 160,
    render: (at: string) => formatDateTime(at, locale),
  };
  const decision: ColumnType<MajorHazardFiling>[] = [
    {
      title: t("filing.decidedAt"),
      dataIndex: "decidedAt",
      width: 160,
      render: (at: string | null) => formatDateTime(at, locale),
    },
    { title: t("filing.reason"), dataIndex: "decisionReason", render: (reason: string | null) => reason || "—" },
  ];
  return { level, submittedAt, decision };
}

function StatusList({ status, onOpen }: { status: FilingStatus; onOpen: (filing: MajorHazardFiling) => void }) {
  const t = useT();
  const columns = useFilingColumns();
  const list = useRequest(() => api.get<{ items: MajorHazardFiling[] }>("/major-hazard-filings", { status }), [status]);
  return (
    <RequestTable<MajorHazardFiling>
      request={list}
      rows={list.data?.items}
      data-testid={`filings-${status}`}
      locale={{ emptyText: t("filing.none") }}
      onRow={(filing) => ({ onClick: () => onOpen(filing), style: { cursor: "pointer" } })}
      columns={[
        { title: t("filing.enterprise"), dataIndex: "enterpriseName" },
        { title: t("majorHazard.unitName"), dataIndex: "unitName" },
        columns.level,
        columns.submittedAt,
        ...(status === "submitted" ? [] : columns.decision),
      ]}
    />
  );
}

/** Filings in the supervisor's territory, by status; a submitted one is accepted or returned with a reason. */
export function FilingsInbox() {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const status = (FILING_STATUSES as readonly string[]).includes(params.get("status") ?? "")
    ? (params.get("status") as FilingStatus)
    : "submitted";
  const [open, setOpen] = useState<MajorHazardFiling | null>(null);
  const [returning, setReturning] = useState(false);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [version, setVersion] = useState(0);
  const canDecide = hasPermission(me, "major-hazard:decide");

  const decide = async (decision: "accept" | "return") => {
    if (!open) return;
    setBusy(true);
    try {
      await api.post(`/major-hazard-filings/${open.id}/decision`, {
        decision,
        ...(decision === "return" ? { reason: reason.trim() } : {}),
      });
      message.success(decision === "accept" ? t("filing.accepted") : t("filing.returned"));
      setReturning(false);
      setOpen(null);
      setVersion((v) => v + 1);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="filings-inbox">
      <Tabs
        activeKey={status}
        onChange={(key) => setParams({ tab: "filings", status: key })}
        destroyOnHidden
        items={FILING_STATUSES.map((s) => ({
          key: s,
          label: <span data-testid={`filings-tab-${s}`}>{filingStatusLabel(t, s)}</span>,
          children: <StatusList key={version} status={s} onOpen={setOpen} />,
        }))}
      />
      <Drawer
        open={open !== null}
        size="large"
        title={open ? t("filing.drawerTitle", { unit: open.unitName, enterprise: open.enterpriseName }) : ""}
        onClose={() => setOpen(null)}
        extra={
          open?.status === "submitted" &&
          canDecide && (
            <Space>
              <Button
                icon={<RollbackOutlined />}
                onClick={() => {
                  setReason("");
                  setReturning(true);
                }}
                data-testid="filing-return"
              >
                {t("filing.return")}
              </Button>
              <Popconfirm title={t("filing.acceptConfirm")} onConfirm={() => decide("accept")}>
                <Button type="primary" icon={<CheckOutlined />} loading={busy} data-testid="filing-accept">
                  {t("filing.accept")}
                </Button>
              </Popconfirm>
            </Space>
          )
        }
      >
        {open && (
          <>
            {open.status === "accepted" && (
              <Alert type="success" showIcon style={{ marginBottom: 16 }} title={t("filing.acceptedReadOnly")} />
            )}
            <FilingDetail filing={open} />
          </>
        )}
      </Drawer>
      <Modal
        open={returning}
        title={t("filing.returnTitle")}
        onCancel={() => setReturning(false)}
        onOk={() => decide("return")}
        okButtonProps={{ disabled: !reason.trim(), danger: true }}
        okText={t("filing.return")}
        confirmLoading={busy}
      >
        <Typography.Paragraph>{t("filing.returnExplain")}</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          maxLength={2000}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          placeholder={t("filing.reasonPlaceholder")}
          data-testid="filing-return-reason"
        />
      </Modal>
    </div>
  );
}
