import { CheckOutlined, CloseOutlined, EnvironmentOutlined, MinusOutlined, WarningOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Input, Progress, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { Link, useParams } from "react-router-dom";
import { api, errorMessage } from "../../api/client";
import type { Answer } from "../../api/contract";
import { useRequest } from "../../api/use-request";
import { ErrorAlert } from "../../components/ErrorAlert";
import { usePageCrumb } from "../../components/page-crumb";
import { useT } from "../../i18n";
import {
  type CheckOutcome,
  formatTime,
  type InspectionTask,
  type InspectionTaskItem,
} from "../hidden-dangers/hidden-danger-data";
import { PhotoCapture } from "../hidden-dangers/PhotoCapture";
import { taskTitle } from "./InspectionsPage";

type TaskDetail = Answer<"/api/v1/inspection-tasks/{id}">;

/** The device's position when it can tell within a few seconds; a check is still recorded without it. */
function currentPosition(): Promise<{ lng: number; lat: number } | null> {
  if (!("geolocation" in navigator)) return Promise.resolve(null);
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ lng: position.coords.longitude, lat: position.coords.latitude }),
      () => resolve(null),
      { timeout: 5000, maximumAge: 60_000 },
    );
  });
}

const OUTCOME_STYLE: Record<CheckOutcome, { colour: string; icon: React.ReactNode }> = {
  pass: { colour: "#52c41a", icon: <CheckOutlined /> },
  fail: { colour: "#ff4d4f", icon: <CloseOutlined /> },
  not_applicable: { colour: "#8c8c8c", icon: <MinusOutlined /> },
};

