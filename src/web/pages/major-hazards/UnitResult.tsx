import { Col, Row, Statistic, Table, Tag, Tooltip, Typography } from "antd";
import { type RiskLevel, riskLevelOf } from "../../../domain/reference/risk-levels";
import type { MajorHazardResult, MajorHazardTerm } from "../../api/types";
import { asRiskLevel } from "../../components/RiskLevel";
import { type MessageKey, useT } from "../../i18n";

const LEVEL_KEYS: Record<RiskLevel, MessageKey> = {
  1: "majorHazard.level1",
  2: "majorHazard.level2",
  3: "majorHazard.level3",
  4: "majorHazard.level4",
};

const round = (value: number, digits = 4) => Number(value.toFixed(digits)).toString();

/** "一级重大危险源" in the level's colour, or "not a major hazard source" when S < 1. */
export function MajorHazardLevelTag({
  result,
  testId,
}: {
  result: Pick<MajorHazardResult, "isMajorHazard" | "level"> | null | undefined;
  testId?: string;
}) {
  const t = useT();
  if (!result) return <Tag data-testid={testId}>{t("majorHazard.notIdentified")}</Tag>;
  const level = asRiskLevel(result.level);
  if (!result.isMajorHazard || !level)
    return (
      <Tag color="green" data-testid={testId}>
        {t("majorHazard.notMajor")}
      </Tag>
    );
  const item = riskLevelOf(level);
  return (
    <Tag
      variant="solid"
      color={item.hex}
      style={{ background: item.hex, borderColor: item.hex, color: item.textHex, fontWeight: 500 }}
      data-testid={testId}
      data-level={level}
    >
      {t(LEVEL_KEYS[level])}
    </Tag>
  );
}

/**
 * The identification and grading of a unit, every number visible (GB 18218-2018): S = Σ q/Q, α from the population
 * within 500 m, R = α · Σ β · q/Q, and each substance's term.
 */
export function UnitResult({ result, exposedPopulation }: { result: MajorHazardResult; exposedPopulation: number }) {
  const t = useT();
  const thresholdSource = (term: MajorHazardTerm) =>
    term.thresholdFrom === "hazard_class"
      ? t("majorHazard.fromClass", { code: term.hazardClass ?? "" })
      : term.thresholdFrom === "named_substance"
        ? t("majorHazard.fromNamed")
        : null;
  return (
    <div data-testid="major-hazard-result">
      <Row gutter={[16, 8]} style={{ marginBottom: 12 }}>
        <Col xs={12} md={6}>
          <Statistic
            title={
              <Tooltip title={t("majorHazard.sHelp")}>
                <span>{t("majorHazard.s")}</span>
              </Tooltip>
            }
            value={round(result.s)}
            styles={{ content: { color: result.isMajorHazard ? "#cf1322" : "#389e0d" } }}
            suffix={<span style={{ fontSize: 13 }}>{result.isMajorHazard ? "≥ 1" : "< 1"}</span>}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={
              <Tooltip title={t("majorHazard.alphaHelp")}>
                <span>{t("majorHazard.alpha")}</span>
              </Tooltip>
            }
            value={result.alpha}
            suffix={<span style={{ fontSize: 13 }}>{t("majorHazard.population", { count: exposedPopulation })}</span>}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={
              <Tooltip title={t("majorHazard.rHelp")}>
                <span>{t("majorHazard.r")}</span>
              </Tooltip>
            }
            value={round(result.r, 2)}
          />
        </Col>
        <Col xs={12} md={6}>
          <Statistic
            title={t("majorHazard.level")}
            valueRender={() => <MajorHazardLevelTag result={result} testId="major-hazard-level" />}
          />
        </Col>
      </Row>
      <Table<MajorHazardTerm>
        data-testid="major-hazard-terms"
        size="small"
        pagination={false}
        rowKey={(term) => `${term.substance}-${term.cas}-${term.q}`}
        dataSource={result.terms}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={5}>
              <Typography.Text strong>{t("majorHazard.sum")}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={5} align="right">
              <Typography.Text strong>{round(result.s)}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={6} align="right">
              <Typography.Text strong>
                {round(
                  result.terms.reduce((sum, term) => sum + term.beta * term.ratio, 0),
                  2,
                )}
              </Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
        columns={[
          {
            title: t("majorHazard.substance"),
            dataIndex: "substance",
            render: (name: string, term) => (
              <span>
                {name}
                {term.hazardClass && (
                  <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
                    {term.hazardClass}
                  </Typography.Text>
                )}
                {thresholdSource(term) && (
                  <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                    {thresholdSource(term)}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          {
            title: "CAS",
            dataIndex: "cas",
            width: 120,
            render: (cas: string | null) => (cas ? <Typography.Text code>{cas}</Typography.Text> : "—"),
          },
          { title: t("majorHazard.q"), dataIndex: "q", width: 110, align: "right" },
          { title: t("majorHazard.Q"), dataIndex: "Q", width: 110, align: "right" },
          { title: "β", dataIndex: "beta", width: 60, align: "right" },
          {
            title: "q / Q",
            dataIndex: "ratio",
            width: 90,
            align: "right",
            render: (ratio: number) => round(ratio),
          },
          {
            title: "β · q / Q",
            key: "weighted",
            width: 100,
            align: "right",
            render: (_: unknown, term) => round(term.beta * term.ratio, 2),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: "block", marginTop: 6 }}>
        {t("majorHazard.tableVersion", { version: result.tableVersion })}
      </Typography.Text>
    </div>
  );
}
