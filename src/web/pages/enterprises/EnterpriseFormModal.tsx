import { MinusCircleOutlined, PlusOutlined } from "@ant-design/icons";
import { App, Button, Col, Divider, Form, Input, InputNumber, Row, Select, Space } from "antd";
import { api } from "../../api/client";
import {
  type Contact,
  ENTERPRISE_SCALES,
  ENTERPRISE_STATUSES,
  type Enterprise,
  type EnterpriseInput,
  type EnterpriseScale,
  type EnterpriseStatus,
  type SafetyManager,
} from "../../api/types";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { FormModal } from "../../components/FormModal";
import { IndustrySelect } from "../../components/IndustrySelect";
import { scaleLabel, statusLabel } from "../../components/labels";
import { forgetTerritories } from "../../components/shared-data";
import { TerritoryTreeSelect } from "../../components/TerritoryTreeSelect";
import { useT } from "../../i18n";

type FormValues = {
  name: string;
  uscc: string;
  industryCode: string;
  scale: EnterpriseScale;
  status: EnterpriseStatus;
  territoryId?: string;
  address?: string;
  lng?: number | null;
  lat?: number | null;
  principalName?: string;
  principalPhone?: string;
  safetyManagers?: SafetyManager[];
  contacts?: Contact[];
};

type Props = {
  open: boolean;
  /** The enterprise to edit; absent when registering a new one. */
  enterprise?: Enterprise;
  onClose: () => void;
  onSaved: (enterprise: Enterprise) => void;
};

/** Registers or edits an enterprise; the server checks the credit code (GB 32100-2015) and says what is wrong in the user's language. */
export function EnterpriseFormModal({ open, enterprise, onClose, onSaved }: Props) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const canPickTerritory = hasPermission(me, "territory:read");

  const save = async (values: FormValues) => {
    if ((values.lng == null) !== (values.lat == null)) {
      form.setFields([{ name: values.lng == null ? "lng" : "lat", errors: [t("enterprise.coordinatesBoth")] }]);
      return;
    }
    const body: Partial<EnterpriseInput> = {
      name: values.name.trim(),
      uscc: values.uscc.trim().toUpperCase(),
      industryCode: values.industryCode,
      scale: values.scale,
      status: values.status,
      address: values.address?.trim() ?? "",
      principalName: values.principalName?.trim() ?? "",
      principalPhone: values.principalPhone?.trim() ?? "",
      safetyManagers: (values.safetyManagers ?? []).filter((p) => p?.name),
      contacts: (values.contacts ?? []).filter((p) => p?.name),
    };
    // Empty coordinates are left out rather than sent as null: the server currently turns a null longitude/latitude
    // into 0 (see the report to the server side), which would put the enterprise in the Gulf of Guinea.
    if (values.lng != null && values.lat != null) {
      body.lng = values.lng;
      body.lat = values.lat;
    }
    // Enterprise staff cannot see the territory tree; their record keeps its territory.
    if (canPickTerritory && values.territoryId) body.territoryId = values.territoryId;
    const saved = enterprise
      ? await api.patch<Enterprise>(`/enterprises/${enterprise.id}`, body)
      : await api.post<Enterprise>("/enterprises", body);
    forgetTerritories();
    message.success(enterprise ? t("enterprise.saved") : t("enterprise.created", { name: saved.name }));
    onSaved(saved);
  };

  const personList = (name: "safetyManagers" | "contacts", withRole: boolean) => (
    <Form.List name={name}>
      {(fields, { add, remove }) => (
        <>
          {fields.map((field) => (
            <Space key={field.key} align="baseline" style={{ display: "flex" }}>
              <Form.Item
                name={[field.name, "name"]}
                rules={[{ required: true, message: t("enterprise.personNameRequired") }]}
              >
                <Input placeholder={t("enterprise.personName")} style={{ width: 150 }} />
              </Form.Item>
              {withRole && (
                <Form.Item name={[field.name, "role"]}>
                  <Input placeholder={t("enterprise.contactRole")} style={{ width: 150 }} />
                </Form.Item>
              )}
              <Form.Item name={[field.name, "phone"]}>
                <Input placeholder={t("enterprise.phone")} style={{ width: 170 }} />
              </Form.Item>
              <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t("common.remove")} />
            </Space>
          ))}
          <Button type="dashed" onClick={() => add({ name: "", phone: "" })} icon={<PlusOutlined />}>
            {name === "safetyManagers" ? t("enterprise.addSafetyManager") : t("enterprise.addContact")}
          </Button>
        </>
      )}
    </Form.List>
  );

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      record={enterprise}
      initialValues={
        // The answer declares scale and status as text; they are the codes the form offers.
        enterprise
          ? { ...enterprise, scale: enterprise.scale as EnterpriseScale, status: enterprise.status as EnterpriseStatus }
          : { scale: "small", status: "operating", safetyManagers: [], contacts: [] }
      }
      fieldAliases={{ territoryCode: "territoryId" }}
      onSubmit={save}
      onClose={onClose}
      title={enterprise ? t("enterprise.editTitle", { name: enterprise.name }) : t("enterprise.createTitle")}
      width={820}
      okButtonProps={{ id: "enterprise-form-save" }}
      forceRender
      formProps={{ "data-testid": "enterprise-form" }}
    >
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item
            name="name"
            label={t("enterprise.name")}
            rules={[{ required: true, min: 2, message: t("enterprise.nameRequired") }]}
          >
            <Input data-testid="enterprise-form-name" />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item
            name="uscc"
            label={t("enterprise.uscc")}
            tooltip={t("enterprise.usccHelp")}
            rules={[{ required: true, message: t("enterprise.usccRequired") }]}
          >
            <Input maxLength={18} style={{ fontFamily: "monospace" }} data-testid="enterprise-form-uscc" />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item
            name="industryCode"
            label={t("enterprise.industry")}
            rules={[{ required: true, message: t("enterprise.industryRequired") }]}
          >
            <IndustrySelect choose="division" />
          </Form.Item>
        </Col>
        <Col span={12}>
          {canPickTerritory ? (
            <Form.Item
              name="territoryId"
              label={t("enterprise.territory")}
              rules={[{ required: true, message: t("enterprise.territoryRequired") }]}
            >
              <TerritoryTreeSelect allowClear={false} />
            </Form.Item>
          ) : (
            <Form.Item label={t("enterprise.territory")}>
              <Input value={enterprise?.territoryName} disabled />
            </Form.Item>
          )}
        </Col>
        <Col span={6}>
          <Form.Item name="scale" label={t("enterprise.scale")} rules={[{ required: true }]}>
            <Select options={ENTERPRISE_SCALES.map((s) => ({ value: s, label: scaleLabel(t, s) }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="status" label={t("enterprise.status")} rules={[{ required: true }]}>
            <Select options={ENTERPRISE_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="address" label={t("enterprise.address")}>
            <Input data-testid="enterprise-form-address" />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="lng" label={t("enterprise.lng")}>
            <InputNumber min={-180} max={180} precision={6} step={0.0001} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="lat" label={t("enterprise.lat")}>
            <InputNumber min={-90} max={90} precision={6} step={0.0001} style={{ width: "100%" }} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="principalName" label={t("enterprise.principalName")}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="principalPhone" label={t("enterprise.principalPhone")}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start">{t("enterprise.safetyManagers")}</Divider>
      {personList("safetyManagers", false)}
      <Divider titlePlacement="start">{t("enterprise.contacts")}</Divider>
      {personList("contacts", true)}
    </FormModal>
  );
}
