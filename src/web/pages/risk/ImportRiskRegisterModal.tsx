import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Modal, Space, Table, Typography, Upload } from "antd";
import { useEffect, useState } from "react";
import { ApiError, api, downloadFile } from "../../api/client";
import type { ImportRowError, RiskImportResult } from "../../api/types";
import { useT } from "../../i18n";

type Outcome =
  | { kind: "done"; result: RiskImportResult }
  | { kind: "rejected"; message: string; errors: ImportRowError[] }
  | { kind: "failed"; message: string };

type RawRowError = { row: number; column: string; field?: string; reason?: string; message?: string };

function rowErrorsOf(error: ApiError): ImportRowError[] {
  const details = error.details as { errors?: RawRowError[] } | null;
  if (!Array.isArray(details?.errors)) return [];
  return details.errors.map((e) => ({ row: e.row, column: e.column, reason: e.message ?? e.reason ?? "" }));
}

/**
 * Imports risk points and hazards (optionally with their assessment) into one register from the published template:
 * all rows or none, with a row-level error report.
 */
export function ImportRiskRegisterModal({
  open,
  ownerId,
  ownerName,
  onClose,
  onImported,
}: {
  open: boolean;
  ownerId: string;
  ownerName: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  useEffect(() => {
    if (open) {
      setFile(null);
      setOutcome(null);
    }
  }, [open]);

  const template = () =>
    downloadFile("/risk-import-template", {}, "risk-register-import-template.xlsx").catch((error: unknown) =>
      setOutcome({ kind: "failed", message: error instanceof ApiError ? error.message : String(error) }),
    );

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      const result = await api.upload<RiskImportResult>("/risk-points/import", form, { ownerId });
      setOutcome({ kind: "done", result });
      onImported();
    } catch (error) {
      if (error instanceof ApiError && error.code === "IMPORT_REJECTED") {
        setOutcome({ kind: "rejected", message: error.message, errors: rowErrorsOf(error) });
      } else {
        setOutcome({ kind: "failed", message: error instanceof ApiError ? error.message : String(error) });
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t("riskImport.title", { name: ownerName })}
      width={780}
      onCancel={onClose}
      footer={[
        <Button key="close" onClick={onClose}>
          {t("common.close")}
        </Button>,
        <Button
          key="import"
          type="primary"
          disabled={!file}
          loading={busy}
          onClick={upload}
          data-testid="risk-import-submit"
        >
          {t("import.submit")}
        </Button>,
      ]}
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Typography.Paragraph style={{ margin: 0 }}>{t("riskImport.explain")}</Typography.Paragraph>
        <Button icon={<DownloadOutlined />} onClick={template} data-testid="risk-import-template">
          {t("import.templateXlsx")}
        </Button>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(chosen) => {
            setFile(chosen);
            setOutcome(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: "chosen", name: file.name, status: "done" }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t("import.drop")}</p>
          <p className="ant-upload-hint">{t("import.dropHint")}</p>
        </Upload.Dragger>
        {outcome?.kind === "done" && (
          <Alert
            type="success"
            showIcon
            data-testid="risk-import-result"
            title={t("riskImport.done", {
              pointsCreated: outcome.result.riskPoints.created,
              pointsUpdated: outcome.result.riskPoints.updated,
              pointsUnchanged: outcome.result.riskPoints.unchanged,
              hazardsCreated: outcome.result.hazards.created,
              hazardsUpdated: outcome.result.hazards.updated,
              assessments: outcome.result.assessments,
            })}
          />
        )}
        {outcome?.kind === "failed" && <Alert type="error" showIcon title={outcome.message} />}
        {outcome?.kind === "rejected" && (
          <>
            <Alert type="error" showIcon title={outcome.message} description={t("import.rejectedHint")} />
            <Table<ImportRowError>
              data-testid="risk-import-errors"
              size="small"
              rowKey={(error) => `${error.row}-${error.column}-${error.reason}`}
              dataSource={outcome.errors}
              pagination={{ pageSize: 10, hideOnSinglePage: true }}
              columns={[
                { title: t("import.row"), dataIndex: "row", width: 80 },
                { title: t("import.column"), dataIndex: "column", width: 160 },
                { title: t("import.reason"), dataIndex: "reason" },
              ]}
            />
          </>
        )}
      </Space>
    </Modal>
  );
}
