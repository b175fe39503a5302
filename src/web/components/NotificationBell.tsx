import { BellOutlined } from "@ant-design/icons";
import { Badge, Button, List, Popover, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router-dom";
import { api } from "../api/client";
import { useLocale, useT } from "../i18n";
import type { AppNotification } from "../pages/hidden-dangers/hidden-danger-data";

const POLL_MS = 60_000;
const SEVERITY_COLOURS: Record<string, string> = { critical: "#d9001b", warning: "#fa8c16" };

/** The bell in the header: unread count, the latest notifications, a click opens what it is about. */
export function NotificationBell() {
  const t = useT();
  const [locale] = useLocale();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [data, setData] = useState<{ items: AppNotification[]; unread: number }>({ items: [], unread: 0 });

  const load = useCallback(() => {
    api
      .get<{ items: AppNotification[]; total: number; unread: number }>("/notifications", { pageSize: 20 })
      .then(setData)
      .catch(() => undefined);
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the server localises titles, so a language change reloads.
  useEffect(() => {
    load();
    const timer = setInterval(load, POLL_MS);
    return () => clearInterval(timer);
  }, [load, locale]);

  const openOne = async (item: AppNotification) => {
    setOpen(false);
    if (!item.readAt) await api.post(`/notifications/${item.id}/read`).catch(() => undefined);
    load();
    if (item.link?.startsWith("/")) navigate(item.link);
  };

  const readAll = async () => {
    await api.post("/notifications/read-all").catch(() => undefined);
    load();
  };

  const content = (
    <div style={{ width: "min(360px, 86vw)" }} data-testid="notification-list">
      <List<AppNotification>
        size="small"
        dataSource={data.items}
        locale={{ emptyText: t("notice.empty") }}
        style={{ maxHeight: 420, overflowY: "auto" }}
        renderItem={(item) => (
          <List.Item
            onClick={() => openOne(item)}
            style={{ cursor: "pointer", background: item.readAt ? undefined : "#e6f4ff", paddingInline: 8 }}
            data-testid="notification-item"
          >
            <div style={{ minWidth: 0 }}>
              <Typography.Text strong={!item.readAt} style={{ color: SEVERITY_COLOURS[item.severity] }}>
                {item.title}
              </Typography.Text>
              <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ marginBottom: 0, fontSize: 12 }}>
                {item.body}
              </Typography.Paragraph>
              <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                {new Date(item.createdAt).toLocaleString()}
              </Typography.Text>
            </div>
          </List.Item>
        )}
      />
    </div>
  );

  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (next) load();
      }}
      title={
        <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 12 }}>
          <span>
            {t("notice.title")}
            {data.unread > 0 && (
              <Typography.Text type="secondary" style={{ fontWeight: 400, marginInlineStart: 8 }}>
                {t("notice.unread", { count: data.unread })}
              </Typography.Text>
            )}
          </span>
          <Button
            size="small"
            type="link"
            disabled={data.unread === 0}
            onClick={readAll}
            data-testid="notification-read-all"
          >
            {t("notice.markAllRead")}
          </Button>
        </div>
      }
      content={content}
    >
      <Badge count={data.unread} size="small" offset={[-2, 4]} data-testid="notification-count">
        <Button
          type="text"
          shape="circle"
          icon={<BellOutlined style={{ fontSize: 18 }} />}
          data-testid="notification-bell"
        />
      </Badge>
    </Popover>
  );
}
