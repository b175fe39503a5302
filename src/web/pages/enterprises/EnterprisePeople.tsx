import { Descriptions, Space, Table, Typography } from "antd";
import type { Contact, Enterprise, SafetyManager } from "../../api/types";
import { useT } from "../../i18n";

/** Whom to call: the principal, the safety managers and the other contacts. */
export function EnterprisePeople({ enterprise }: { enterprise: Enterprise }) {
  const t = useT();
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Descriptions
        title={t("enterprise.principal")}
        size="small"
        column={2}
        items={[
          { key: "name", label: t("enterprise.principalName"), children: enterprise.principalName || "—" },
          { key: "phone", label: t("enterprise.principalPhone"), children: enterprise.principalPhone || "—" },
        ]}
      />
      <div>
        <Typography.Title level={5}>{t("enterprise.safetyManagers")}</Typography.Title>
        <Table<SafetyManager>
          data-testid="safety-managers"
          size="small"
          pagination={false}
          rowKey={(p) => `${p.name}-${p.phone}`}
          dataSource={enterprise.safetyManagers}
          locale={{ emptyText: t("enterprise.nobody") }}
          columns={[
            { title: t("enterprise.personName"), dataIndex: "name" },
            { title: t("enterprise.phone"), dataIndex: "phone" },
          ]}
        />
      </div>
      <div>
        <Typography.Title level={5}>{t("enterprise.contacts")}</Typography.Title>
        <Table<Contact>
          size="small"
          pagination={false}
          rowKey={(p) => `${p.name}-${p.phone}-${p.role ?? ""}`}
          dataSource={enterprise.contacts}
          locale={{ emptyText: t("enterprise.nobody") }}
          columns={[
            { title: t("enterprise.personName"), dataIndex: "name" },
            { title: t("enterprise.contactRole"), dataIndex: "role", render: (role?: string) => role || "—" },
            { title: t("enterprise.phone"), dataIndex: "phone" },
          ]}
        />
      </div>
    </Space>
  );
}
