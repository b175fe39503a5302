import { PhoneOutlined, WarningOutlined } from "@ant-design/icons";
import { Tag, Typography } from "antd";
import { MEASURE_KINDS } from "../../../domain/risk/vocabulary";
import type { PublicRiskCard } from "../../api/types";
import { formatDateTime, measureKindLabel } from "../../components/labels";
import { levelItem, NOT_ASSESSED_HEX } from "../../components/RiskLevel";
import { useLocale, useT } from "../../i18n";

/**
 * The risk notice card (安全风险告知卡) as posted at the place: a band in the level's colour, the hazards and what
 * they can lead to, the control measures by kind, and whom to call. Sized for a phone; also the preview on the
 * risk point page.
 */
export function NoticeCard({ card }: { card: PublicRiskCard }) {
  const t = useT();
  const [locale] = useLocale();
  const english = locale === "en";
  const band = levelItem(card.level);
  const hex = band?.hex ?? NOT_ASSESSED_HEX;
  const textHex = band?.textHex ?? "#ffffff";
  const kinds = MEASURE_KINDS.filter((kind) => card.measures[kind]?.length > 0);

  return (
    <article
      data-testid="notice-card"
      data-level={card.level ?? "none"}
      style={{
        maxWidth: 560,
        margin: "0 auto",
        background: "#fff",
        border: `3px solid ${hex}`,
        borderRadius: 10,
        overflow: "hidden",
        boxShadow: "0 2px 8px rgba(0,0,0,0.08)",
      }}
    >
      <header style={{ background: hex, color: textHex, padding: "14px 18px" }}>
        <div style={{ fontSize: 14, letterSpacing: 2, opacity: 0.9 }}>
          <WarningOutlined /> {t("card.heading")}
        </div>
        <div style={{ fontSize: 26, fontWeight: 700, lineHeight: 1.3 }} data-testid="notice-card-level">
          {english ? card.levelName.en : card.levelName.zh}
        </div>
      </header>
      <div style={{ padding: "14px 18px" }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="notice-card-point">
          {card.pointName}
        </Typography.Title>
        <Typography.Text type="secondary">
          {card.ownerName}
          {card.unit ? ` · ${card.unit}` : ""}
        </Typography.Text>

        <section style={{ marginTop: 14 }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {t("card.hazards")}
          </Typography.Text>
          {card.hazards.length === 0 ? (
            <div>
              <Typography.Text type="secondary">{t("card.noHazards")}</Typography.Text>
            </div>
          ) : (
            <ol style={{ paddingInlineStart: 20, margin: "6px 0 0" }}>
              {card.hazards.map((hazard) => (
                <li key={hazard.description} style={{ marginBottom: 6 }}>
                  <div>{hazard.description}</div>
                  <div>
                    {hazard.accidentTypes.map((type) => (
                      <Tag key={type.zh} color="volcano" style={{ marginTop: 2 }}>
                        {english ? type.en : type.zh}
                      </Tag>
                    ))}
                  </div>
                </li>
              ))}
            </ol>
          )}
        </section>

        <section style={{ marginTop: 10 }}>
          <Typography.Text strong style={{ fontSize: 15 }}>
            {t("card.measures")}
          </Typography.Text>
          {kinds.length === 0 ? (
            <div>
              <Typography.Text type="secondary">{t("card.noMeasures")}</Typography.Text>
            </div>
          ) : (
            kinds.map((kind) => (
              <div key={kind} style={{ marginTop: 6 }}>
                <div style={{ fontWeight: 500, color: "#434343" }}>{measureKindLabel(t, kind)}</div>
                <ul style={{ paddingInlineStart: 20, margin: "2px 0 0" }}>
                  {card.measures[kind].map((content) => (
                    <li key={content}>{content}</li>
                  ))}
                </ul>
              </div>
            ))
          )}
        </section>

        <section
          style={{
            marginTop: 14,
            padding: "10px 12px",
            background: "#fff1f0",
            borderRadius: 8,
            border: "1px solid #ffccc7",
          }}
        >
          <div style={{ fontSize: 13, color: "#a8071a" }}>{t("card.emergencyPhone")}</div>
          {card.emergencyPhone ? (
            <a
              href={`tel:${card.emergencyPhone.replace(/[^\d+]/g, "")}`}
              style={{ fontSize: 24, fontWeight: 700, color: "#a8071a" }}
              data-testid="notice-card-phone"
            >
              <PhoneOutlined /> {card.emergencyPhone}
            </a>
          ) : (
            <div style={{ fontSize: 16, color: "#a8071a" }}>{t("card.callEmergency")}</div>
          )}
        </section>

        <dl style={{ margin: "12px 0 0", display: "grid", gridTemplateColumns: "auto 1fr", gap: "4px 12px" }}>
          <dt style={{ color: "#8c8c8c" }}>{t("risk.controllingUnit")}</dt>
          <dd style={{ margin: 0 }}>{card.controllingUnit || "—"}</dd>
          <dt style={{ color: "#8c8c8c" }}>{t("risk.responsiblePerson")}</dt>
          <dd style={{ margin: 0 }}>{card.responsiblePerson || "—"}</dd>
          <dt style={{ color: "#8c8c8c" }}>{t("card.updatedAt")}</dt>
          <dd style={{ margin: 0 }}>{formatDateTime(card.updatedAt, locale)}</dd>
        </dl>
      </div>
    </article>
  );
}
