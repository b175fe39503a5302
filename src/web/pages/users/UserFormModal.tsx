import { App, Form, Input, Select } from "antd";
import { isEnterpriseScoped, ROLES, type Role } from "../../../domain/access/roles";
import { api } from "../../api/client";
import type { Organisation, User, UserInput } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { FormModal } from "../../components/FormModal";
import { IndustrySelect } from "../../components/IndustrySelect";
import { roleLabel } from "../../components/labels";
import { TerritoryTreeSelect } from "../../components/TerritoryTreeSelect";
import { useT } from "../../i18n";

type FormValues = {
  username: string;
  displayName: string;
  password?: string;
  role: Role;
  territoryId?: string;
  industries?: string[];
  enterpriseIds?: string[];
  organisationId?: string;
};

/** Organisation kinds that fit each role, so the picker offers only sensible ones. */
const ORGANISATION_KINDS_FOR: Partial<Record<Role, string[]>> = {
  supervisor: ["emergency_management"],
  department: ["industry_department"],
  insurer: ["insurer"],
  third_party: ["third_party"],
};

/** Creates a user, or edits one's name, role and placement (a territory, or enterprises for enterprise roles). */
export function UserFormModal({
  open,
  user,
  onClose,
  onSaved,
}: {
  open: boolean;
  user?: User;
  onClose: () => void;
  onSaved: () => void;
}) {
  const t = useT();
  const me = useMe();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const role = Form.useWatch("role", form);
  const canReadOrganisations = hasPermission(me, "organisation:read");
  const organisations = useRequest(
    () =>
      canReadOrganisations
        ? api.get<{ items: Organisation[] }>("/organisations").then((r) => r.items)
        : Promise.resolve([] as Organisation[]),
    [canReadOrganisations],
  );

  const enterpriseRole = role ? isEnterpriseScoped(role) : false;
  const organisationKinds = role ? ORGANISATION_KINDS_FOR[role] : undefined;

  const save = async (values: FormValues) => {
    const body: UserInput = {
      displayName: values.displayName.trim(),
      role: values.role,
      territoryId: enterpriseRole ? null : (values.territoryId ?? null),
      industries: values.role === "department" ? (values.industries ?? []) : [],
      enterpriseIds: enterpriseRole ? (values.enterpriseIds ?? []) : [],
      organisationId: organisationKinds ? (values.organisationId ?? null) : null,
    };
    if (user) {
      await api.patch<User>(`/users/${user.id}`, body);
      message.success(t("user.saved"));
    } else {
      await api.post<User>("/users", { ...body, username: values.username.trim(), password: values.password });
      message.success(t("user.created", { username: values.username }));
    }
    onSaved();
  };

  return (
    <FormModal<FormValues>
      open={open}
      form={form}
      record={user}
      initialValues={
        user
          ? {
              username: user.username,
              displayName: user.displayName,
              role: user.role as Role,
              territoryId: user.territory?.id,
              industries: user.industries,
              enterpriseIds: user.enterpriseIds,
              organisationId: user.organisation?.id,
            }
          : { role: "supervisor", industries: [], enterpriseIds: [] }
      }
      onSubmit={save}
      onClose={onClose}
      title={user ? t("user.editTitle", { username: user.username }) : t("user.createTitle")}
      forceRender
      width={600}
      formProps={{ "data-testid": "user-form" }}
    >
      <Form.Item
        name="username"
        label={t("user.username")}
        extra={user ? undefined : t("user.usernameHelp")}
        rules={[{ required: true, pattern: /^[A-Za-z0-9._-]{3,50}$/, message: t("user.usernameRule") }]}
      >
        <Input disabled={Boolean(user)} autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="displayName"
        label={t("user.displayName")}
        rules={[{ required: true, message: t("user.displayNameRequired") }]}
      >
        <Input />
      </Form.Item>
      {!user && (
        <Form.Item
          name="password"
          label={t("user.password")}
          extra={t("user.passwordHelp")}
          rules={[{ required: true, min: 8, message: t("user.passwordRule") }]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
      <Form.Item name="role" label={t("user.role")} rules={[{ required: true }]}>
        <Select options={ROLES.map((r) => ({ value: r, label: roleLabel(t, r) }))} />
      </Form.Item>
      {enterpriseRole ? (
        <Form.Item
          name="enterpriseIds"
          label={t("user.enterprises")}
          extra={t("user.enterprisesHelp")}
          rules={[{ required: true, type: "array", min: 1, message: t("user.enterprisesRequired") }]}
        >
          <EnterprisePicker multiple />
        </Form.Item>
      ) : (
        <Form.Item
          name="territoryId"
          label={t("user.territory")}
          extra={t("user.territoryHelp")}
          rules={[{ required: role !== "admin", message: t("user.territoryRequired") }]}
        >
          <TerritoryTreeSelect />
        </Form.Item>
      )}
      {role === "department" && (
        <Form.Item name="industries" label={t("user.industries")} extra={t("user.industriesHelp")}>
          <IndustrySelect choose="filter" multiple />
        </Form.Item>
      )}
      {organisationKinds && canReadOrganisations && (
        <Form.Item name="organisationId" label={t("user.organisation")}>
          <Select
            allowClear
            loading={organisations.loading}
            options={(organisations.data ?? [])
              .filter((o) => organisationKinds.includes(o.kind))
              .map((o) => ({ value: o.id, label: o.name }))}
          />
        </Form.Item>
      )}
    </FormModal>
  );
}
