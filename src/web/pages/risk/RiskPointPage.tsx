import {
  DeleteOutlined,
  EditOutlined,
  ExperimentOutlined,
  FilePdfOutlined,
  HistoryOutlined,
  LinkOutlined,
  PlusOutlined,
  QrcodeOutlined,
} from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Descriptions,
  Image,
  Popconfirm,
  Result,
  Row,
  Skeleton,
  Space,
  Steps,
  Table,
  Tag,
  Tooltip,
  Typography,
} from "antd";
import QRCode from "qrcode";
import { useEffect, useMemo, useState } from "react";
import { Link, useNavigate, useParams } from "react-router-dom";
import { riskLevelOf } from "../../../domain/reference/risk-levels";
import { api, downloadFile, errorMessage } from "../../api/client";
import {
  type ControlMeasure,
  type Hazard,
  MEASURE_KINDS,
  type MeasureKind,
  type PublicRiskCard,
  type ReferenceItem,
  type RiskPoint,
} from "../../api/types";
import { useRequest } from "../../api/use-request";
import { useMe } from "../../app/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import {
  checkFrequencyLabel,
  formatDateTime,
  measureKindLabel,
  publicCategoryLabel,
  riskPointKindLabel,
} from "../../components/labels";
import { usePageCrumb } from "../../components/page-crumb";
import { controlLevelName, RiskLevelTag } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";
import { NoticeCard } from "../card/NoticeCard";
import { AssessmentHistory, factorsText } from "./AssessmentHistory";
import { AssessmentWizard } from "./AssessmentWizard";
import { HazardFormModal } from "./HazardFormModal";
import { MeasureFormModal } from "./MeasureFormModal";
import { photoUrl } from "./PhotoUpload";
import { RiskPointFormModal } from "./RiskPointFormModal";
import { canEditRegister, registerPath, useAccidentTypes, useHazardFactors } from "./risk-data";

/** The notice card as the public will see it, built from the register (the server's public card is the same content). */
function cardOf(point: RiskPoint, accidentTypes: readonly ReferenceItem[]): PublicRiskCard {
  const level = point.level ? riskLevelOf(point.level) : null;
  const typeName = (code: string) => {
    const item = accidentTypes.find((a) => a.code === code);
    return { zh: item?.nameZh ?? code, en: item?.nameEn ?? code };
  };
  const measures = Object.fromEntries(
    MEASURE_KINDS.map((kind) => [kind, point.measures.filter((m) => m.kind === kind).map((m) => m.content)]),
  ) as Record<MeasureKind, string[]>;
  return {
    ownerName: point.ownerName,
    pointName: point.name,
    unit: point.unit,
    level: point.level,
    colour: point.colour,
    levelName: level ? { zh: level.nameZh, en: level.nameEn } : { zh: "未评价", en: "Not assessed" },
    hazards: point.hazards.map((h) => ({ description: h.description, accidentTypes: h.accidentTypes.map(typeName) })),
    measures,
    emergencyPhone: point.emergencyPhone,
    controllingUnit: point.controllingUnit,
    responsiblePerson: point.responsiblePerson,
    updatedAt: point.updatedAt,
  };
}

function scrollTo(id: string) {
  document.getElementById(id)?.scrollIntoView({ behavior: "smooth", block: "start" });
}

/** The QR code printed on the notice card, so the link can be checked before printing. */
function CardQrCode({ url }: { url: string }) {
  const [image, setImage] = useState<string | null>(null);
  useEffect(() => {
    let stale = false;
    QRCode.toDataURL(url, { margin: 1, width: 168, errorCorrectionLevel: "M" })
      .then((data) => !stale && setImage(data))
      .catch(() => !stale && setImage(null));
    return () => {
      stale = true;
    };
  }, [url]);
  return image ? (
    <img src={image} width={168} height={168} alt={url} data-testid="card-qr" style={{ border: "1px solid #f0f0f0" }} />
  ) : null;
}

