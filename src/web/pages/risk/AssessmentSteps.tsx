import { Card, Col, Descriptions, Input, Radio, Row, Space, Typography } from "antd";
import { type AssessmentMethod, METHOD_FACTORS } from "../../../domain/risk/scales";
import type { Hazard, RiskGrade, RiskMethod } from "../../api/types";
import { useMe } from "../../app/session";
import { localName, useLocale, useT } from "../../i18n";
import { BandScale, FACTOR_TEXT, GradePreview, METHOD_TEXT } from "./assessment-parts";

type Factors = Record<string, number | undefined>;
type Preview = { grade: RiskGrade | null; error: string | null };

/** The live result beside a step's choices. */
function PreviewBeside({ current, factors, preview }: { current: RiskMethod; factors: Factors; preview: Preview }) {
  return (
    <Col span={9}>
      <GradePreview
        method={current.method}
        factors={factors}
        grade={preview.grade}
        error={preview.error}
        bands={current.bands}
      />
    </Col>
  );
}

/** Step 1: one of the three methods, each with what it suits and its bands. */
export function MethodStep({
  methods,
  method,
  onChoose,
}: {
  methods: RiskMethod[];
  method: AssessmentMethod;
  onChoose: (method: AssessmentMethod) => void;
}) {
  const t = useT();
  return (
    <Radio.Group
      value={method}
      onChange={(event) => onChoose(event.target.value)}
      style={{ width: "100%" }}
      data-testid="assessment-method"
    >
      <Row gutter={[12, 12]}>
        {methods.map((m) => (
          <Col span={8} key={m.method}>
            <Card
              size="small"
              hoverable
              onClick={() => onChoose(m.method)}
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
}

/** Step 2: each factor chosen from its scale, value and meaning side by side, with the result beside them. */
export function FactorStep({
  current,
  factors,
  onChange,
  preview,
}: {
  current: RiskMethod;
  factors: Factors;
  onChange: (factor: string, value: number) => void;
  preview: Preview;
}) {
  const t = useT();
  const [locale] = useLocale();
  const method = current.method;
  return (
    <Row gutter={16}>
      <Col span={15}>
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          {METHOD_FACTORS[method].map((factor) => (
            <div key={factor} data-testid={`assessment-factor-${factor}`}>
              <Typography.Text strong>
                {factor.toUpperCase()} · {t(FACTOR_TEXT[method][factor])}
              </Typography.Text>
              <Radio.Group
                value={factors[factor]}
                onChange={(event) => onChange(factor, event.target.value)}
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
      <PreviewBeside current={current} factors={factors} preview={preview} />
    </Row>
  );
}

/** Step 3: what will be recorded, signed by the user, with an optional note. */
export function ConfirmStep({
  hazard,
  current,
  factors,
  note,
  onNote,
  preview,
}: {
  hazard: Hazard | null;
  current: RiskMethod;
  factors: Factors;
  note: string;
  onNote: (note: string) => void;
  preview: Preview;
}) {
  const t = useT();
  const me = useMe();
  const [locale] = useLocale();
  const method = current.method;
  return (
    <Row gutter={16}>
      <Col span={15}>
        <Descriptions
          bordered
          size="small"
          column={1}
          items={[
            { key: "hazard", label: t("hazard.description"), children: hazard?.description },
            { key: "method", label: t("assessment.method"), children: t(METHOD_TEXT[method].name) },
            ...METHOD_FACTORS[method].map((factor) => {
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
          onChange={(event) => onNote(event.target.value)}
          placeholder={t("assessment.notePlaceholder")}
          data-testid="assessment-note"
        />
      </Col>
      <PreviewBeside current={current} factors={factors} preview={preview} />
    </Row>
  );
}
