import { Table, type TableProps } from "antd";
import type { ApiError } from "../api/client";
import { ErrorAlert } from "./ErrorAlert";

type Loaded = { error: ApiError | undefined; loading: boolean; reload: () => void };

/**
 * A table of what one request loaded: the request's error with a retry above it, its loading state on the table.
 * Rows are keyed by `id` unless told otherwise.
 */
export function RequestTable<T extends object>({
  request,
  rows,
  ...table
}: { request: Loaded; rows: readonly T[] | undefined } & Omit<TableProps<T>, "dataSource" | "loading">) {
  return (
    <>
      <ErrorAlert error={request.error} onRetry={request.reload} />
      <Table<T> rowKey="id" size="middle" loading={request.loading} dataSource={[...(rows ?? [])]} {...table} />
    </>
  );
}
