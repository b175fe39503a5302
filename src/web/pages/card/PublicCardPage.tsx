import { SafetyCertificateOutlined } from "@ant-design/icons";
import { Alert, Result, Skeleton, Typography } from "antd";
import { useParams } from "react-router-dom";
import { api } from "../../api/client";
import type { PublicRiskCard } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { LanguageSwitch } from "../../components/LanguageSwitch";
import { useT } from "../../i18n";
import { NoticeCard } from "./NoticeCard";

/** What a phone shows after scanning the QR code of a posted notice card: no sign-in, no menu. */
export function PublicCardPage() {
  const t = useT();
  const { token = "" } = useParams();
  const card = useRequest(() => api.get<PublicRiskCard>(`/public/risk-cards/${encodeURIComponent(token)}`), [token]);

  return (
    <div
      style={{ minHeight: "100vh", background: "#f5f5f5", padding: "12px 12px 32px" }}
      data-testid="public-card-page"
    >
      <div
        style={{
          maxWidth: 560,
          margin: "0 auto 12px",
          display: "flex",
          alignItems: "center",
          justifyContent: "space-between",
        }}
      >
        <Typography.Text strong>
          <SafetyCertificateOutlined style={{ color: "#1677ff" }} /> DualGuard
        </Typography.Text>
        <LanguageSwitch />
      </div>
      {card.error ? (
        card.error.status === 404 ? (
          <Result status="404" title={t("card.notFound")} subTitle={t("card.notFoundText")} />
        ) : (
          <Alert type="error" showIcon title={card.error.message} style={{ maxWidth: 560, margin: "0 auto" }} />
        )
      ) : card.data ? (
        <NoticeCard card={card.data} />
      ) : (
        <div style={{ maxWidth: 560, margin: "0 auto", background: "#fff", padding: 16, borderRadius: 10 }}>
          <Skeleton active />
        </div>
      )}
      <Typography.Paragraph type="secondary" style={{ maxWidth: 560, margin: "16px auto 0", fontSize: 12 }}>
        {t("card.footer")}
      </Typography.Paragraph>
    </div>
  );
}