function HazardsSection({
  point,
  editable,
  onChanged,
}: {
  point: RiskPoint;
  editable: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const factors = useHazardFactors();
  const accidentTypes = useAccidentTypes();
  const [editing, setEditing] = useState<Hazard | "new" | null>(null);
  const [assessing, setAssessing] = useState<Hazard | null>(null);

  const remove = async (hazard: Hazard) => {
    try {
      await api.delete(`/hazards/${hazard.id}`);
      message.success(t("hazard.deleted"));
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

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
                      <Popconfirm
                        title={t("hazard.deleteConfirm")}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => remove(hazard)}
                      >
                        <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("common.remove")} />
                      </Popconfirm>
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

function MeasuresSection({
  point,
  editable,
  onChanged,
}: {
  point: RiskPoint;
  editable: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [adding, setAdding] = useState<MeasureKind | null>(null);
  const hazardName = (id: string | null) =>
    id ? (point.hazards.find((h) => h.id === id)?.description ?? "—") : t("measure.wholePoint");

  const remove = async (measure: ControlMeasure) => {
    try {
      await api.delete(`/measures/${measure.id}`);
      message.success(t("measure.deleted"));
      onChanged();
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

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
                              <Popconfirm
                                title={t("measure.deleteConfirm")}
                                okButtonProps={{ danger: true }}
                                onConfirm={() => remove(measure)}
                              >
                                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t("common.remove")} />
                              </Popconfirm>
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

function NoticeCardSection({ point }: { point: RiskPoint }) {
  const t = useT();
  const { message } = App.useApp();
  const accidentTypes = useAccidentTypes();
  const [printing, setPrinting] = useState<"A4" | "A5" | null>(null);
  const publicUrl = `${window.location.origin}/card/${point.publicToken}`;
  const card = useMemo(() => cardOf(point, accidentTypes.items), [point, accidentTypes.items]);

  const print = async (size: "A4" | "A5") => {
    setPrinting(size);
    try {
      await downloadFile(`/risk-points/${point.id}/card.pdf`, { size }, `risk-notice-card-${size}.pdf`);
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setPrinting(null);
    }
  };

  return (
    <Card id="rp-card" title={t("card.sectionTitle")} data-testid="notice-card-section">
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            <Typography.Paragraph style={{ margin: 0 }}>{t("card.explain")}</Typography.Paragraph>
            {point.level == null && <Alert type="warning" showIcon title={t("card.notAssessedYet")} />}
            <Space wrap>
              <Button
                icon={<FilePdfOutlined />}
                loading={printing === "A4"}
                onClick={() => print("A4")}
                data-testid="card-pdf-a4"
              >
                {t("card.pdfA4")}
              </Button>
              <Button
                icon={<FilePdfOutlined />}
                loading={printing === "A5"}
                onClick={() => print("A5")}
                data-testid="card-pdf-a5"
              >
                {t("card.pdfA5")}
              </Button>
            </Space>
            <div>
              <Typography.Text strong>
                <LinkOutlined /> {t("card.publicLink")}
              </Typography.Text>
              <Typography.Paragraph copyable={{ text: publicUrl }} style={{ margin: "4px 0 0" }}>
                <a href={publicUrl} target="_blank" rel="noreferrer" data-testid="card-public-link">
                  {publicUrl}
                </a>
              </Typography.Paragraph>
            </div>
            <Space align="start">
              <CardQrCode url={publicUrl} />
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                <QrcodeOutlined /> {t("card.qrHint")}
              </Typography.Text>
            </Space>
          </Space>
        </Col>
        <Col xs={24} lg={14}>
          <Typography.Text type="secondary" style={{ display: "block", marginBottom: 8 }}>
            {t("card.preview")}
          </Typography.Text>
          <NoticeCard card={card} />
        </Col>
      </Row>
    </Card>
  );
}

/** One risk point: what it is, its hazards and their assessments, its control measures and its notice card. */
export function RiskPointPage() {
  const t = useT();
  const me = useMe();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const [editing, setEditing] = useState(false);
  const request = useRequest(() => api.get<RiskPoint>(`/risk-points/${id}`), [id]);
  const point = request.data?.id === id ? request.data : undefined;
  usePageCrumb(point?.name);

  if (request.error) {
    return request.error.status === 404 ? (
      <Result status="404" title={t("risk.notFound")} subTitle={request.error.message} />
    ) : (
      <ErrorAlert error={request.error} onRetry={request.reload} />
    );
  }
  if (!point)
    return (
      <Card>
        <Skeleton active />
      </Card>
    );

  const editable = canEditRegister(me, point.ownerKind);
  const assessed = point.hazards.filter((h) => h.assessment).length;

  const remove = async () => {
    try {
      await api.delete(`/risk-points/${point.id}`);
      message.success(t("risk.deleted", { name: point.name }));
      navigate(registerPath(point.ownerKind, point.ownerId));
    } catch (error) {
      message.error(errorMessage(error));
    }
  };

  // Where the register stands, step by step: the order an assessor works in.
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
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="risk-point-page">
      <Card
        id="rp-basic"
        title={
          <Space wrap>
            <span data-testid="risk-point-name">{point.name}</span>
            <RiskLevelTag level={point.level} testId="risk-point-level" style={{ fontSize: 14, padding: "2px 10px" }} />
          </Space>
        }
        extra={
          <Space wrap>
            <Link to={registerPath(point.ownerKind, point.ownerId)} data-testid="risk-point-register-link">
              {t("risk.backToRegister", { name: point.ownerName })}
            </Link>
            {editable && (
              <>
                <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="risk-point-edit">
                  {t("common.edit")}
                </Button>
                <Popconfirm title={t("risk.deleteConfirm")} okButtonProps={{ danger: true }} onConfirm={remove}>
                  <Button danger icon={<DeleteOutlined />} data-testid="risk-point-delete">
                    {t("common.remove")}
                  </Button>
                </Popconfirm>
              </>
            )}
          </Space>
        }
      >
        {editable && (
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
        )}
        {!editable && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("risk.readOnlyExplain")} />}
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
      </Card>
      <HazardsSection point={point} editable={editable} onChanged={request.reload} />
      <MeasuresSection point={point} editable={editable} onChanged={request.reload} />
      <NoticeCardSection point={point} />
      {editable && (
        <RiskPointFormModal
          open={editing}
          ownerId={point.ownerId}
          ownerKind={point.ownerKind}
          riskPoint={point}
          onClose={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            request.reload();
          }}
        />
      )}
    </Space>
  );
}
