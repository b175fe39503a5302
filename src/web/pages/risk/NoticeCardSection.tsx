import { FilePdfOutlined, LinkOutlined, QrcodeOutlined } from "@ant-design/icons";
import { Alert, Card, Col, Row, Space, Typography } from "antd";
import QRCode from "qrcode";
import { useEffect, useMemo, useState } from "react";
import { MEASURE_KINDS, type MeasureKind } from "../../../domain/risk/vocabulary";
import type { PublicRiskCard, ReferenceItem, RiskPoint } from "../../api/types";
import { DownloadButton } from "../../components/DownloadButton";
import { levelItem } from "../../components/RiskLevel";
import { useT } from "../../i18n";
import { NoticeCard } from "../card/NoticeCard";
import { useAccidentTypes } from "./risk-data";

/** The notice card as the public will see it, built from the register (the server's public card is the same content). */
function cardOf(point: RiskPoint, accidentTypes: readonly ReferenceItem[]): PublicRiskCard {
  const level = levelItem(point.level);
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

/** The notice card to post at the point: its PDF in two sizes, its public link and QR code, and a preview. */
export function NoticeCardSection({ point }: { point: RiskPoint }) {
  const t = useT();
  const accidentTypes = useAccidentTypes();
  const publicUrl = `${window.location.origin}/card/${point.publicToken}`;
  const card = useMemo(() => cardOf(point, accidentTypes.items), [point, accidentTypes.items]);

  return (
    <Card id="rp-card" title={t("card.sectionTitle")} data-testid="notice-card-section">
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={10}>
          <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
            <Typography.Paragraph style={{ margin: 0 }}>{t("card.explain")}</Typography.Paragraph>
            {point.level == null && <Alert type="warning" showIcon title={t("card.notAssessedYet")} />}
            <Space wrap>
              {(["A4", "A5"] as const).map((size) => (
                <DownloadButton
                  key={size}
                  icon={<FilePdfOutlined />}
                  path={`/risk-points/${point.id}/card.pdf`}
                  query={{ size }}
                  fileName={`risk-notice-card-${size}.pdf`}
                  data-testid={`card-pdf-${size.toLowerCase()}`}
                >
                  {size === "A4" ? t("card.pdfA4") : t("card.pdfA5")}
                </DownloadButton>
              ))}
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
