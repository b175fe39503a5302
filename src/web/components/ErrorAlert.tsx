import { Alert, Button, Card, Result, Skeleton } from "antd";
import type { ApiError } from "../api/client";
import type { RequestState } from "../api/use-request";
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

/** A record's page until the record is there: "not found" for a 404, another failure with a retry, else loading. */
export function RecordPending({ request, notFound }: { request: RequestState<unknown>; notFound: string }) {
  if (request.error?.status === 404) return <Result status="404" title={notFound} subTitle={request.error.message} />;
  if (request.error) return <ErrorAlert error={request.error} onRetry={request.reload} />;
  return (
    <Card>
      <Skeleton active />
    </Card>
  );
}
