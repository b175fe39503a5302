import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Modal, Space, Table, Typography, Upload } from "antd";
import { useEffect, useState } from "react";
import { ApiError, api, downloadFile } from "../../api/client";
import type { ImportResult, ImportRowError } from "../../api/types";
import { forgetTerritories } from "../../components/shared-data";
import { useT } from "../../i18n";

type Outcome =
  | { kind: "done"; result: ImportResult }
  | { kind: "rejected"; message: string; errors: ImportRowError[] }
  | { kind: "failed"; message: string };

type RawRowError = { row: number; column: string; reason?: string; message?: string };

/** The contract names the sentence `reason`; the server's localised details call it `message`. Either is accepted. */
function rowErrorsOf(error: ApiError): ImportRowError[] {
  const details = error.details as { errors?: RawRowError[] } | null;
  if (!Array.isArray(details?.errors)) return [];
  return details.errors.map((e) => ({ row: e.row, column: e.column, reason: e.reason ?? e.message ?? "" }));
}

/** Bulk import from the published template (XLSX or CSV): all rows or none, with a row-level error report. */
export function ImportEnterprisesModal({
  open,
  onClose,
  onImported,
}: {
  open: boolean;
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

  const template = (format: "xlsx" | "csv") =>
    downloadFile("/enterprises/import-template", { format }, `enterprise-import-template.${format}`).catch(
      (error: unknown) =>
        setOutcome({ kind: "failed", message: error instanceof ApiError ? error.message : String(error) }),
    );

  const upload = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      const result = await api.upload<ImportResult>("/enterprises/import", form);
      setOutcome({ kind: "done", result });
      forgetTerritories();
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
      title={t("import.title")}
      width={760}
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
          data-testid="import-submit"
        >
          {t("import.submit")}
        </Button>,
      ]}
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Typography.Paragraph style={{ margin: 0 }}>{t("import.explain")}</Typography.Paragraph>
        <Space>
          <Button icon={<DownloadOutlined />} onClick={() => template("xlsx")} data-testid="import-template-xlsx">
            {t("import.templateXlsx")}
          </Button>
          <Button icon={<DownloadOutlined />} onClick={() => template("csv")} data-testid="import-template-csv">
            {t("import.templateCsv")}
          </Button>
        </Space>
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
            data-testid="import-result"
            title={t("import.done", {
              total: outcome.result.total,
              created: outcome.result.created,
              updated: outcome.result.updated,
              unchanged: outcome.result.unchanged,
            })}
          />
        )}
        {outcome?.kind === "failed" && <Alert type="error" showIcon title={outcome.message} />}
        {outcome?.kind === "rejected" && (
          <>
            <Alert type="error" showIcon title={outcome.message} description={t("import.rejectedHint")} />
            <Table<ImportRowError>
              data-testid="import-errors"
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
