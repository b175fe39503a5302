import { CopyOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Descriptions, Input, Modal, Popconfirm, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { api } from "../../api/client";
import type { Answer } from "../../api/contract";
import { formatDateTime } from "../../components/labels";
import { useLocale, useT } from "../../i18n";
import type { Device, MqttAccess } from "./monitoring-data";

type Renewed = Answer<"/api/v1/devices/{id}/credential", "post">;

/** How a device connects (MQTT user name, topic), its credential's state, and renewing or revoking it. */
export function DeviceAccessCard({
  device,
  mqtt,
  canManage,
  onChanged,
}: {
  device: Device;
  mqtt: MqttAccess | null;
  canManage: boolean;
  onChanged: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const [renewed, setRenewed] = useState<Renewed | null>(null);
  const [busy, setBusy] = useState(false);

  const rotate = async () => {
    setBusy(true);
    try {
      setRenewed(await api.post<Renewed>(`/devices/${device.id}/credential`));
      onChanged();
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const revoke = async () => {
    setBusy(true);
    try {
      const result = await api.delete<{ brokerUpdated: boolean | null }>(`/devices/${device.id}/credential`);
      message.success(t("device.revoked"));
      if (result.brokerUpdated === false) message.warning(t("device.brokerPending"));
      onChanged();
    } catch (error) {
      message.error((error as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const copy = (text: string) =>
    navigator.clipboard
      ?.writeText(text)
      .then(() => message.success(t("device.copied")))
      .catch(() => message.warning(t("device.copyFailed")));

  return (
    <Card
      title={t("device.access")}
      data-testid="device-access"
      extra={
        canManage && (
          <Space>
            <Popconfirm title={t("device.rotateConfirm")} onConfirm={rotate}>
              <Button loading={busy} data-testid="device-rotate">
                {t("device.rotate")}
              </Button>
            </Popconfirm>
            {!device.credentialRevokedAt && (
              <Popconfirm title={t("device.revokeConfirm")} onConfirm={revoke}>
                <Button danger loading={busy} data-testid="device-revoke">
                  {t("device.revoke")}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t("device.credential")}>
          {device.credentialRevokedAt ? (
            <Tag color="red">
              {t("device.credentialRevoked", { at: formatDateTime(device.credentialRevokedAt, locale) })}
            </Tag>
          ) : (
            <Space>
              <Tag color="green">{t("device.credentialActive")}</Tag>
              {device.credentialRotatedAt && (
                <Typography.Text type="secondary">
                  {t("device.credentialRotatedAt", { at: formatDateTime(device.credentialRotatedAt, locale) })}
                </Typography.Text>
              )}
            </Space>
          )}
        </Descriptions.Item>
        {mqtt ? (
          <>
            {mqtt.url && <Descriptions.Item label={t("device.mqttAddress")}>{mqtt.url}</Descriptions.Item>}
            <Descriptions.Item label={t("device.mqttUsername")}>
              <Typography.Text code copyable>
                {mqtt.username}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t("device.mqttTopic")}>
              <Typography.Text code copyable>
                {mqtt.topic}
              </Typography.Text>
            </Descriptions.Item>
          </>
        ) : (
          <Descriptions.Item label="MQTT">{t("device.mqttNotConfigured")}</Descriptions.Item>
        )}
      </Descriptions>
      <Modal
        open={renewed !== null}
        title={t("device.newCredentialTitle", { code: device.code })}
        onCancel={() => setRenewed(null)}
        footer={
          <Button type="primary" onClick={() => setRenewed(null)} data-testid="device-credential-close">
            {t("device.credentialSaved")}
          </Button>
        }
        width={640}
      >
        <Alert type="warning" showIcon title={t("device.credentialOnce")} style={{ marginBottom: 16 }} />
        {renewed?.brokerUpdated === false && (
          <Alert type="info" showIcon title={t("device.brokerPending")} style={{ marginBottom: 16 }} />
        )}
        <div style={{ display: "flex", gap: 8 }}>
          <Input
            readOnly
            value={renewed?.credential}
            data-testid="device-credential"
            style={{ fontFamily: "monospace" }}
          />
          <Button icon={<CopyOutlined />} onClick={() => renewed && copy(renewed.credential)}>
            {t("device.copy")}
          </Button>
        </div>
      </Modal>
    </Card>
  );
}
