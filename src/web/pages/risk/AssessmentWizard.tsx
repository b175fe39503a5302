import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Input,
  Modal,
  Radio,
  Row,
  Skeleton,
  Space,
  Steps,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import type { AssessmentMethod } from "../../../domain/risk/scales";
import { api, errorMessage } from "../../api/client";
import type { Hazard, RiskBands, RiskGrade, RiskMethod, RiskPoint } from "../../api/types";
import { useMe } from "../../app/session";
import { RISK_LEVELS, RiskLevelTag, riskLevelName } from "../../components/RiskLevel";
import { localName, type MessageKey, useLocale, useT } from "../../i18n";
import { useRiskMethods } from "./risk-data";

// Factors in the order the formula writes them (D = L × E × C).
const FACTORS: Record<AssessmentMethod, readonly string[]> = {
  LS: ["l", "s"],
  LEC: ["l", "e", "c"],
  MES: ["m", "e", "s"],
};
const SCORE_SYMBOL: Record<AssessmentMethod, string> = { LS: "R", LEC: "D", MES: "R" };

const METHOD_TEXT: Record<AssessmentMethod, { name: MessageKey; explain: MessageKey }> = {
  LS: { name: "assessment.methodLS", explain: "assessment.explainLS" },
  LEC: { name: "assessment.methodLEC", explain: "assessment.explainLEC" },
  MES: { name: "assessment.methodMES", explain: "assessment.explainMES" },
};

const FACTOR_TEXT: Record<AssessmentMethod, Record<string, MessageKey>> = {
  LS: { l: "assessment.factorLS.l", s: "assessment.factorLS.s" },
  LEC: { l: "assessment.factorLEC.l", e: "assessment.factorLEC.e", c: "assessment.factorLEC.c" },
  MES: { m: "assessment.factorMES.m", e: "assessment.factorMES.e", s: "assessment.factorMES.s" },
};

/** The score ranges of the four levels under the given bands, most severe first: "≥ 320", "160 – 320", … */
export function bandRanges(bands: RiskBands): { level: 1 | 2 | 3 | 4; range: string }[] {
  const sorted = [...bands.thresholds].sort((a, b) => a.level - b.level);
  return RISK_LEVELS.map((level) => {
    const own = sorted.find((b) => b.level === level);
    const above = sorted.find((b) => b.level === level - 1);
    if (level === 1) return { level, range: `≥ ${own?.minScore}` };
    if (level === 4) return { level, range: `< ${sorted[sorted.length - 1]?.minScore}` };
    return { level, range: `${own?.minScore} – < ${above?.minScore}` };
  });
}

/** The bands of a method as four coloured chips, the matching one outlined. */
export function BandScale({ bands, level }: { bands: RiskBands; level?: number | null }) {
  const [locale] = useLocale();
  return (
    <Space wrap size={6}>
      {bandRanges(bands).map((band) => {
        const item = riskLevelOf(band.level);
        return (
          <span
            key={band.level}
            style={{
              background: item.hex,
              color: item.textHex,
              borderRadius: 4,
              padding: "2px 8px",
              fontSize: 12,
              outline: level === band.level ? "2px solid #262626" : "none",
              outlineOffset: 1,
            }}
          >
            {riskLevelName(locale, band.level)} {band.range}
          </span>
        );
      })}
    </Space>
  );
}

function formula(method: AssessmentMethod, factors: Record<string, number | undefined>): string {
  const parts = FACTORS[method].map((f) => (factors[f] === undefined ? f.toUpperCase() : String(factors[f])));
  return `${SCORE_SYMBOL[method]} = ${FACTORS[method].map((f) => f.toUpperCase()).join(" × ")} = ${parts.join(" × ")}`;
}

