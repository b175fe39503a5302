import { EditOutlined, ExperimentOutlined, HistoryOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Card, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import type { Hazard } from "../../api/types";
import { DeleteButton } from "../../components/DeleteButton";
import { formatDateTime } from "../../components/labels";
import { RiskLevelTag } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import { AssessmentHistory, factorsText } from "./AssessmentHistory";
import { AssessmentWizard } from "./AssessmentWizard";
import { HazardFormModal } from "./HazardFormModal";
import { type RiskPointSectionProps, useAccidentTypes, useHazardFactors } from "./risk-data";

/** A risk point's hazards with their latest assessment; the register's keeper adds, assesses, edits and removes them. */
export function HazardsSection({ point, editable, onChanged }: RiskPointSectionProps) {
  const t = useT();
  const [locale] = useLocale();
  const factors = useHazardFactors();
  const accidentTypes = useAccidentTypes();
  const [editing, setEditing] = useState<Hazard | "new" | null>(null);
  const [assessing, setAssessing] = useState<Hazard | null>(null);

  return (
    <Card
      id="rp-hazards"
      title={t("hazard.sectionTitle", { count: point.hazards.length })}
      data-testid="hazard-section"
      extra={
        editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="hazard-add">
            {t("hazard.add")}
          </Button>
        )
      }
    >
      <Table<Hazard>
        data-testid="hazard-table"
        rowKey="id"
        size="middle"
        pagination={false}
        dataSource={point.hazards}
        scroll={{ x: 1100 }}
        locale={{ emptyText: editable ? t("hazard.emptyEditable") : t("hazard.empty") }}
        expandable={{
          expandedRowRender: (hazard) => <AssessmentHistory hazardId={hazard.id} />,
          rowExpandable: (hazard) => hazard.assessmentCount > 0,
          expandIcon: ({ expanded, onExpand, record, expandable }) =>
            expandable ? (
              <Tooltip title={t("assessment.history")}>
                <Button
                  size="small"
                  type={expanded ? "primary" : "default"}
                  icon={<HistoryOutlined />}
                  onClick={(event) => onExpand(record, event)}
                  data-testid="hazard-history-toggle"
                />
              </Tooltip>
            ) : null,
        }}
        columns={[
          {
            title: t("hazard.description"),
            dataIndex: "description",
            render: (description: string, hazard) => (
              <span>
                <div>{description}</div>
                {hazard.consequences && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t("hazard.consequencesLine", { text: hazard.consequences })}
                  </Typography.Text>
                )}
              </span>
            ),
          },
          {
            title: t("hazard.factorShort"),
            dataIndex: "factorCode",
            width: 170,
            render: (code: string) => (
              <span>
                <Typography.Text code>{code}</Typography.Text> {factors.name(code)}
              </span>
            ),
          },
          {
            title: t("hazard.accidentTypesShort"),
            dataIndex: "accidentTypes",
            width: 200,
            render: (codes: string[]) => (
              <Space size={[0, 4]} wrap>
                {codes.map((code) => (
                  <Tag key={code}>{accidentTypes.name(code)}</Tag>
                ))}
              </Space>
            ),
          },
          {
            title: t("risk.level"),
            key: "level",
            width: 250,
            render: (_: unknown, hazard) => {
              const assessment = hazard.assessment;
              if (!assessment) return <RiskLevelTag level={null} testId={`hazard-level-${hazard.id}`} />;
              return (
                <Space orientation="vertical" size={2}>
                  <RiskLevelTag level={assessment.level} testId={`hazard-level-${hazard.id}`} />
                  <Typography.Text style={{ fontSize: 12, fontFamily: "monospace" }}>
                    {assessment.method} {factorsText(assessment)} = {assessment.score}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {assessment.assessorOrganisation
                      ? t("assessment.assessorOf", {
                          name: assessment.assessorName,
                          organisation: assessment.assessorOrganisation,
                        })
                      : assessment.assessorName}{" "}
                    · {formatDateTime(assessment.assessedAt, locale)}
                  </Typography.Text>
                  {!assessment.bandsAreCurrent && (
                    <Tooltip title={t("assessment.bandsOldHelp", { version: assessment.bandsVersion })}>
                      <Tag color="warning" data-testid="hazard-bands-changed">
                        {t("assessment.bandsOld")}
                      </Tag>
                    </Tooltip>
                  )}
                </Space>
              );
            },
          },
          ...(editable
            ? [
                {
                  title: t("common.actions"),
                  key: "actions",
                  width: 250,
                  render: (_: unknown, hazard: Hazard) => (
                    <Space size={4}>
                      <Button
                        size="small"
                        type={!hazard.assessment?.bandsAreCurrent ? "primary" : "default"}
                        icon={<ExperimentOutlined />}
                        onClick={() => setAssessing(hazard)}
                        data-testid="hazard-assess"
                      >
                        {hazard.assessment ? t("assessment.reassess") : t("assessment.assess")}
                      </Button>
                      <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(hazard)}>
                        {t("common.edit")}
                      </Button>
                      <DeleteButton
                        path={`/hazards/${hazard.id}`}
                        confirm={t("hazard.deleteConfirm")}
                        done={t("hazard.deleted")}
                        onDeleted={onChanged}
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editable && (
        <>
          <HazardFormModal
            open={editing !== null}
            riskPointId={point.id}
            hazard={editing === "new" || editing === null ? undefined : editing}
            onClose={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              onChanged();
            }}
          />
          <AssessmentWizard
            open={assessing !== null}
            hazard={assessing}
            onClose={() => setAssessing(null)}
            onSaved={() => {
              setAssessing(null);
              onChanged();
            }}
          />
        </>
      )}
    </Card>
  );
}
