import { PlusOutlined } from "@ant-design/icons";
import { Button, Card, Space, Table, Tag, Typography } from "antd";
import { useState } from "react";
import { MEASURE_KINDS, type MeasureKind } from "../../../domain/risk/vocabulary";
import type { ControlMeasure } from "../../api/types";
import { DeleteButton } from "../../components/DeleteButton";
import { checkFrequencyLabel, measureKindLabel } from "../../components/labels";
import { useT } from "../../i18n";
import { MeasureFormModal } from "./MeasureFormModal";
import type { RiskPointSectionProps } from "./risk-data";

/** A risk point's control measures, grouped by the five kinds, each with what an inspection checks and how often. */
export function MeasuresSection({ point, editable, onChanged }: RiskPointSectionProps) {
  const t = useT();
  const [adding, setAdding] = useState<MeasureKind | null>(null);
  const hazardName = (id: string | null) =>
    id ? (point.hazards.find((h) => h.id === id)?.description ?? "—") : t("measure.wholePoint");

  return (
    <Card
      id="rp-measures"
      title={t("measure.sectionTitle", { count: point.measures.length })}
      data-testid="measure-section"
      extra={
        editable && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding("engineering")}
            data-testid="measure-add"
          >
            {t("measure.add")}
          </Button>
        )
      }
    >
      <Typography.Paragraph type="secondary">{t("measure.explain")}</Typography.Paragraph>
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        {MEASURE_KINDS.map((kind) => {
          const measures = point.measures.filter((m) => m.kind === kind);
          return (
            <div key={kind} data-testid={`measure-group-${kind}`}>
              <Space style={{ marginBottom: 6 }}>
                <Typography.Text strong>{measureKindLabel(t, kind)}</Typography.Text>
                <Tag>{measures.length}</Tag>
                {editable && (
                  <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setAdding(kind)}>
                    {t("measure.addOfKind")}
                  </Button>
                )}
              </Space>
              {measures.length === 0 ? (
                <div>
                  <Typography.Text type="secondary">{t("measure.noneOfKind")}</Typography.Text>
                </div>
              ) : (
                <Table<ControlMeasure>
                  size="small"
                  rowKey="id"
                  pagination={false}
                  dataSource={measures}
                  columns={[
                    { title: t("measure.content"), dataIndex: "content" },
                    {
                      title: t("measure.checkContent"),
                      dataIndex: "checkContent",
                      width: 240,
                      render: (text: string) => text || "—",
                    },
                    {
                      title: t("measure.checkFrequency"),
                      dataIndex: "checkFrequency",
                      width: 100,
                      render: (frequency: string) => checkFrequencyLabel(t, frequency),
                    },
                    {
                      title: t("measure.responsiblePerson"),
                      dataIndex: "responsiblePerson",
                      width: 110,
                      render: (text: string) => text || "—",
                    },
                    {
                      title: t("measure.hazard"),
                      dataIndex: "hazardId",
                      width: 180,
                      render: (id: string | null) => hazardName(id),
                    },
                    ...(editable
                      ? [
                          {
                            key: "remove",
                            width: 56,
                            render: (_: unknown, measure: ControlMeasure) => (
                              <DeleteButton
                                path={`/measures/${measure.id}`}
                                confirm={t("measure.deleteConfirm")}
                                done={t("measure.deleted")}
                                onDeleted={onChanged}
                              />
                            ),
                          },
                        ]
                      : []),
                  ]}
                />
              )}
            </div>
          );
        })}
      </Space>
      {editable && (
        <MeasureFormModal
          open={adding !== null}
          riskPointId={point.id}
          hazards={point.hazards}
          kind={adding ?? undefined}
          onClose={() => setAdding(null)}
          onSaved={() => {
            setAdding(null);
            onChanged();
          }}
        />
      )}
    </Card>
  );
}
