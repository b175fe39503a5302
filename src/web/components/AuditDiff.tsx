import { Table, Typography, theme } from "antd";
import { useT } from "../i18n";
import { type DiffRow, diffRecords, showValue } from "./audit-diff";
import { fieldLabel } from "./labels";

/** Before and after of one audit entry, field by field, changed fields highlighted. */
export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const t = useT();
  const { token } = theme.useToken();
  const rows = diffRecords(before, after);
  if (rows.length === 0) return <Typography.Text type="secondary">{t("audit.noChanges")}</Typography.Text>;
  const cell = (value: unknown) => (
    <Typography.Text style={{ fontFamily: "monospace", fontSize: 12, whiteSpace: "pre-wrap", wordBreak: "break-all" }}>
      {showValue(value)}
    </Typography.Text>
  );
  return (
    <Table<DiffRow>
      data-testid="audit-diff"
      size="small"
      rowKey="field"
      pagination={false}
      dataSource={rows}
      onRow={(row) => ({ style: row.changed ? { background: token.colorWarningBg } : undefined })}
      columns={[
        {
          title: t("audit.field"),
          dataIndex: "field",
          width: 240,
          render: (field: string) => {
            const label = fieldLabel(t, field);
            return (
              <span>
                <strong>{label}</strong>
                {label !== field && (
                  <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 6 }}>
                    {field}
                  </Typography.Text>
                )}
              </span>
            );
          },
        },
        { title: t("audit.before"), dataIndex: "before", render: cell },
        { title: t("audit.after"), dataIndex: "after", render: cell },
      ]}
    />
  );
}
