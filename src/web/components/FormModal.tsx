import { Alert, Form, type FormInstance, type FormProps, Modal, type ModalProps } from "antd";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { showFieldProblems } from "./form-errors";

type Props<V extends object> = Omit<ModalProps, "open" | "onOk" | "onCancel" | "confirmLoading" | "children"> & {
  open: boolean;
  form: FormInstance<V>;
  /** Sends the values; what it throws is shown in the modal, under the fields the server names where they are here. */
  onSubmit: (values: V) => Promise<void>;
  onClose: () => void;
  /** The fields that can carry the server's reasons (all of the form's by default); other reasons go above the form. */
  fields?: readonly string[];
  /** The server's name of a field → the form's. */
  fieldAliases?: Record<string, string>;
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

/**
 * A modal with one form: opens reset and filled, validates, sends, shows the saving state and puts the server's
 * reasons under the fields they concern (the rest above the form, in the user's language).
 */
export function FormModal<V extends object>({
  open,
  form,
  onSubmit,
  onClose,
  fields,
  fieldAliases,
  initialValues,
  record,
  ready = true,
  intro,
  formProps,
  problemTestId,
  children,
  ...modalProps
}: Props<V>) {
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const fill = useRef(initialValues);
  fill.current = initialValues;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the record and readiness decide when to fill again.
  useEffect(() => {
    if (!open || !ready) return;
    setProblem(null);
    form.resetFields();
    if (fill.current) form.setFieldsValue(fill.current as Parameters<typeof form.setFieldsValue>[0]);
  }, [open, ready, record, form]);

  const submit = async (values: V) => {
    setSaving(true);
    setProblem(null);
    try {
      await onSubmit(values);
    } catch (error) {
      setProblem(showFieldProblems(form, error, fields ?? Object.keys(form.getFieldsValue()), fieldAliases));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal open={open} onCancel={onClose} onOk={() => form.submit()} confirmLoading={saving} {...modalProps}>
      <Form form={form} layout="vertical" onFinish={submit} {...formProps}>
        {intro}
        {problem && (
          <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid={problemTestId} />
        )}
        {children}
      </Form>
    </Modal>
  );
}
