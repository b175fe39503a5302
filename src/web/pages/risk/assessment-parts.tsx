import { Card, Space, Typography } from "antd";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import { type AssessmentMethod, METHOD_FACTORS } from "../../../domain/risk/scales";
import type { RiskBands, RiskGrade } from "../../api/types";
import { levelItem, RISK_LEVELS, RiskLevelTag, riskLevelName } from "../../components/RiskLevel";
import { type MessageKey, useLocale, useT } from "../../i18n";

// The pieces of an assessment the wizard and the reference page show: the methods' names, their factors' meanings,
// the bands as coloured chips and the live result.

const SCORE_SYMBOL: Record<AssessmentMethod, string> = { LS: "R", LEC: "D", MES: "R" };

export const METHOD_TEXT: Record<AssessmentMethod, { name: MessageKey; explain: MessageKey }> = {
  LS: { name: "assessment.methodLS", explain: "assessment.explainLS" },
  LEC: { name: "assessment.methodLEC", explain: "assessment.explainLEC" },
  MES: { name: "assessment.methodMES", explain: "assessment.explainMES" },
};

export const FACTOR_TEXT: Record<AssessmentMethod, Record<string, MessageKey>> = {
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
  const parts = METHOD_FACTORS[method].map((f) => (factors[f] === undefined ? f.toUpperCase() : String(factors[f])));
  return `${SCORE_SYMBOL[method]} = ${METHOD_FACTORS[method].map((f) => f.toUpperCase()).join(" × ")} = ${parts.join(" × ")}`;
}

/** The live result: formula, score and the colour it falls in, from the server's calculator with the current bands. */
export function GradePreview({
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
  const item = levelItem(grade?.level);
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
