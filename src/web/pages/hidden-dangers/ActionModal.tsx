import { Form, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useMemo } from "react";
import type { HiddenDangerActionType } from "../../../domain/hidden-danger";
import { api } from "../../api/client";
import { useMe } from "../../app/session";
import { FormModal } from "../../components/FormModal";
import { useT } from "../../i18n";
import { ActionFields } from "./ActionFields";
import { actionLabel, type HiddenDanger } from "./hidden-danger-data";

type Values = Record<string, unknown> & {
  deadline?: Dayjs;
  newDeadline?: Dayjs;
  plan?: Record<string, unknown> & { timeLimit?: Dayjs; responsiblePeople?: string };
};

/** What each step sends, beyond its type: turns the form's dates and lists into the API's shape. */
function bodyOf(type: HiddenDangerActionType, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = { type };
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || value === null || value === "") continue;
    if (key === "deadline" || key === "newDeadline") body[key] = (value as Dayjs).toISOString();
    else if (key === "plan") {
      const plan = value as NonNullable<Values["plan"]>;
      body.plan = {
        ...plan,
        timeLimit: plan.timeLimit?.toISOString(),
        responsiblePeople: String(plan.responsiblePeople ?? "")
          .split(/[,，、]/)
          .map((p) => p.trim())
          .filter(Boolean),
      };
    } else body[key] = value;
  }
  return body;
}

/** A small form for one step of the life cycle; the server checks the step again and says what is missing. */
export function ActionModal({
  danger,
  action,
  onClose,
  onDone,
}: {
  danger: HiddenDanger;
  action: HiddenDangerActionType | null;
  onClose: () => void;
  onDone: (next: HiddenDanger) => void;
}) {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<Values>();

  // A new step, or the danger changing under an open one, starts the form again.
  const step = useMemo(() => ({ action, danger }), [action, danger]);
  // What a step starts from: the danger's own level and category, a week to rectify, the photos already taken.
  const initialValues: Values | undefined =
    action === "confirm"
      ? {
          level: danger.level ?? "general",
          categoryCode: danger.categoryCode || undefined,
          responsiblePersonId: me.id,
          deadline: dayjs().add(7, "day").endOf("day"),
        }
      : action === "close_on_spot"
        ? { beforePhotoIds: danger.photoBeforeIds }
        : action === "request_extension"
          ? { newDeadline: dayjs(danger.deadline ?? undefined).add(7, "day") }
          : undefined;

  const submit = async (values: Values) => {
    if (!action) return;
    onDone(await api.post<HiddenDanger>(`/hidden-dangers/${danger.id}/actions`, bodyOf(action, values)));
  };

  return (
    <FormModal<Values>
      open={!!action}
      form={form}
      record={step}
      initialValues={initialValues}
      onSubmit={submit}
      onClose={onClose}
      title={action ? `${actionLabel(t, action)} · ${danger.code}` : ""}
      okText={t("hd.submit")}
      okButtonProps={{ danger: action === "verify_fail" || action === "dismiss", id: "action-submit" }}
      destroyOnHidden
      width={560}
      centered
      styles={{ body: { maxHeight: "65vh", overflowY: "auto" } }}
      formProps={{ preserve: false }}
      problemTestId="action-error"
      intro={
        <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }}>
          {danger.description}
        </Typography.Paragraph>
      }
    >
      {action && <ActionFields danger={danger} action={action} />}
    </FormModal>
  );
}
