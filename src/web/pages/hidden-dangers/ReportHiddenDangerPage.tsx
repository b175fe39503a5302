import { CheckCircleFilled } from "@ant-design/icons";
import { Alert, Button, Card, Input, Result, Space, Typography } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router-dom";
import { ApiError, api } from "../../api/client";
import { useMe } from "../../app/session";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { useT } from "../../i18n";
import type { HiddenDanger } from "./hidden-danger-data";
import { PhotoCapture } from "./PhotoCapture";

/** "Two taps and a photo": photo, a sentence, report. Laid out for a phone held in one hand. */
export function ReportHiddenDangerPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const own = me.enterpriseIds.length === 1 ? me.enterpriseIds[0] : undefined;
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>(own);
  const [photoIds, setPhotoIds] = useState<string[]>([]);
  const [description, setDescription] = useState("");
  const [place, setPlace] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [reported, setReported] = useState<HiddenDanger | null>(null);

  const needsPhoto = me.role === "employee";
  const ready = !!enterpriseId && description.trim().length >= 2 && (!needsPhoto || photoIds.length > 0);

  const submit = async () => {
    if (!enterpriseId) return;
    if (needsPhoto && photoIds.length === 0) {
      setError(t("report.photoNeeded"));
      return;
    }
    setSending(true);
    setError(null);
    try {
      const created = await api.post<HiddenDanger>("/hidden-dangers", {
        enterpriseId,
        description: description.trim(),
        ...(photoIds.length ? { photoIds } : {}),
        ...(place.trim() ? { place: place.trim() } : {}),
      });
      setReported(created);
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : String(caught));
    } finally {
      setSending(false);
    }
  };

  if (reported) {
    return (
      <Card style={{ maxWidth: 560, margin: "0 auto" }} data-testid="report-done">
        <Result
          icon={<CheckCircleFilled style={{ color: "#52c41a" }} />}
          title={t("report.done", { code: reported.code })}
          extra={
            <Space direction="vertical" style={{ width: "100%" }}>
              <Button
                type="primary"
                size="large"
                block
                onClick={() => {
                  setReported(null);
                  setPhotoIds([]);
                  setDescription("");
                  setPlace("");
                }}
              >
                {t("report.another")}
              </Button>
              <Button
                size="large"
                block
                onClick={() => navigate(`/hidden-dangers/${reported.id}`)}
                data-testid="report-view"
              >
                {t("report.view")}
              </Button>
            </Space>
          }
        />
      </Card>
    );
  }

  return (
    <Card title={t("report.title")} style={{ maxWidth: 560, margin: "0 auto" }} data-testid="report-page">
      <Space direction="vertical" size="large" style={{ width: "100%" }}>
        {!own && (
          <div>
            <Typography.Text strong>{t("report.enterprise")}</Typography.Text>
            <EnterprisePicker
              data-testid="hd-enterprise"
              value={enterpriseId}
              onChange={setEnterpriseId}
              style={{ width: "100%", marginTop: 6 }}
            />
          </div>
        )}
        {enterpriseId && (
          <div>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              1 · {t("report.step1")}
            </Typography.Title>
            <PhotoCapture ownerId={enterpriseId} value={photoIds} onChange={setPhotoIds} testId="report-photo" />
          </div>
        )}
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            2 · {t("report.describe")}
          </Typography.Title>
          <Input.TextArea
            data-testid="report-description"
            value={description}
            onChange={(event) => setDescription(event.target.value)}
            placeholder={t("report.describePlaceholder")}
            autoSize={{ minRows: 3, maxRows: 6 }}
            maxLength={2000}
            style={{ fontSize: 16 }}
          />
          <Input
            data-testid="report-place"
            value={place}
            onChange={(event) => setPlace(event.target.value)}
            placeholder={t("report.place")}
            maxLength={200}
            style={{ marginTop: 8, fontSize: 16 }}
          />
        </div>
        {error && <Alert type="error" showIcon title={error} data-testid="report-error" />}
        <Button
          type="primary"
          size="large"
          block
          loading={sending}
          disabled={!ready}
          onClick={submit}
          data-testid="report-submit"
          style={{ height: 56, fontSize: 18 }}
        >
          3 · {t("report.submit")}
        </Button>
      </Space>
    </Card>
  );
}
