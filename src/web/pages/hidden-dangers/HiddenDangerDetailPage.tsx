import { Alert, App, Button, Card, Col, Descriptions, Empty, Row, Space, Timeline, Typography } from "antd";
import { useState } from "react";
import { useParams } from "react-router-dom";
import type { HiddenDangerActionType } from "../../../domain/hidden-danger";
import { api } from "../../api/client";
import { useRequest } from "../../api/use-request";
import { isTerritoryScoped } from "../../app/navigation";
import { useMe } from "../../app/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { usePageCrumb } from "../../components/page-crumb";
import { type MessageKey, useT } from "../../i18n";
import { ActionModal } from "./ActionModal";
import { HiddenDangerTags } from "./HiddenDangerTags";
import {
  actionLabel,
  categoryLabel,
  formatDate,
  formatTime,
  type HiddenDanger,
  sourceLabel,
  statusLabel,
} from "./hidden-danger-data";
import { PhotoStrip } from "./PhotoCapture";

// Steps that move a danger backwards or end it are shown in red.
const DANGER_ACTIONS: readonly HiddenDangerActionType[] = ["dismiss", "verify_fail", "reject_extension"];
const PRIMARY_ACTIONS: readonly HiddenDangerActionType[] = [
  "confirm",
  "start_rectification",
  "submit_rectification",
  "verify_pass",
];

