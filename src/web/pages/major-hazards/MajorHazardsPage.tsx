import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Skeleton, Space, Switch, Tabs } from "antd";
import { useState } from "react";
import { useSearchParams } from "react-router-dom";
import { isEnterpriseScoped } from "../../../domain/access/roles";
import { api } from "../../api/client";
import type { MajorHazardUnit } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { EnterprisePicker } from "../../components/EnterprisePicker";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useT } from "../../i18n";
import { FilingModal } from "./FilingModal";
import { FilingsInbox } from "./FilingsInbox";
import { UnitCard } from "./UnitCard";
import { UnitFormModal } from "./UnitFormModal";

function UnitsView({ enterpriseId, editable }: { enterpriseId?: string; editable: boolean }) {
  const t = useT();
  const [majorOnly, setMajorOnly] = useState(!editable);
  const [editing, setEditing] = useState<MajorHazardUnit | "new" | null>(null);
  const [filing, setFiling] = useState<MajorHazardUnit | null>(null);
  const units = useRequest(
    () =>
      api.get<{ items: MajorHazardUnit[] }>("/major-hazard-units", {
        enterpriseId,
        majorOnly: majorOnly || undefined,
      }),
    [enterpriseId, majorOnly],
  );
  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="major-hazard-units">
      <Alert type="info" showIcon title={t("majorHazard.explain")} />
      <Space wrap>
        {editable && enterpriseId && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing("new")} data-testid="unit-create">
            {t("majorHazard.create")}
          </Button>
        )}
        <Space>
          <Switch checked={majorOnly} onChange={setMajorOnly} data-testid="unit-major-only" />
          {t("majorHazard.majorOnly")}
        </Space>
      </Space>
      <ErrorAlert error={units.error} onRetry={units.reload} />
      {units.loading && !units.data ? (
        <Skeleton active />
      ) : (units.data?.items.length ?? 0) === 0 ? (
        <Card>
          <Empty description={editable ? t("majorHazard.emptyEditable") : t("majorHazard.empty")} />
        </Card>
      ) : (
        units.data?.items.map((unit) => (
          <UnitCard
            key={unit.id}
            unit={unit}
            editable={editable}
            showEnterprise={!enterpriseId}
            onEdit={() => setEditing(unit)}
            onFile={() => setFiling(unit)}
          />
        ))
      )}
      {enterpriseId && (
        <UnitFormModal
          open={editing !== null}
          enterpriseId={enterpriseId}
          unit={editing === "new" || editing === null ? undefined : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            units.reload();
          }}
        />
      )}
      <FilingModal
        unit={filing}
        onClose={() => setFiling(null)}
        onFiled={() => {
          setFiling(null);
          units.reload();
        }}
      />
    </Space>
  );
}

/** An enterprise user with several enterprises picks which one's units to declare. */
function EnterpriseChoice({ value, onChange }: { value?: string; onChange: (id: string) => void }) {
  const me = useMe();
  if (me.enterpriseIds.length < 2) return null;
  return (
    <EnterprisePicker
      style={{ width: 320 }}
      allowClear={false}
      popupMatchSelectWidth
      value={value}
      onChange={(id) => id && onChange(id)}
    />
  );
}

/**
 * Major hazard sources of hazardous chemicals (GB 18218-2018). Enterprises declare units and file them with the
 * emergency management department; supervisors receive the filings; other readers see the sources in their scope.
 */
export function MajorHazardsPage() {
  const t = useT();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const ownEnterprise = isEnterpriseScoped(me.role);
  const editable = ownEnterprise && hasPermission(me, "major-hazard:write");
  const [enterpriseId, setEnterpriseId] = useState<string | undefined>(me.enterpriseIds[0]);
  const canDecide = hasPermission(me, "major-hazard:decide");

  if (editable) {
    return (
      <Card
        title={t("majorHazard.title")}
        data-testid="major-hazards-page"
        extra={<EnterpriseChoice value={enterpriseId} onChange={setEnterpriseId} />}
      >
        <UnitsView enterpriseId={enterpriseId} editable />
      </Card>
    );
  }

  const tab = params.get("tab") ?? (canDecide ? "filings" : "units");
  return (
    <Card title={t("majorHazard.title")} data-testid="major-hazards-page">
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key })}
        destroyOnHidden
        items={[
          {
            key: "filings",
            label: <span data-testid="tab-filings">{canDecide ? t("filing.inbox") : t("filing.list")}</span>,
            children: <FilingsInbox />,
          },
          {
            key: "units",
            label: <span data-testid="tab-units">{t("majorHazard.sourcesInScope")}</span>,
            children: <UnitsView editable={false} />,
          },
        ]}
      />
    </Card>
  );
}
