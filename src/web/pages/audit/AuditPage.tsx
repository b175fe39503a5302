import { SafetyCertificateOutlined, SearchOutlined } from "@ant-design/icons";
import { Alert, Button, Card, DatePicker, Form, type GetProps, Input, Select, Space } from "antd";
import { useState } from "react";
import { api, errorMessage } from "../../api/client";
import type { AuditVerification } from "../../api/types";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { type AuditFilters, AuditTable } from "../../components/AuditTable";
import { AUDIT_ENTITY_TYPES, entityTypeLabel } from "../../components/labels";
import { useT } from "../../i18n";

type DateRange = GetProps<typeof DatePicker.RangePicker>["value"];
type FilterForm = { entityType?: string; entityId?: string; actor?: string; range?: DateRange };

/** Walks the whole hash chain on the server and says whether any entry was altered, removed or slipped in. */
function VerifyChain() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<AuditVerification | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const verify = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setResult(await api.post<AuditVerification>("/audit/verify"));
    } catch (error) {
      setFailure(errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space orientation="vertical" style={{ width: "100%" }}>
      <Button icon={<SafetyCertificateOutlined />} loading={busy} onClick={verify} data-testid="audit-verify">
        {t("audit.verify")}
      </Button>
      {failure && <Alert type="error" showIcon title={failure} />}
      {result && (
        <Alert
          data-testid="audit-verify-result"
          type={result.ok ? "success" : "error"}
          showIcon
          title={
            result.ok
              ? t("audit.verifyOk", { checked: result.checked })
              : t("audit.verifyBad", { seq: result.firstBadSeq ?? "?" })
          }
          description={result.ok ? t("audit.verifyOkHint") : result.reason}
        />
      )}
    </Space>
  );
}

export function AuditPage() {
  const t = useT();
  const me = useMe();
  const [form] = Form.useForm<FilterForm>();
  const [filters, setFilters] = useState<AuditFilters>({});

  const apply = (values: FilterForm) => {
    const [from, to] = values.range ?? [];
    setFilters({
      entityType: values.entityType || undefined,
      entityId: values.entityId?.trim() || undefined,
      actor: values.actor?.trim() || undefined,
      from: from ? from.startOf("day").toISOString() : undefined,
      to: to ? to.endOf("day").toISOString() : undefined,
    });
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="audit-page">
      <Card title={t("audit.title")}>
        <Alert type="info" showIcon title={t("audit.explain")} style={{ marginBottom: 16 }} />
        {hasPermission(me, "audit:verify") && (
          <div style={{ marginBottom: 16 }}>
            <VerifyChain />
          </div>
        )}
        <Form form={form} layout="inline" onFinish={apply} style={{ rowGap: 12, marginBottom: 16 }}>
          <Form.Item name="entityType" label={t("audit.entityType")}>
            <Select
              allowClear
              style={{ width: 160 }}
              options={AUDIT_ENTITY_TYPES.map((type) => ({ value: type, label: entityTypeLabel(t, type) }))}
            />
          </Form.Item>
          <Form.Item name="entityId" label={t("audit.entityId")}>
            <Input allowClear style={{ width: 200 }} placeholder="UUID" />
          </Form.Item>
          <Form.Item name="actor" label={t("audit.actor")}>
            <Input allowClear style={{ width: 160 }} />
          </Form.Item>
          <Form.Item name="range" label={t("audit.dateRange")}>
            <DatePicker.RangePicker />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
                {t("common.search")}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                }}
              >
                {t("common.reset")}
              </Button>
            </Space>
          </Form.Item>
        </Form>
        <AuditTable filters={filters} />
      </Card>
    </Space>
  );
}
