import { Alert, Button } from "antd";
import type { ApiError } from "../api/client";
import { useT } from "../i18n";

/** The server's own (localised) message for a failed load, with a retry. */
export function ErrorAlert({ error, onRetry }: { error: ApiError | undefined; onRetry?: () => void }) {
  const t = useT();
  if (!error) return null;
  return (
    <Alert
      data-testid="error-alert"
      type="error"
      showIcon
      title={error.message}
      style={{ marginBottom: 16 }}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}
