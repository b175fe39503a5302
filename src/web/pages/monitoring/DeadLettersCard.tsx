import { Card, Table, Typography } from "antd";
import { api } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { formatDateTime } from "../../components/labels";
import { useLocale, useT } from "../../i18n";
import type { DeadLetter } from "./monitoring-data";

/** The device's messages that could not be stored, with the reason, so the enterprise can fix the device. */
export function DeadLettersCard({ enterpriseId, deviceCode }: { enterpriseId: string; deviceCode: string }) {
  const t = useT();
  const [locale] = useLocale();
  const letters = useRequest(
    () => api.get<{ items: DeadLetter[] }>("/ingest/dead-letters", { enterpriseId, deviceCode, limit: 50 }),
    [enterpriseId, deviceCode, locale],
  );
  return (
    <Card title={t("device.deadLetters")} data-testid="device-dead-letters">
      <Table<DeadLetter>
        rowKey="id"
        size="small"
        loading={letters.loading}
        dataSource={letters.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: t("device.deadLettersNone") }}
        columns={[
          {
            title: t("device.deadLetterReason"),
            dataIndex: "message",
            render: (text: string, row) => (
              <>
                {text}
                {row.detail && (
                  <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                    {row.detail}
                  </Typography.Text>
                )}
              </>
            ),
          },
          { title: t("device.deadLetterCount"), dataIndex: "count", width: 80 },
          {
            title: t("device.deadLetterLast"),
            dataIndex: "lastAt",
            width: 170,
            render: (at: string) => formatDateTime(at, locale),
          },
          {
            title: t("device.deadLetterPayload"),
            dataIndex: "payloadExcerpt",
            render: (text: string) => (
              <Typography.Text code style={{ fontSize: 12, wordBreak: "break-all" }}>
                {text.length > 160 ? `${text.slice(0, 160)}…` : text}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
