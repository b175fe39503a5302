import { DownloadOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Modal, Space, Table, Typography, Upload } from "antd";
import { type ReactNode, useEffect, useState } from "react";
import { ApiError, errorMessage } from "../api/client";
import { useT } from "../i18n";

/** One problem of a rejected file: the spreadsheet row, the column and why, in the user's language. */
export type ImportRowError = { row: number; column: string; reason: string };

type Outcome<R> =
  | { kind: "done"; result: R }
  | { kind: "rejected"; message: string; errors: ImportRowError[] }
  | { kind: "failed"; message: string };

type RawRowError = { row: number; column: string; reason?: string; message?: string };

/** The contract names the sentence `reason`; the server's localised details call it `message`. Either is accepted. */
function rowErrorsOf(error: ApiError): ImportRowError[] {
  const details = error.details as { errors?: RawRowError[] } | null;
  if (!Array.isArray(details?.errors)) return [];
  return details.errors.map((e) => ({ row: e.row, column: e.column, reason: e.reason ?? e.message ?? "" }));
}

/** A template to download: its button and how to fetch it. */
export type ImportTemplate = { label: string; testId: string; download: () => Promise<void> };

/**
 * Bulk import from a published template (XLSX or CSV): all rows or none, with a row-level error report. `testIdPrefix`
 * names the dialog's parts (`<prefix>-submit`, `-result`, `-errors`).
 */
export function ImportDialog<R>({
  open,
  title,
  explain,
  width,
  templates,
  upload,
  describe,
  testIdPrefix,
  onClose,
  onImported,
}: {
  open: boolean;
  title: ReactNode;
  explain: ReactNode;
  width: number;
  templates: ImportTemplate[];
  upload: (form: FormData) => Promise<R>;
  /** The one-line summary of an accepted file. */
  describe: (result: R) => string;
  testIdPrefix: string;
  onClose: () => void;
  onImported: () => void;
}) {
  const t = useT();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome<R> | null>(null);

  useEffect(() => {
    if (open) {
      setFile(null);
      setOutcome(null);
    }
  }, [open]);

  const fail = (error: unknown) => setOutcome({ kind: "failed", message: errorMessage(error) });

  const send = async () => {
    if (!file) return;
    setBusy(true);
    setOutcome(null);
    const form = new FormData();
    form.append("file", file, file.name);
    try {
      setOutcome({ kind: "done", result: await upload(form) });
      onImported();
    } catch (error) {
      if (error instanceof ApiError && error.code === "IMPORT_REJECTED") {
        setOutcome({ kind: "rejected", message: error.message, errors: rowErrorsOf(error) });
      } else {
        fail(error);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={width}
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
          onClick={send}
          data-testid={`${testIdPrefix}-submit`}
        >
          {t("import.submit")}
        </Button>,
      ]}
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Typography.Paragraph style={{ margin: 0 }}>{explain}</Typography.Paragraph>
        <Space>
          {templates.map((template) => (
            <Button
              key={template.testId}
              icon={<DownloadOutlined />}
              onClick={() => template.download().catch(fail)}
              data-testid={template.testId}
            >
              {template.label}
            </Button>
          ))}
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
          <Alert type="success" showIcon data-testid={`${testIdPrefix}-result`} title={describe(outcome.result)} />
        )}
        {outcome?.kind === "failed" && <Alert type="error" showIcon title={outcome.message} />}
        {outcome?.kind === "rejected" && (
          <>
            <Alert type="error" showIcon title={outcome.message} description={t("import.rejectedHint")} />
            <Table<ImportRowError>
              data-testid={`${testIdPrefix}-errors`}
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