/** One hidden danger: photos before and after, the facts, supervision, plan, history and the caller's next steps. */
export function HiddenDangerDetailPage() {
  const { id = "" } = useParams();
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [acting, setActing] = useState<HiddenDangerActionType | null>(null);
  const [fresh, setFresh] = useState<HiddenDanger | null>(null);
  const request = useRequest(() => api.get<HiddenDanger>(`/hidden-dangers/${id}`), [id]);
  const danger = fresh && fresh.id === id ? fresh : request.data;
  usePageCrumb(danger?.code);

  if (request.error) return <ErrorAlert error={request.error} onRetry={request.reload} />;
  if (!danger) return <Card loading />;

  const graded = danger.status !== "reported" || danger.events.some((e) => e.action === "confirm");
  const plan = danger.plan;

  return (
    <Space direction="vertical" size="middle" style={{ width: "100%" }} data-testid="hd-detail">
      <Card
        title={
          <Space wrap>
            <span style={{ fontFamily: "monospace" }} data-testid="hd-code">
              {danger.code}
            </span>
            <HiddenDangerTags
              status={danger.status}
              level={graded ? danger.level : null}
              overdue={danger.overdue}
              listed={danger.supervision.listed}
            />
          </Space>
        }
      >
        <Typography.Paragraph style={{ fontSize: 16 }} data-testid="hd-description">
          {danger.description}
        </Typography.Paragraph>
        <div data-testid="hd-actions">
          <Typography.Text type="secondary" style={{ display: "block", marginBottom: 8 }}>
            {danger.availableActions.length ? t("hd.yourActions") : t("hd.noActions")}
          </Typography.Text>
          <Space wrap>
            {danger.availableActions.map((action) => (
              <Button
                key={action}
                size="large"
                type={PRIMARY_ACTIONS.includes(action) ? "primary" : "default"}
                danger={DANGER_ACTIONS.includes(action)}
                onClick={() => setActing(action)}
                data-testid={`hd-action-${action}`}
              >
                {actionLabel(t, action)}
              </Button>
            ))}
          </Space>
        </div>
        {danger.pendingExtension && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            title={t("hd.pendingExtension", {
              deadline: formatDate(danger.pendingExtension.newDeadline),
              reason: danger.pendingExtension.reason,
            })}
          />
        )}
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={12}>
          <Card title={t("hd.photosBefore")} size="small" data-testid="hd-photos-before">
            <PhotoStrip ids={danger.photoBeforeIds} />
          </Card>
        </Col>
        <Col xs={12}>
          <Card title={t("hd.photosAfter")} size="small" data-testid="hd-photos-after">
            <PhotoStrip ids={danger.photoAfterIds} />
          </Card>
        </Col>
      </Row>

      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t("hd.facts")} size="small">
            <Descriptions column={{ xs: 1, sm: 2 }} size="small" data-testid="hd-facts">
              {isTerritoryScoped(me) && (
                <Descriptions.Item label={t("hd.enterprise")}>{danger.enterpriseName}</Descriptions.Item>
              )}
              <Descriptions.Item label={t("hd.status")}>{statusLabel(t, danger.status)}</Descriptions.Item>
              <Descriptions.Item label={t("hd.source")}>{sourceLabel(t, danger.source)}</Descriptions.Item>
              <Descriptions.Item label={t("hd.category")}>{categoryLabel(t, danger.categoryCode)}</Descriptions.Item>
              <Descriptions.Item label={t("hd.place")}>{danger.place || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("hd.foundAt")}>{formatTime(danger.foundAt)}</Descriptions.Item>
              <Descriptions.Item label={t("hd.deadline")}>
                <span style={danger.overdue ? { color: "#cf1322", fontWeight: 600 } : undefined}>
                  {formatTime(danger.deadline)}
                </span>
              </Descriptions.Item>
              <Descriptions.Item label={t("hd.responsibleUnit")}>{danger.responsibleUnit || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("hd.responsiblePerson")}>
                {danger.responsibleUserId === me.id
                  ? me.displayName
                  : danger.responsibleUserId
                    ? (danger.responsibleUserName ?? t("hd.assigned"))
                    : "—"}
              </Descriptions.Item>
              <Descriptions.Item label={t("hd.measures")}>{danger.measures || "—"}</Descriptions.Item>
              <Descriptions.Item label={t("hd.funds")}>{danger.funds ?? "—"}</Descriptions.Item>
              <Descriptions.Item label={t("hd.closedAt")}>{formatTime(danger.closedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
          <Card title={t("hd.supervision")} size="small" style={{ marginTop: 16 }}>
            {danger.supervision.listed || danger.supervision.delistedAt ? (
              <Descriptions column={{ xs: 1, sm: 2 }} size="small">
                <Descriptions.Item label={t("hd.listedAt")}>
                  {formatTime(danger.supervision.listedAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t("hd.progressInterval")}>
                  {danger.supervision.progressIntervalDays ?? "—"}
                </Descriptions.Item>
                <Descriptions.Item label={t("hd.lastProgress")}>
                  {formatTime(danger.supervision.lastProgressReportAt)}
                </Descriptions.Item>
                <Descriptions.Item label={t("hd.delistedAt")}>
                  {formatTime(danger.supervision.delistedAt)}
                </Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">{t("hd.notListed")}</Typography.Text>
            )}
          </Card>
          <Card title={t("hd.plan")} size="small" style={{ marginTop: 16 }}>
            {plan ? (
              <Descriptions column={1} size="small" data-testid="hd-plan">
                {(["objectiveAndTasks", "method", "fundsAndMaterials", "safetyMeasures", "emergencyPlan"] as const).map(
                  (part) => (
                    <Descriptions.Item key={part} label={t(`hd.plan.${part}` as MessageKey)}>
                      {plan[part]}
                    </Descriptions.Item>
                  ),
                )}
                <Descriptions.Item label={t("hd.plan.responsiblePeople")}>
                  {plan.responsiblePeople.join("、")}
                </Descriptions.Item>
                <Descriptions.Item label={t("hd.plan.timeLimit")}>{formatDate(plan.timeLimit)}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">{t("hd.noPlan")}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t("hd.timeline")} size="small" data-testid="hd-timeline">
            {danger.events.length === 0 ? (
              <Empty />
            ) : (
              <Timeline
                items={danger.events.map((event) => ({
                  key: event.seq,
                  color:
                    event.action === "verify_fail" || event.action === "dismiss"
                      ? "red"
                      : event.to === "closed"
                        ? "green"
                        : "blue",
                  content: (
                    <div>
                      <div>
                        <strong>{actionLabel(t, event.action)}</strong> · {event.actorName}
                      </div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatTime(event.at)}
                        {event.from && event.from !== event.to
                          ? ` · ${statusLabel(t, event.from)} → ${statusLabel(t, event.to)}`
                          : ""}
                      </Typography.Text>
                      {event.comment && event.action !== "report" && (
                        <div style={{ whiteSpace: "pre-wrap" }}>{event.comment}</div>
                      )}
                      {event.photoIds.length > 0 && (
                        <div style={{ marginTop: 6 }}>
                          <PhotoStrip ids={event.photoIds} size={56} />
                        </div>
                      )}
                    </div>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
      </Row>

      <ActionModal
        danger={danger}
        action={acting}
        onClose={() => setActing(null)}
        onDone={(next) => {
          message.success(t("hdAction.done", { action: acting ? actionLabel(t, acting) : "" }));
          setActing(null);
          setFresh(next);
        }}
      />
    </Space>
  );
}
