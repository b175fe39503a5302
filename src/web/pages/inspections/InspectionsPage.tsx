import { RightOutlined, UnorderedListOutlined } from "@ant-design/icons";
import { Button, Card, Empty, List, Progress, Segmented, Space, Tag, Typography } from "antd";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { CHECK_FREQUENCIES } from "../../../domain/risk/vocabulary";
import { api } from "../../api/client";
import type { Answer } from "../../api/contract";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { type MessageKey, type Translate, useT } from "../../i18n";
import { formatTime, type InspectionTask, type TaskStatus } from "../hidden-dangers/hidden-danger-data";

/** The task's kind in the reader's language (the server stores a Chinese title). */
export function taskTitle(t: Translate, task: Pick<InspectionTask, "frequency" | "title">): string {
  return (CHECK_FREQUENCIES as readonly string[]).includes(task.frequency)
    ? t(`insp.frequency.${task.frequency}` as MessageKey)
    : task.title;
}

const STATUS_COLOURS: Record<TaskStatus, string> = { open: "processing", done: "success", missed: "error" };
const STATUS_LABELS: Record<TaskStatus, MessageKey> = { open: "insp.open", done: "insp.done", missed: "insp.missed" };

/** My inspection tasks as big rows a thumb can hit: open ones first, missed ones marked red. */
export function InspectionsPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const view = (params.get("view") as "todo" | "done" | null) ?? "todo";
  const tasks = useRequest(async () => {
    if (view === "done")
      return (await api.get<Answer<"/api/v1/inspection-tasks">>("/inspection-tasks", { status: "done" })).items;
    const [open, missed] = await Promise.all([
      api.get<Answer<"/api/v1/inspection-tasks">>("/inspection-tasks", { status: "open" }),
      api.get<Answer<"/api/v1/inspection-tasks">>("/inspection-tasks", { status: "missed", pageSize: 20 }),
    ]);
    return [...open.items, ...missed.items];
  }, [view]);

  const canManage = hasPermission(me, "hidden-danger:manage") && me.enterpriseIds.length > 0;

  return (
    <Card
      title={t("insp.title")}
      data-testid="inspections-page"
      extra={
        canManage && (
          <Link to="/inspections/checklist">
            <Button icon={<UnorderedListOutlined />} data-testid="checklist-link">
              {t("insp.checklist")}
            </Button>
          </Link>
        )
      }
    >
      <Segmented
        block
        value={view}
        onChange={(value) => setParams(value === "todo" ? {} : { view: String(value) })}
        options={[
          { value: "todo", label: `${t("insp.open")} / ${t("insp.missed")}` },
          { value: "done", label: t("insp.done") },
        ]}
        style={{ marginBottom: 16 }}
      />
      <ErrorAlert error={tasks.error} onRetry={tasks.reload} />
      <List<InspectionTask>
        data-testid="task-list"
        loading={tasks.loading}
        dataSource={tasks.data ?? []}
        locale={{ emptyText: <Empty description={t("insp.none")} /> }}
        renderItem={(task) => (
          <List.Item
            onClick={() => navigate(`/inspections/${task.id}`)}
            style={{ cursor: "pointer", padding: "14px 8px" }}
            data-testid="task-row"
            extra={<RightOutlined style={{ color: "#999" }} />}
          >
            <Space direction="vertical" size={4} style={{ width: "100%" }}>
              <Space wrap>
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {taskTitle(t, task)}
                </Typography.Text>
                <Tag color={STATUS_COLOURS[task.status]}>{t(STATUS_LABELS[task.status])}</Tag>
              </Space>
              <Typography.Text type="secondary">
                {me.enterpriseIds.length !== 1 ? `${task.enterpriseName} · ` : ""}
                {t("insp.due", { at: formatTime(task.dueAt) })}
              </Typography.Text>
              <Progress
                percent={task.itemCount ? Math.round((task.doneCount / task.itemCount) * 100) : 0}
                format={() => t("insp.progress", { done: task.doneCount, count: task.itemCount })}
                status={task.status === "missed" ? "exception" : undefined}
                size="small"
              />
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