function CheckItemCard({
  task,
  item,
  onRecorded,
}: {
  task: TaskDetail;
  item: InspectionTaskItem;
  onRecorded: (item: InspectionTaskItem) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [note, setNote] = useState(item.note);
  const [photoIds, setPhotoIds] = useState<string[]>(item.photoIds);
  const [saving, setSaving] = useState<CheckOutcome | null>(null);
  const editable = task.status === "open";

  const record = async (outcome: CheckOutcome) => {
    setSaving(outcome);
    try {
      const position = await currentPosition();
      const saved = await api.put<{ outcome: CheckOutcome; hiddenDangerId: string | null }>(
        `/inspection-tasks/${task.id}/items/${item.checklistItemId}`,
        {
          outcome,
          ...(note.trim() ? { note: note.trim() } : {}),
          ...(photoIds.length ? { photoIds } : {}),
          ...(position ?? {}),
        },
      );
      onRecorded({
        ...item,
        outcome: saved.outcome,
        hiddenDangerId: saved.hiddenDangerId,
        note,
        photoIds,
        lng: position?.lng ?? null,
        lat: position?.lat ?? null,
        recordedAt: new Date().toISOString(),
      });
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(null);
    }
  };

  const buttons: { outcome: CheckOutcome; label: string }[] = [
    { outcome: "pass", label: t("insp.pass") },
    { outcome: "fail", label: t("insp.fail") },
    { outcome: "not_applicable", label: t("insp.na") },
  ];

  return (
    <Card
      size="small"
      data-testid="check-item"
      style={item.outcome ? { borderLeft: `4px solid ${OUTCOME_STYLE[item.outcome].colour}` } : undefined}
    >
      <Typography.Paragraph strong style={{ fontSize: 16, marginBottom: 12 }}>
        {item.content}
      </Typography.Paragraph>
      <div style={{ display: "grid", gridTemplateColumns: "1fr 1fr 1fr", gap: 8, marginBottom: 12 }}>
        {buttons.map(({ outcome, label }) => {
          const chosen = item.outcome === outcome;
          const { colour, icon } = OUTCOME_STYLE[outcome];
          return (
            <Button
              key={outcome}
              size="large"
              icon={icon}
              loading={saving === outcome}
              disabled={!editable || (saving !== null && saving !== outcome)}
              onClick={() => record(outcome)}
              data-testid={`check-${outcome}`}
              style={{
                height: 52,
                fontSize: 16,
                ...(chosen
                  ? { background: colour, borderColor: colour, color: "#fff" }
                  : { borderColor: colour, color: colour }),
              }}
            >
              {label}
            </Button>
          );
        })}
      </div>
      {editable ? (
        <Space direction="vertical" style={{ width: "100%" }}>
          <Input.TextArea
            value={note}
            onChange={(event) => setNote(event.target.value)}
            placeholder={t("insp.notePlaceholder")}
            autoSize={{ minRows: 1, maxRows: 4 }}
            style={{ fontSize: 16 }}
            data-testid="check-note"
          />
          <PhotoCapture
            ownerId={task.enterpriseId}
            value={photoIds}
            onChange={setPhotoIds}
            size="middle"
            label={t("insp.photo")}
            testId="check-photo"
          />
        </Space>
      ) : (
        item.note && <Typography.Text>{item.note}</Typography.Text>
      )}
      <Space wrap style={{ marginTop: 8 }}>
        {item.recordedAt && <Typography.Text type="secondary">{formatTime(item.recordedAt)}</Typography.Text>}
        {item.lat !== null && (
          <Tag icon={<EnvironmentOutlined />} color="blue">
            {t("insp.located")}
          </Tag>
        )}
      </Space>
      {item.hiddenDangerId && (
        <Alert
          type="warning"
          showIcon
          icon={<WarningOutlined />}
          style={{ marginTop: 8 }}
          title={<Link to={`/hidden-dangers/${item.hiddenDangerId}`}>{t("insp.openedLink")}</Link>}
          data-testid="check-hidden-danger"
        />
      )}
    </Card>
  );
}

/** One inspection on a phone: each check with pass / fail / not applicable, a note, a photo and the location. */
export function InspectionTaskPage() {
  const { id = "" } = useParams();
  const t = useT();
  const { message } = App.useApp();
  const request = useRequest(() => api.get<TaskDetail>(`/inspection-tasks/${id}`), [id]);
  const [task, setTask] = useState<TaskDetail | null>(null);
  const [completing, setCompleting] = useState(false);
  const current = task && task.id === id ? task : request.data;
  usePageCrumb(current ? taskTitle(t, current) : null);

  if (request.error) return <ErrorAlert error={request.error} onRetry={request.reload} />;
  if (!current) return <Card loading />;

  const done = current.items.filter((i) => i.outcome).length;
  const complete = async () => {
    setCompleting(true);
    try {
      const finished = await api.post<InspectionTask>(`/inspection-tasks/${current.id}/complete`);
      setTask({ ...current, ...finished });
      message.success(t("insp.completed"));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setCompleting(false);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%", maxWidth: 720 }} data-testid="task-page">
      <Card size="small">
        <Space direction="vertical" size={4} style={{ width: "100%" }}>
          <Space wrap>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {taskTitle(t, current)}
            </Typography.Title>
            {current.status === "missed" && <Tag color="error">{t("insp.missed")}</Tag>}
            {current.status === "done" && <Tag color="success">{t("insp.done")}</Tag>}
          </Space>
          <Typography.Text type="secondary">
            {current.enterpriseName} · {t("insp.due", { at: formatTime(current.dueAt) })}
          </Typography.Text>
          <Progress
            percent={current.items.length ? Math.round((done / current.items.length) * 100) : 0}
            format={() => t("insp.progress", { done, count: current.items.length })}
          />
        </Space>
        {current.status === "missed" && <Alert type="error" showIcon title={t("insp.missedText")} />}
      </Card>
      {current.items.map((item) => (
        <CheckItemCard
          key={item.checklistItemId}
          task={current}
          item={item}
          onRecorded={(recorded) =>
            setTask({
              ...current,
              items: current.items.map((i) => (i.checklistItemId === recorded.checklistItemId ? recorded : i)),
            })
          }
        />
      ))}
      {current.status === "open" && (
        <Button
          type="primary"
          size="large"
          block
          disabled={done < current.items.length}
          loading={completing}
          onClick={complete}
          data-testid="task-complete"
          style={{ height: 56, fontSize: 18 }}
        >
          {t("insp.complete")}
        </Button>
      )}
    </Space>
  );
}
