import { SaveOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, InputNumber, Row, Skeleton, Space, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import type { AssessmentMethod } from "../../../domain/risk/scales";
import { api, errorMessage } from "../../api/client";
import type { RiskBands, RiskMethod } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { RiskLevelTag } from "../../components/RiskLevel";
import { type MessageKey, useT } from "../../i18n";
import { BandScale } from "../risk/assessment-parts";
import { forgetRiskMethods, loadRiskMethods } from "../risk/risk-data";

const METHOD_NAMES: Record<AssessmentMethod, MessageKey> = {
  LS: "assessment.methodLS",
  LEC: "assessment.methodLEC",
  MES: "assessment.methodMES",
};

/** Highest possible score of a method: the product of each factor's largest value. */
function maxScore(method: RiskMethod): number {
  return Object.values(method.scales).reduce((product, scale) => product * Math.max(...scale.map((s) => s.value)), 1);
}

function MethodBands({ method, editable, onSaved }: { method: RiskMethod; editable: boolean; onSaved: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [draft, setDraft] = useState<Record<number, number | null>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    setDraft(Object.fromEntries(method.bands.thresholds.map((b) => [b.level, b.minScore])));
  }, [method]);

  const changed = method.bands.thresholds.some((b) => draft[b.level] !== b.minScore);
  const complete = [1, 2, 3].every((level) => typeof draft[level] === "number");
  const preview: RiskBands = {
    ...method.bands,
    thresholds: ([1, 2, 3] as const).map((level) => ({ level, minScore: draft[level] ?? 0 })),
  };

  const save = async () => {
    setSaving(true);
    try {
      await api.put(`/risk-methods/${method.method}/bands`, {
        thresholds: ([1, 2, 3] as const).map((level) => ({ level, minScore: draft[level] })),
      });
      message.success(t("bands.saved", { method: method.method }));
      onSaved();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      data-testid={`bands-${method.method}`}
      title={t(METHOD_NAMES[method.method])}
      extra={
        <Typography.Text type="secondary">
          {t("bands.version")} <Typography.Text code>{method.bands.version}</Typography.Text>
        </Typography.Text>
      }
    >
      <Table
        size="small"
        pagination={false}
        rowKey="level"
        dataSource={[1, 2, 3].map((level) => ({ level }))}
        columns={[
          {
            title: t("risk.level"),
            dataIndex: "level",
            width: 130,
            render: (level: 1 | 2 | 3) => <RiskLevelTag level={level} />,
          },
          {
            title: t("bands.minScore"),
            key: "minScore",
            render: (_: unknown, row: { level: number }) =>
              editable ? (
                <InputNumber
                  min={0}
                  max={maxScore(method)}
                  value={draft[row.level]}
                  onChange={(value) => setDraft((current) => ({ ...current, [row.level]: value }))}
                  data-testid={`bands-${method.method}-${row.level}`}
                />
              ) : (
                `≥ ${draft[row.level] ?? "—"}`
              ),
          },
        ]}
      />
      <Space orientation="vertical" size={6} style={{ marginTop: 12, width: "100%" }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("bands.scoreRange", { max: maxScore(method) })}
        </Typography.Text>
        {complete && <BandScale bands={preview} />}
        {editable && (
          <Button
            type="primary"
            icon={<SaveOutlined />}
            disabled={!changed || !complete}
            loading={saving}
            onClick={save}
            data-testid={`bands-${method.method}-save`}
          >
            {t("bands.save")}
          </Button>
        )}
      </Space>
    </Card>
  );
}

/** The score bands of LS, LEC and MES: practice defaults that an installation administrator may replace. */
export function RiskBandsTab() {
  const t = useT();
  const me = useMe();
  const editable = hasPermission(me, "risk-settings:write");
  const methods = useRequest(loadRiskMethods, []);
  if (methods.error) return <ErrorAlert error={methods.error} onRetry={methods.reload} />;
  if (!methods.data) return <Skeleton active />;
  return (
    <div data-testid="risk-bands-tab">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t("bands.explain")}
        description={t("bands.keep")}
      />
      <Row gutter={[16, 16]}>
        {methods.data.methods.map((method) => (
          <Col xs={24} xl={8} key={method.method}>
            <MethodBands
              method={method}
              editable={editable}
              onSaved={() => {
                forgetRiskMethods();
                methods.reload();
              }}
            />
          </Col>
        ))}
      </Row>
    </div>
  );
}
