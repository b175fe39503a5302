import { App, Button, type ButtonProps } from "antd";
import { useState } from "react";
import { downloadFile, errorMessage, type Query } from "../api/client";

/** A button that downloads one file of the API (an export, a PDF), busy while it comes, saying why when it fails. */
export function DownloadButton({
  path,
  query = {},
  fileName,
  "data-testid": testId,
  ...buttonProps
}: Omit<ButtonProps, "onClick" | "loading"> & {
  path: string;
  query?: Query;
  /** The name to save under when the server gives none. */
  fileName: string;
  "data-testid"?: string;
}) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    setBusy(true);
    try {
      await downloadFile(path, query, fileName);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return <Button {...buttonProps} data-testid={testId} loading={busy} onClick={download} />;
}
