import { PlusOutlined } from "@ant-design/icons";
import { App, Button, Card, Form, Input, Select, Space, Tag } from "antd";
import { useMemo, useState } from "react";
import { api } from "../../api/client";
import { ORGANISATION_KINDS, type Organisation, type OrganisationKind } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { FormModal } from "../../components/FormModal";
import { IndustrySelect } from "../../components/IndustrySelect";
import { organisationKindLabel } from "../../components/labels";
import { RequestTable } from "../../components/RequestTable";
import { useIndustries } from "../../components/shared-data";
import { TerritoryTreeSelect } from "../../components/TerritoryTreeSelect";
import { localName, useLocale, useT } from "../../i18n";

type FormValues = { kind: OrganisationKind; name: string; territoryId: string; industries?: string[]; phone?: string };

const KIND_COLOURS: Record<OrganisationKind, string> = {
  emergency_management: "red",
  industry_department: "blue",
  insurer: "gold",
  third_party: "purple",
};

function CreateOrganisationModal({
  open,
  onClose,
  onSaved,
}: {
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const kind = Form.useWatch("kind", form);

  const save = async (values: FormValues) => {
    await api.post("/organisations", { ...values, name: values.name.trim(), industries: values.industries ?? [] });
    message.success(t("organisation.created", { name: values.name }));
    onSaved();
  };

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      initialValues={{ kind: "industry_department" }}
      onSubmit={save}
      onClose={onClose}
      title={t("organisation.createTitle")}
      forceRender
    >
      <Form.Item name="kind" label={t("organisation.kind")} rules={[{ required: true }]}>
        <Select options={ORGANISATION_KINDS.map((k) => ({ value: k, label: organisationKindLabel(t, k) }))} />
      </Form.Item>
      <Form.Item
        name="name"
        label={t("organisation.name")}
        rules={[{ required: true, min: 2, message: t("organisation.nameRequired") }]}
      >
        <Input />
      </Form.Item>
      <Form.Item
        name="territoryId"
        label={t("organisation.territory")}
        rules={[{ required: true, message: t("user.territoryRequired") }]}
      >
        <TerritoryTreeSelect allowClear={false} />
      </Form.Item>
      {kind === "industry_department" && (
        <Form.Item name="industries" label={t("organisation.industries")} extra={t("user.industriesHelp")}>
          <IndustrySelect choose="filter" multiple />
        </Form.Item>
      )}
      <Form.Item name="phone" label={t("organisation.phone")}>
        <Input />
      </Form.Item>
    </FormModal>
  );
}

export function OrganisationsPage() {
  const t = useT();
  const me = useMe();
  const [locale] = useLocale();
  const { byCode } = useIndustries();
  const [kind, setKind] = useState<OrganisationKind>();
  const [creating, setCreating] = useState(false);
  const list = useRequest(() => api.get<{ items: Organisation[] }>("/organisations").then((r) => r.items), []);
  const rows = useMemo(() => (list.data ?? []).filter((o) => !kind || o.kind === kind), [list.data, kind]);

  const industryName = (code: string) => {
    const item = byCode.get(code);
    return item ? `${code} ${localName(locale, item.nameZh, item.nameEn)}` : code;
  };

  return (
    <Card
      title={t("organisation.listTitle")}
      data-testid="organisations-page"
      extra={
        hasPermission(me, "organisation:write") && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("organisation.create")}
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 16 }}>
        <Select<OrganisationKind>
          allowClear
          placeholder={t("organisation.filterKind")}
          value={kind}
          onChange={setKind}
          options={ORGANISATION_KINDS.map((k) => ({ value: k, label: organisationKindLabel(t, k) }))}
          style={{ width: 200 }}
        />
      </Space>
      <RequestTable<Organisation>
        request={list}
        rows={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => t("common.total", { total }) }}
        columns={[
          {
            title: t("organisation.kind"),
            dataIndex: "kind",
            width: 160,
            render: (k: OrganisationKind) => <Tag color={KIND_COLOURS[k]}>{organisationKindLabel(t, k)}</Tag>,
          },
          { title: t("organisation.name"), dataIndex: "name" },
          { title: t("organisation.territory"), key: "territory", render: (_: unknown, o) => o.territory?.name ?? "—" },
          {
            title: t("organisation.industries"),
            dataIndex: "industries",
            render: (codes: string[], organisation) =>
              // Only government bodies have an industry remit; insurers and service firms work by entrustment.
              organisation.kind === "insurer" || organisation.kind === "third_party" ? (
                "—"
              ) : codes.length === 0 ? (
                <span style={{ opacity: 0.6 }}>{t("organisation.allIndustries")}</span>
              ) : (
                <Space size={[4, 4]} wrap>
                  {codes.map((code) => (
                    <Tag key={code}>{industryName(code)}</Tag>
                  ))}
                </Space>
              ),
          },
          { title: t("organisation.phone"), dataIndex: "phone", width: 150, render: (phone?: string) => phone || "—" },
        ]}
      />
      <CreateOrganisationModal
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          list.reload();
        }}
      />
    </Card>
  );
}
