import { Descriptions, Image, Space, Steps, Tag, Typography } from "antd";
import type { RiskPoint } from "../../api/types";
import { formatDateTime, publicCategoryLabel, riskPointKindLabel } from "../../components/labels";
import { controlLevelName, RiskLevelTag } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import { photoUrl } from "./PhotoUpload";

function scrollTo(id: string) {
  document.getElementById(id)?.scrollIntoView({ behavior: "smooth", block: "start" });
}

/** Where the register of one point stands, step by step, in the order an assessor works in; a step scrolls to its part. */
export function RiskPointSteps({ point }: { point: RiskPoint }) {
  const t = useT();
  const assessed = point.hazards.filter((h) => h.assessment).length;
  const steps = [
    { key: "rp-basic", title: t("riskStep.basic"), done: true, description: t("riskStep.basicDone") },
    {
      key: "rp-hazards",
      title: t("riskStep.hazards"),
      done: point.hazards.length > 0,
      description: t("riskStep.hazardsCount", { count: point.hazards.length }),
    },
    {
      key: "rp-hazards",
      title: t("riskStep.assess"),
      done: point.hazards.length > 0 && assessed === point.hazards.length,
      description: t("riskStep.assessCount", { assessed, total: point.hazards.length }),
    },
    {
      key: "rp-measures",
      title: t("riskStep.measures"),
      done: point.measures.length > 0,
      description: t("riskStep.measuresCount", { count: point.measures.length }),
    },
    {
      key: "rp-card",
      title: t("riskStep.card"),
      done: point.level != null && point.measures.length > 0,
      description: t("riskStep.cardHint"),
    },
  ];
  const firstOpen = steps.findIndex((s) => !s.done);

  return (
    <Steps
      size="small"
      type="navigation"
      current={firstOpen === -1 ? steps.length - 1 : firstOpen}
      onChange={(index) => scrollTo(steps[index].key)}
      style={{ marginBottom: 16 }}
      data-testid="risk-point-steps"
      items={steps.map((step, index) => ({
        title: step.title,
        description: step.description,
        status: step.done ? "finish" : index === firstOpen ? "process" : "wait",
      }))}
    />
  );
}

/** What the point is and where, who controls it, whom to call, and its photos. */
export function RiskPointFacts({ point }: { point: RiskPoint }) {
  const t = useT();
  const [locale] = useLocale();
  const controlLevel = point.controlLevel ? (
    <Space size={4} wrap>
      <span data-testid="risk-point-control-level">{controlLevelName(locale, point.controlLevel)}</span>
      <Tag color={point.controlLevelSetByUser ? "purple" : "default"}>
        {point.controlLevelSetByUser ? t("risk.controlSetByHand") : t("risk.controlFromMapping")}
      </Tag>
    </Space>
  ) : (
    <Typography.Text type="secondary">{t("risk.controlDefaultLater")}</Typography.Text>
  );

  return (
    <Descriptions
      data-testid="risk-point-descriptions"
      bordered
      size="small"
      column={{ xs: 1, md: 2, xl: 3 }}
      items={[
        { key: "owner", label: t("risk.owner"), children: point.ownerName },
        {
          key: "kind",
          label: point.publicCategory ? t("risk.publicCategory") : t("risk.kind"),
          children: point.publicCategory
            ? publicCategoryLabel(t, point.publicCategory)
            : riskPointKindLabel(t, point.kind),
        },
        { key: "unit", label: t("risk.unit"), children: point.unit || "—" },
        {
          key: "level",
          label: t("risk.level"),
          children: (
            <Space size={4}>
              <RiskLevelTag level={point.level} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("risk.levelRule")}
              </Typography.Text>
            </Space>
          ),
        },
        { key: "controlLevel", label: t("risk.controlLevel"), children: controlLevel },
        { key: "controllingUnit", label: t("risk.controllingUnit"), children: point.controllingUnit || "—" },
        {
          key: "responsible",
          label: t("risk.responsiblePerson"),
          children: point.responsiblePerson
            ? `${point.responsiblePerson}${point.responsiblePhone ? ` · ${point.responsiblePhone}` : ""}`
            : "—",
        },
        { key: "emergency", label: t("risk.emergencyPhone"), children: point.emergencyPhone || "—" },
        {
          key: "location",
          label: t("risk.location"),
          children:
            point.lng != null && point.lat != null ? (
              <Typography.Text copyable>{`${point.lng.toFixed(6)},${point.lat.toFixed(6)}`}</Typography.Text>
            ) : (
              t("risk.notLocated")
            ),
        },
        { key: "updatedAt", label: t("risk.updatedAt"), children: formatDateTime(point.updatedAt, locale) },
        {
          key: "photos",
          label: t("risk.photos"),
          span: "filled",
          children:
            point.photoIds.length === 0 ? (
              <Typography.Text type="secondary">{t("risk.noPhotos")}</Typography.Text>
            ) : (
              <Image.PreviewGroup>
                <Space wrap>
                  {point.photoIds.map((photoId) => (
                    <Image
                      key={photoId}
                      src={photoUrl(photoId)}
                      width={112}
                      height={84}
                      style={{ objectFit: "cover", borderRadius: 6 }}
                      alt={point.name}
                    />
                  ))}
                </Space>
              </Image.PreviewGroup>
            ),
        },
      ]}
    />
  );
}