/** The live result: formula, score and the colour it falls in, from the server's calculator with the current bands. */
function GradePreview({
  method,
  factors,
  grade,
  error,
  bands,
}: {
  method: AssessmentMethod;
  factors: Record<string, number | undefined>;
  grade: RiskGrade | null;
  error: string | null;
  bands: RiskBands;
}) {
  const t = useT();
  const [locale] = useLocale();
  const item = grade ? riskLevelOf(grade.level) : null;
  return (
    <Card
      size="small"
      data-testid="assessment-preview"
      data-level={grade?.level ?? "none"}
      style={{ position: "sticky", top: 0, borderColor: item?.hex }}
      styles={{ header: item ? { background: item.hex, color: item.textHex } : undefined }}
      title={grade ? riskLevelName(locale, grade.level) : t("assessment.previewTitle")}
    >
      <Typography.Paragraph style={{ fontFamily: "monospace", fontSize: 15, marginBottom: 8 }}>
        {formula(method, factors)}
        {grade ? ` = ${grade.score}` : ""}
      </Typography.Paragraph>
      {grade ? (
        <Space orientation="vertical" size={4}>
          <span>
            {t("assessment.score")}: <strong data-testid="assessment-preview-score">{grade.score}</strong>{" "}
            <RiskLevelTag level={grade.level} testId="assessment-preview-level" />
          </span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("assessment.bandsVersion")}: {grade.bandsVersion}
          </Typography.Text>
        </Space>
      ) : (
        <Typography.Text type="secondary">{error ?? t("assessment.previewPending")}</Typography.Text>
      )}
      <div style={{ marginTop: 12 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12, display: "block", marginBottom: 4 }}>
          {t("assessment.bandsNow", { method })}
        </Typography.Text>
        <BandScale bands={bands} level={grade?.level} />
      </div>
    </Card>
  );
}

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
  const me = useMe();
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
    setMethod(previous?.method ?? "LS");
    setFactors(previous ? { ...previous.factors } : {});
    setNote("");
    setProblem(null);
  }, [open, hazard]);

  const current: RiskMethod | undefined = methods.data?.methods.find((m) => m.method === method);
  const complete = FACTORS[method].every((f) => factors[f] !== undefined);

  useEffect(() => {
    setGrade(null);
    setGradeError(null);
    if (!open || !complete) return;
    let stale = false;
    const chosen = Object.fromEntries(FACTORS[method].map((f) => [f, factors[f]]));
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
        factors: Object.fromEntries(FACTORS[method].map((f) => [f, factors[f]])),
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

  const methodStep = (
    <Radio.Group
      value={method}
      onChange={(event) => chooseMethod(event.target.value)}
      style={{ width: "100%" }}
      data-testid="assessment-method"
    >
      <Row gutter={[12, 12]}>
        {(methods.data?.methods ?? []).map((m) => (
          <Col span={8} key={m.method}>
            <Card
              size="small"
              hoverable
              onClick={() => chooseMethod(m.method)}
              data-testid={`assessment-method-${m.method}`}
              style={{ height: "100%", borderColor: m.method === method ? "#1677ff" : undefined }}
            >
              <Radio value={m.method}>
                <strong>{t(METHOD_TEXT[m.method].name)}</strong>
              </Radio>
              <Typography.Paragraph style={{ margin: "8px 0", fontSize: 13 }}>
                {t(METHOD_TEXT[m.method].explain)}
              </Typography.Paragraph>
              <BandScale bands={m.bands} />
            </Card>
          </Col>
        ))}
      </Row>
    </Radio.Group>
  );

  const factorStep = current && (
    <Row gutter={16}>
      <Col span={15}>
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          {FACTORS[method].map((factor) => (
            <div key={factor} data-testid={`assessment-factor-${factor}`}>
              <Typography.Text strong>
                {factor.toUpperCase()} · {t(FACTOR_TEXT[method][factor])}
              </Typography.Text>
              <Radio.Group
                value={factors[factor]}
                onChange={(event) => setFactors((now) => ({ ...now, [factor]: event.target.value }))}
                style={{ display: "flex", flexDirection: "column", gap: 2, marginTop: 6 }}
              >
                {(current.scales[factor] ?? []).map((entry) => (
                  <Radio key={entry.value} value={entry.value} style={{ alignItems: "flex-start" }}>
                    <span
                      data-testid={`assessment-${factor}-${entry.value}`}
                      style={{ display: "inline-block", minWidth: 36, fontWeight: 600 }}
                    >
                      {entry.value}
                    </span>
                    <span>{localName(locale, entry.meaningZh, entry.meaningEn)}</span>
                  </Radio>
                ))}
              </Radio.Group>
            </div>
          ))}
        </Space>
      </Col>
      <Col span={9}>
        <GradePreview method={method} factors={factors} grade={grade} error={gradeError} bands={current.bands} />
      </Col>
    </Row>
  );

  const confirmStep = current && (
    <Row gutter={16}>
      <Col span={15}>
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: "hazard", label: t("hazard.description"), children: hazard?.description },
            { key: "method", label: t("assessment.method"), children: t(METHOD_TEXT[method].name) },
            ...FACTORS[method].map((factor) => {
              const entry = current.scales[factor]?.find((e) => e.value === factors[factor]);
              return {
                key: factor,
                label: `${factor.toUpperCase()} · ${t(FACTOR_TEXT[method][factor])}`,
                children: entry ? `${entry.value} — ${localName(locale, entry.meaningZh, entry.meaningEn)}` : "—",
              };
            }),
            {
              key: "assessor",
              label: t("assessment.assessor"),
              children: me.organisation
                ? t("assessment.assessorOf", { name: me.displayName, organisation: me.organisation.name })
                : me.displayName,
            },
          ]}
        />
        <Typography.Text style={{ display: "block", margin: "12px 0 4px" }}>{t("assessment.note")}</Typography.Text>
        <Input.TextArea
          rows={2}
          maxLength={500}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          placeholder={t("assessment.notePlaceholder")}
          data-testid="assessment-note"
        />
      </Col>
      <Col span={9}>
        <GradePreview method={method} factors={factors} grade={grade} error={gradeError} bands={current.bands} />
      </Col>
    </Row>
  );

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
        {!methods.data ? <Skeleton active /> : step === 0 ? methodStep : step === 1 ? factorStep : confirmStep}
      </div>
    </Modal>
  );
}
