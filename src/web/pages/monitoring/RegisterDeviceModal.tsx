import { CopyOutlined } from "@ant-design/icons";
import { Alert, App, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { DEVICE_TYPE_INFO, DEVICE_TYPES, type DeviceType } from "../../../domain/monitoring/device-types";
import { api } from "../../api/client";
import { useMe } from "../../app/session";
import { FormModal } from "../../components/FormModal";
import { useLocale, useT } from "../../i18n";
import type { RegisteredDevice } from "./monitoring-data";
import { deviceTypeName } from "./monitoring-ui";

type FormValues = {
  enterpriseId: string;
  code: string;
  name: string;
  deviceType: DeviceType;
  lng?: number;
  lat?: number;
  installDate?: Dayjs;
  calibrationDue?: Dayjs;
};

/** Registers a device of the user's enterprise; the answer's credential is shown once, with how to send readings. */
export function RegisterDeviceModal({
  open,
  enterprises,
  onClose,
  onRegistered,
}: {
  open: boolean;
  /** The enterprises the user manages, with names where known. */
  enterprises: readonly { id: string; name: string }[];
  onClose: () => void;
  onRegistered: () => void;
}) {
  const t = useT();
  const [locale] = useLocale();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [registered, setRegistered] = useState<RegisteredDevice | null>(null);

  const close = () => {
    setRegistered(null);
    onClose();
  };

  const submit = async (values: FormValues) => {
    const device = await api.post<RegisteredDevice>("/devices", {
      enterpriseId: values.enterpriseId,
      code: values.code.trim(),
      name: values.name.trim(),
      deviceType: values.deviceType,
      lng: values.lng ?? undefined,
      lat: values.lat ?? undefined,
      installDate: values.installDate?.format("YYYY-MM-DD"),
      calibrationDue: values.calibrationDue?.format("YYYY-MM-DD"),
    });
    setRegistered(device);
    onRegistered();
  };

  const copy = (text: string) => {
    navigator.clipboard
      ?.writeText(text)
      .then(() => message.success(t("device.copied")))
      .catch(() => message.warning(t("device.copyFailed")));
  };

  if (registered) {
    const origin = window.location.origin;
    const http = `curl -X POST ${origin}/api/v1/ingest/readings \\
  -H "Authorization: Bearer ${registered.credential}" \\
  -H "Content-Type: application/json" \\
  -d '{"readings":[{"deviceId":"${registered.code}","ts":"${new Date().toISOString()}","value":0}]}'`;
    return (
      <Modal
        open={open}
        title={t("device.registeredTitle", { code: registered.code })}
        onCancel={close}
        footer={
          <Button type="primary" onClick={close} data-testid="device-credential-close">
            {t("device.credentialSaved")}
          </Button>
        }
        width={720}
      >
        <Alert type="warning" showIcon title={t("device.credentialOnce")} style={{ marginBottom: 16 }} />
        <Typography.Text strong>{t("device.credential")}</Typography.Text>
        <div style={{ display: "flex", gap: 8, margin: "8px 0 16px" }}>
          <Input
            readOnly
            value={registered.credential}
            data-testid="device-credential"
            style={{ fontFamily: "monospace" }}
          />
          <Button
            icon={<CopyOutlined />}
            onClick={() => copy(registered.credential)}
            data-testid="device-credential-copy"
          >
            {t("device.copy")}
          </Button>
        </div>
        <Typography.Text strong>{t("device.usageHttp")}</Typography.Text>
        <Typography.Paragraph>
          <pre style={{ whiteSpace: "pre-wrap", fontSize: 12, margin: "8px 0" }}>{http}</pre>
        </Typography.Paragraph>
        <Typography.Text strong>{t("device.usageMqtt")}</Typography.Text>
        <Typography.Paragraph>
          {registered.mqtt ? (
            <pre style={{ whiteSpace: "pre-wrap", fontSize: 12, margin: "8px 0" }} data-testid="device-mqtt">
              {[
                registered.mqtt.url ? `${t("device.mqttAddress")}: ${registered.mqtt.url}` : null,
                `${t("device.mqttUsername")}: ${registered.mqtt.username}`,
                t("device.mqttPassword"),
                `${t("device.mqttTopic")}: ${registered.mqtt.topic}`,
                `payload: {"ts":"${new Date().toISOString()}","value":0}`,
              ]
                .filter(Boolean)
                .join("\n")}
            </pre>
          ) : (
            <Typography.Text type="secondary">{t("device.mqttNotConfigured")}</Typography.Text>
          )}
        </Typography.Paragraph>
      </Modal>
    );
  }

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      initialValues={{ enterpriseId: enterprises[0]?.id ?? me.enterpriseIds[0], deviceType: "combustible_gas" }}
      onSubmit={submit}
      onClose={close}
      title={t("device.register")}
      okText={t("device.registerSubmit")}
      okButtonProps={{ "data-testid": "device-register-submit" } as never}
      width={640}
      destroyOnHidden
    >
      {enterprises.length > 1 && (
        <Form.Item name="enterpriseId" label={t("alarm.enterprise")} rules={[{ required: true }]}>
          <Select options={enterprises.map((e) => ({ value: e.id, label: e.name }))} />
        </Form.Item>
      )}
      {enterprises.length <= 1 && (
        <Form.Item name="enterpriseId" hidden>
          <Input />
        </Form.Item>
      )}
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item
            name="code"
            label={t("device.code")}
            rules={[{ required: true, whitespace: true, message: t("alarm.fieldRequired") }]}
          >
            <Input data-testid="device-code" maxLength={64} placeholder="GT-101" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="deviceType" label={t("device.type")} rules={[{ required: true }]}>
            <Select
              data-testid="device-type"
              options={DEVICE_TYPES.map((type) => ({
                value: type,
                label: `${deviceTypeName(locale, type)} (${DEVICE_TYPE_INFO[type].unit})`,
              }))}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="name"
        label={t("device.name")}
        rules={[{ required: true, whitespace: true, message: t("alarm.fieldRequired") }]}
      >
        <Input data-testid="device-name" maxLength={200} placeholder={t("device.namePlaceholder")} />
      </Form.Item>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="lng" label={t("device.lng")}>
            <InputNumber min={-180} max={180} step={0.000001} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="lat" label={t("device.lat")}>
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="installDate" label={t("device.installDate")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="calibrationDue" label={t("device.calibrationDue")}>
            <DatePicker style={{ width: "100%" }} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
