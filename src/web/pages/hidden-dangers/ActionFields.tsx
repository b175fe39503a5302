import { DatePicker, Form, Input, InputNumber, Radio, Select } from "antd";
import dayjs from "dayjs";
import { useEffect, useState } from "react";
import type { HiddenDangerActionType } from "../../../domain/hidden-danger";
import { api } from "../../api/client";
import { useMe } from "../../app/session";
import { type MessageKey, useT } from "../../i18n";
import { categoryLabel, type HiddenDanger } from "./hidden-danger-data";
import { PhotoCapture } from "./PhotoCapture";

// GB/T 13861-2022 table 1: the top levels and their second-level codes.
const CATEGORY_CODES = [
  "1",
  "11",
  "12",
  "2",
  "21",
  "22",
  "23",
  "3",
  "31",
  "32",
  "33",
  "39",
  "4",
  "41",
  "42",
  "43",
  "44",
  "46",
  "49",
];

const PLAN_TEXT_PARTS = [
  "objectiveAndTasks",
  "method",
  "fundsAndMaterials",
  "safetyMeasures",
  "emergencyPlan",
] as const;

/** The fields one step of the life cycle asks for (a major danger's rectification asks for its plan). */
export function ActionFields({ danger, action }: { danger: HiddenDanger; action: HiddenDangerActionType }) {
  const t = useT();
  const me = useMe();
  const [staff, setStaff] = useState<{ id: string; displayName: string }[]>([]);

  // The enterprise's people, to assign the rectification to.
  useEffect(() => {
    if (action !== "confirm") return;
    api
      .get<{ items: { id: string; displayName: string }[] }>(`/enterprises/${danger.enterpriseId}/staff`)
      .then((result) => setStaff(result.items))
      .catch(() => setStaff([]));
  }, [action, danger.enterpriseId]);

  const required = [{ required: true, message: t("hd.required") }];
  const reason = (
    <Form.Item name="reason" label={t("hd.reason")} rules={required}>
      <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="action-reason" />
    </Form.Item>
  );
  const comment = (
    <Form.Item name="comment" label={t("hd.comment")}>
      <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="action-comment" />
    </Form.Item>
  );
  const needsPlan = action === "start_rectification" && danger.level === "major";

  switch (action) {
    case "confirm":
      return (
        <>
          <Form.Item name="level" label={t("hd.level")} rules={required}>
            <Radio.Group optionType="button" buttonStyle="solid" data-testid="action-level">
              <Radio.Button value="general" data-testid="action-level-general">
                {t("hdLevel.general")}
              </Radio.Button>
              <Radio.Button value="major" data-testid="action-level-major">
                {t("hdLevel.major")}
              </Radio.Button>
            </Radio.Group>
          </Form.Item>
          <Form.Item name="categoryCode" label={t("hd.category")} rules={required}>
            <Select
              data-testid="action-category"
              options={CATEGORY_CODES.map((code) => ({ value: code, label: categoryLabel(t, code) }))}
            />
          </Form.Item>
          <Form.Item name="responsibleUnit" label={t("hd.responsibleUnit")} rules={required}>
            <Input maxLength={100} data-testid="action-unit" />
          </Form.Item>
          <Form.Item
            name="responsiblePersonId"
            label={t("hd.responsiblePerson")}
            rules={required}
            extra={t("hd.responsibleHint")}
          >
            <Select
              data-testid="action-person"
              showSearch
              optionFilterProp="label"
              options={[
                { value: me.id, label: t("hd.responsibleMe", { name: me.displayName }) },
                ...staff
                  .filter((person) => person.id !== me.id)
                  .map((person) => ({ value: person.id, label: person.displayName })),
              ]}
            />
          </Form.Item>
          <Form.Item name="deadline" label={t("hd.deadline")} rules={required}>
            <DatePicker
              showTime
              style={{ width: "100%" }}
              disabledDate={(d) => d.isBefore(dayjs().startOf("day"))}
              data-testid="action-deadline"
            />
          </Form.Item>
          <Form.Item name="measures" label={t("hd.measures")}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="action-measures" />
          </Form.Item>
          <Form.Item name="funds" label={t("hd.funds")}>
            <InputNumber min={0} style={{ width: "100%" }} />
          </Form.Item>
        </>
      );
    case "dismiss":
    case "verify_fail":
    case "reject_extension":
      return reason;
    case "verify_pass":
    case "approve_extension":
    case "delist":
      return comment;
    case "start_rectification":
      return needsPlan ? (
        <>
          {PLAN_TEXT_PARTS.map((part) => (
            <Form.Item key={part} name={["plan", part]} label={t(`hd.plan.${part}` as MessageKey)} rules={required}>
              <Input.TextArea autoSize={{ minRows: 2 }} maxLength={4000} />
            </Form.Item>
          ))}
          <Form.Item name={["plan", "responsiblePeople"]} label={t("hd.plan.responsiblePeople")} rules={required}>
            <Input />
          </Form.Item>
          <Form.Item name={["plan", "timeLimit"]} label={t("hd.plan.timeLimit")} rules={required}>
            <DatePicker showTime style={{ width: "100%" }} />
          </Form.Item>
        </>
      ) : (
        comment
      );
    case "submit_rectification":
      return (
        <>
          <Form.Item name="note" label={t("hd.note")} rules={required}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} data-testid="action-note" />
          </Form.Item>
          <Form.Item name="photoIds" label={t("hd.afterPhotos")} rules={required}>
            <PhotoCapture ownerId={danger.enterpriseId} testId="action-after-photo" size="middle" />
          </Form.Item>
        </>
      );
    case "request_extension":
      return (
        <>
          <Form.Item name="newDeadline" label={t("hd.newDeadline")} rules={required}>
            <DatePicker showTime style={{ width: "100%" }} />
          </Form.Item>
          {reason}
        </>
      );
    case "list_for_supervision":
      return (
        <Form.Item name="progressIntervalDays" label={t("hd.progressInterval")}>
          <InputNumber min={1} max={365} style={{ width: "100%" }} />
        </Form.Item>
      );
    case "require_progress_report":
      return (
        <Form.Item name="intervalDays" label={t("hd.intervalDays")} rules={required}>
          <InputNumber min={1} max={365} style={{ width: "100%" }} />
        </Form.Item>
      );
    case "report_progress":
      return (
        <Form.Item name="note" label={t("hd.note")} rules={required}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={2000} />
        </Form.Item>
      );
    case "close_on_spot":
      return (
        <>
          <Form.Item name="beforePhotoIds" label={t("hd.beforePhotos")} rules={required}>
            <PhotoCapture ownerId={danger.enterpriseId} testId="action-before-photo" size="middle" />
          </Form.Item>
          <Form.Item name="afterPhotoIds" label={t("hd.afterPhotos")} rules={required}>
            <PhotoCapture ownerId={danger.enterpriseId} testId="action-after-photo" size="middle" />
          </Form.Item>
          {comment}
        </>
      );
    default:
      return null;
  }
}
