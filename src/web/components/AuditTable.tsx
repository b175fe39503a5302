import { Tag, Tooltip, Typography } from "antd";
import { useEffect } from "react";
import { Link } from "react-router-dom";
import { api, type Query } from "../api/client";
import type { AuditEntry, Page } from "../api/types";
import { useRequest } from "../api/use-request";
import { useLocale, useT } from "../i18n";
import { AuditDiff } from "./AuditDiff";
import { auditActionLabel, entityTypeLabel, formatDateTime } from "./labels";
import { usePaging } from "./paging";
import { RequestTable } from "./RequestTable";

export type AuditFilters = { entityType?: string; entityId?: string; actor?: string; from?: string; to?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-/i;
/** Record ids are UUIDs: the first 8 hex digits tell them apart on screen; other ids are short enough to show whole. */
const shortId = (id: string) => (UUID.test(id) ? id.slice(0, 8) : id);

const ACTION_COLOURS: Record<string, string> = { create: "green", update: "blue", delete: "red", revoke: "orange" };

/** The audit trail, newest first, paged by the server; each row opens to its before/after comparison. */
export function AuditTable({ filters, showEntity = true }: { filters: AuditFilters; showEntity?: boolean }) {
  const t = useT();
  const [locale] = useLocale();
  const { page, pageSize, setPage, pagination } = usePaging();
  const filterKey = JSON.stringify(filters);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter starts again at page 1.
  useEffect(() => setPage(1), [filterKey]);
  const list = useRequest(
    () => api.get<Page<AuditEntry>>("/audit", { ...(filters as Query), page, pageSize }),
    [filterKey, page, pageSize],
  );
  return (
    <RequestTable<AuditEntry>
      request={list}
      rows={list.data?.items}
      data-testid="audit-table"
      size="small"
      rowKey="seq"
      locale={{ emptyText: t("audit.empty") }}
      scroll={{ x: 900 }}
      expandable={{ expandedRowRender: (entry) => <AuditDiff before={entry.before} after={entry.after} /> }}
      pagination={pagination(list.data?.total)}
      columns={[
        { title: "#", dataIndex: "seq", width: 70 },
        { title: t("audit.at"), dataIndex: "at", width: 170, render: (at: string) => formatDateTime(at, locale) },
        { title: t("audit.actor"), dataIndex: "actorName", width: 200 },
        { title: t("audit.ip"), dataIndex: "actorIp", width: 130 },
        {
          title: t("audit.action"),
          dataIndex: "action",
          width: 100,
          render: (action: string) => <Tag color={ACTION_COLOURS[action]}>{auditActionLabel(t, action)}</Tag>,
        },
        ...(showEntity
          ? [
              {
                title: t("audit.entity"),
                key: "entity",
                render: (_: unknown, entry: AuditEntry) => (
                  <span>
                    {entityTypeLabel(t, entry.entityType)}{" "}
                    {entry.entityType === "enterprise" ? (
                      <Link to={`/enterprises/${entry.entityId}`}>
                        <Typography.Text code>{shortId(entry.entityId)}</Typography.Text>
                      </Link>
                    ) : (
                      <Tooltip title={entry.entityId}>
                        <Typography.Text code>{shortId(entry.entityId)}</Typography.Text>
                      </Tooltip>
                    )}
                  </span>
                ),
              },
            ]
          : []),
        {
          title: t("audit.hash"),
          dataIndex: "hash",
          width: 120,
          render: (hash: string) => (
            <Tooltip title={hash}>
              <Typography.Text type="secondary" style={{ fontFamily: "monospace", fontSize: 12 }}>
                {hash.slice(0, 10)}…
              </Typography.Text>
            </Tooltip>
          ),
        },
      ]}
    />
  );
}
