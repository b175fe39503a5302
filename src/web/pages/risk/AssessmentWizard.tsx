import { Alert, App, Button, Modal, Skeleton, Space, Steps } from "antd";
import { useEffect, useState } from "react";
import { type AssessmentMethod, isAssessmentMethod, METHOD_FACTORS } from "../../../domain/risk/scales";
import { api, errorMessage } from "../../api/client";
import type { Hazard, RiskGrade, RiskMethod, RiskPoint } from "../../api/types";
import { riskLevelName } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import { ConfirmStep, FactorStep, MethodStep } from "./AssessmentSteps";
import { useRiskMethods } from "./risk-data";

type Props = {
  open: boolean;
  hazard: Hazard | null;
  onClose: () => void;
  onSaved: (riskPoint: RiskPoint) => void;
};

/**
 * Assesses a hazard in three steps: the method, each factor chosen from its scale (value and meaning side by side,
 * nothing else accepted), then a note and the signature. The result previews as the factors are picked.
 */
export function AssessmentWizard({ open, hazard, onClose, onSaved }: Props) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const methods = useRiskMethods();
  const [step, setStep] = useState(0);
  const [method, setMethod] = useState<AssessmentMethod>("LS");
  const [factors, setFactors] = useState<Record<string, number | undefined>>({});
  const [note, setNote] = useState("");
  const [grade, setGrade] = useState<RiskGrade | null>(null);
  const [gradeError, setGradeError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  // A reassessment starts from the previous method and values.
  useEffect(() => {
    if (!open) return;
    const previous = hazard?.assessment;
    setStep(0);
    setMethod(isAssessmentMethod(previous?.method) ? previous.method : "LS");
    setFactors(previous ? { ...previous.factors } : {});
    setNote("");
    setProblem(null);
  }, [open, hazard]);

  const preview = { grade, error: gradeError };
  const current: RiskMethod | undefined = methods.data?.methods.find((m) => m.method === method);
  const complete = METHOD_FACTORS[method].every((f) => factors[f] !== undefined);

  useEffect(() => {
    setGrade(null);
    setGradeError(null);
    if (!open || !complete) return;
    let stale = false;
    const chosen = Object.fromEntries(METHOD_FACTORS[method].map((f) => [f, factors[f]]));
    api
      .post<RiskGrade>("/calculators/risk", { method, factors: chosen })
      .then((result) => !stale && setGrade(result))
      .catch((error: unknown) => !stale && setGradeError(errorMessage(error)));
    return () => {
      stale = true;
    };
  }, [open, method, factors, complete]);

  const chooseMethod = (next: AssessmentMethod) => {
    if (next === method) return;
    setMethod(next);
    // Values of another method's scale mean something else: start again.
    setFactors({});
  };

  const save = async () => {
    if (!hazard || !complete) return;
    setSaving(true);
    setProblem(null);
    try {
      const saved = await api.post<RiskPoint>(`/hazards/${hazard.id}/assessments`, {
        method,
        factors: Object.fromEntries(METHOD_FACTORS[method].map((f) => [f, factors[f]])),
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      const level = saved.hazards.find((h) => h.id === hazard.id)?.level;
      message.success(t("assessment.saved", { level: level ? riskLevelName(locale, level) : t("risk.notAssessed") }));
      onSaved(saved);
    } catch (error) {
      setProblem(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      width={1000}
      title={hazard ? t("assessment.title", { hazard: hazard.description }) : ""}
      onCancel={onClose}
      data-testid="assessment-wizard"
      footer={
        <Space>
          <Button onClick={onClose}>{t("common.cancel")}</Button>
          {step > 0 && <Button onClick={() => setStep(step - 1)}>{t("common.previous")}</Button>}
          {step < 2 ? (
            <Button
              type="primary"
              disabled={step === 1 && !complete}
              onClick={() => setStep(step + 1)}
              data-testid="assessment-next"
            >
              {t("common.next")}
            </Button>
          ) : (
            <Button type="primary" loading={saving} onClick={save} data-testid="assessment-save">
              {t("assessment.save")}
            </Button>
          )}
        </Space>
      }
    >
      <div data-testid="assessment-wizard-body">
        <Steps
          size="small"
          current={step}
          style={{ marginBottom: 20 }}
          items={[
            { title: t("assessment.stepMethod") },
            { title: t("assessment.stepFactors") },
            { title: t("assessment.stepConfirm") },
          ]}
        />
        {problem && <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} />}
        {methods.error && <Alert type="error" showIcon title={methods.error.message} />}
        {!methods.data ? (
          <Skeleton active />
        ) : step === 0 ? (
          <MethodStep methods={methods.data.methods} method={method} onChoose={chooseMethod} />
        ) : !current ? null : step === 1 ? (
          <FactorStep
            current={current}
            factors={factors}
            onChange={(factor, value) => setFactors((now) => ({ ...now, [factor]: value }))}
            preview={preview}
          />
        ) : (
          <ConfirmStep
            hazard={hazard}
            current={current}
            factors={factors}
            note={note}
            onNote={setNote}
            preview={preview}
          />
        )}
      </div>
    </Modal>
  );
}
