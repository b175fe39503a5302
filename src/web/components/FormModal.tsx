import { Alert, App, Form, type FormInstance, type FormProps, Modal, type ModalProps } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { errorMessage } from "../api/client";
import { useT } from "../i18n";
import { showFieldProblems } from "./form-errors";

type SubmitOptions = {
  /** The fields that can carry the server's reasons (all of the form's by default); other reasons go above the form. */
  fields?: readonly string[];
  /** The server's name of a field → the form's. */
  fieldAliases?: Record<string, string>;
  /** `toast`: a failure is a passing message, for one-field steps where the form has nothing to point at. */
  failures?: "alert" | "toast";
};

/**
 * Sends a form's values: the saving state while it runs, and what the server says is wrong put under the fields it
 * concerns (in the user's language), the rest kept as one problem to show above the form.
 */
export function useFormSubmit<V extends object>(
  form: FormInstance<V>,
  submit: (values: V) => Promise<void>,
  { fields, fieldAliases, failures = "alert" }: SubmitOptions = {},
) {
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const finish = async (values: V) => {
    setSaving(true);
    setProblem(null);
    try {
      await submit(values);
    } catch (error) {
      if (failures === "toast") message.error(errorMessage(error));
      else setProblem(showFieldProblems(form, error, fields ?? Object.keys(form.getFieldsValue()), fieldAliases));
    } finally {
      setSaving(false);
    }
  };
  return { saving, problem, setProblem, finish };
}

/** The problem of a form, above its fields. */
export function FormProblem({ problem, testId }: { problem: string | null; testId?: string }) {
  return problem ? (
    <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid={testId} />
  ) : null;
}

type Props<V extends object> = SubmitOptions &
  Omit<ModalProps, "open" | "onOk" | "onCancel" | "confirmLoading" | "children"> & {
    open: boolean;
    form: FormInstance<V>;
    /** Sends the values; what it throws is shown in the modal. */
    onSubmit: (values: V) => Promise<void>;
    onClose: () => void;
    /** What the form holds when it opens, after a reset. */
    initialValues?: Partial<V>;
    /** The record the form edits: a change refills the open form. */
    record?: unknown;
    /** False while what the form needs to fill in is loading. */
    ready?: boolean;
    /** Shown above the form's problem, e.g. what the step is about. */
    intro?: ReactNode;
    formProps?: Omit<FormProps<V>, "form" | "onFinish"> & { "data-testid"?: string };
    problemTestId?: string;
    children: ReactNode;
  };

/** A modal with one form: opens reset and filled, validates, sends, and shows the saving state and the server's reasons. */
export function FormModal<V extends object>({
  open,
  form,
  onSubmit,
  onClose,
  fields,
  fieldAliases,
  failures,
  initialValues,
  record,
  ready = true,
  intro,
  formProps,
  problemTestId,
  children,
  ...modalProps
}: Props<V>) {
  const t = useT();
  const { saving, problem, setProblem, finish } = useFormSubmit(form, onSubmit, { fields, fieldAliases, failures });
  const fill = useRef(initialValues);
  fill.current = initialValues;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the record and readiness decide when to fill again.
  useEffect(() => {
    if (!open || !ready) return;
    setProblem(null);
    form.resetFields();
    if (fill.current) form.setFieldsValue(fill.current as Parameters<typeof form.setFieldsValue>[0]);
  }, [open, ready, record, form]);

  return (
    <Modal
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={saving}
      okText={t("common.save")}
      {...modalProps}
    >
      <Form form={form} layout="vertical" onFinish={finish} {...formProps}>
        {intro}
        <FormProblem problem={problem} testId={problemTestId} />
        {children}
      </Form>
    </Modal>
  );
}
