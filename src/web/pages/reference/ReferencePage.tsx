import { SaveOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Input, Select, Skeleton, Space, Table, Tabs, Typography } from "antd";
import { useEffect, useMemo, useState } from "react";
import type { ControlLevel } from "../../../domain/reference/risk-levels";
import { api, errorMessage } from "../../api/client";
import type { ControlLevelMapping, ReferenceKind, ReferenceSet } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { ErrorAlert } from "../../components/ErrorAlert";
import { type ReferenceRow, referenceTree } from "../../components/reference-tree";
import { loadReferenceSet } from "../../components/shared-data";
import { localName, useLocale, useT } from "../../i18n";
import { RiskBandsTab } from "./RiskBandsTab";

function SetHeader({ set }: { set: ReferenceSet }) {
  const t = useT();
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      title={
        <span>
          {set.title} · {t("reference.version")} <Typography.Text code>{set.version}</Typography.Text> ·{" "}
          {t("reference.itemCount", { count: set.items.length })}
        </span>
      }
      description={set.source}
    />
  );
}

/** A code list (industries, accident types, hazard factors) as a searchable tree table. */
function CodeListTab({ kind }: { kind: ReferenceKind }) {
  const t = useT();
  const [locale] = useLocale();
  const [filter, setFilter] = useState("");
  const request = useRequest(() => loadReferenceSet(kind), [kind]);
  const rows = useMemo(() => {
    const items = request.data?.items ?? [];
    const needle = filter.trim().toLowerCase();
    if (!needle) return referenceTree(items);
    // A search shows matching items flat, so none hides inside a collapsed branch.
    return items
      .filter((i) => [i.code, i.nameZh, i.nameEn].some((text) => text.toLowerCase().includes(needle)))
      .map((i) => ({ ...i }));
  }, [request.data, filter]);
  if (request.error) return <ErrorAlert error={request.error} onRetry={request.reload} />;
  if (!request.data) return <Skeleton active />;
  return (
    <>
      <SetHeader set={request.data} />
      <Input.Search
        allowClear
        placeholder={t("reference.search")}
        onChange={(event) => setFilter(event.target.value)}
        style={{ width: 320, marginBottom: 12 }}
      />
      <Table<ReferenceRow>
        size="small"
        rowKey="code"
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          {
            title: t("reference.code"),
            dataIndex: "code",
            width: 140,
            render: (code: string) => <Typography.Text code>{code}</Typography.Text>,
          },
          {
            title: t("reference.name"),
            key: "name",
            render: (_: unknown, row) => localName(locale, row.nameZh, row.nameEn),
          },
          {
            title: locale === "en" ? t("reference.nameZh") : t("reference.nameEn"),
            key: "other",
            render: (_: unknown, row) => (locale === "en" ? row.nameZh : row.nameEn),
          },
        ]}
      />
    </>
  );
}

function RiskLevelsTab() {
  const t = useT();
  const [locale] = useLocale();
  const request = useRequest(() => loadReferenceSet("risk-level"), []);
  if (request.error) return <ErrorAlert error={request.error} onRetry={request.reload} />;
  if (!request.data) return <Skeleton active />;
  return (
    <>
      <SetHeader set={request.data} />
      <Space size="large" wrap data-testid="risk-level-swatches">
        {request.data.items.map((item) => {
          const hex = String(item.attributes?.hex ?? "#999");
          const textHex = String(item.attributes?.textHex ?? "#fff");
          return (
            <div
              key={item.code}
              style={{ width: 200, borderRadius: 8, overflow: "hidden", border: "1px solid rgba(0,0,0,0.08)" }}
            >
              <div style={{ background: hex, color: textHex, padding: "20px 16px", fontSize: 18, fontWeight: 600 }}>
                {localName(locale, item.nameZh, item.nameEn)}
              </div>
              <div style={{ padding: "8px 16px" }}>
                <div>{t("reference.riskLevelNumber", { level: item.code })}</div>
                <Typography.Text type="secondary">
                  {String(item.attributes?.colour ?? "")} · <Typography.Text code>{hex}</Typography.Text>
                </Typography.Text>
              </div>
            </div>
          );
        })}
      </Space>
    </>
  );
}

/** Which organisational level controls each risk level: a practice default that an administrator may change. */
function ControlLevelsTab() {
  const t = useT();
  const me = useMe();
  const [locale] = useLocale();
  const { message } = App.useApp();
  const editable = hasPermission(me, "reference:write");
  const mapping = useRequest(() => api.get<ControlLevelMapping>("/reference/control-levels"), []);
  const riskLevels = useRequest(() => loadReferenceSet("risk-level"), []);
  const [draft, setDraft] = useState<Record<number, ControlLevel>>({});
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (mapping.data) setDraft(Object.fromEntries(mapping.data.items.map((i) => [i.riskLevel, i.controlLevel])));
  }, [mapping.data]);

  if (mapping.error) return <ErrorAlert error={mapping.error} onRetry={mapping.reload} />;
  if (!mapping.data) return <Skeleton active />;
  const data = mapping.data;
  const levelName = (code: ControlLevel) => {
    const level = data.controlLevels.find((c) => c.code === code);
    return level ? localName(locale, level.nameZh, level.nameEn) : code;
  };
  const riskLevel = (level: number) => riskLevels.data?.items.find((i) => i.code === String(level));
  const changed = data.items.some((i) => draft[i.riskLevel] !== i.controlLevel);

  const save = async () => {
    setSaving(true);
    try {
      await api.put("/reference/control-levels", {
        items: data.items.map((i) => ({ riskLevel: i.riskLevel, controlLevel: draft[i.riskLevel] })),
      });
      message.success(t("reference.mappingSaved"));
      mapping.reload();
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("reference.mappingExplain")} />
      <Table
        size="middle"
        rowKey="riskLevel"
        pagination={false}
        dataSource={data.items}
        style={{ maxWidth: 640 }}
        columns={[
          {
            title: t("reference.riskLevel"),
            dataIndex: "riskLevel",
            render: (level: number) => {
              const item = riskLevel(level);
              const hex = String(item?.attributes?.hex ?? "#999");
              return (
                <Space>
                  <span style={{ display: "inline-block", width: 14, height: 14, borderRadius: 3, background: hex }} />
                  {item ? localName(locale, item.nameZh, item.nameEn) : level}
                </Space>
              );
            },
          },
          {
            title: t("reference.controlLevel"),
            key: "control",
            render: (_: unknown, row) =>
              editable ? (
                <Select<ControlLevel>
                  style={{ width: 180 }}
                  value={draft[row.riskLevel]}
                  onChange={(value) => setDraft((current) => ({ ...current, [row.riskLevel]: value }))}
                  options={data.controlLevels.map((c) => ({
                    value: c.code,
                    label: localName(locale, c.nameZh, c.nameEn),
                  }))}
                />
              ) : (
                levelName(row.controlLevel)
              ),
          },
        ]}
      />
      {editable && (
        <Button
          type="primary"
          icon={<SaveOutlined />}
          style={{ marginTop: 16 }}
          disabled={!changed}
          loading={saving}
          onClick={save}
        >
          {t("common.save")}
        </Button>
      )}
    </>
  );
}

export function ReferencePage() {
  const t = useT();
  const me = useMe();
  return (
    <Card title={t("reference.title")} data-testid="reference-page">
      <Tabs
        destroyOnHidden
        items={[
          { key: "industry", label: t("reference.industry"), children: <CodeListTab kind="industry" /> },
          { key: "accident-type", label: t("reference.accidentType"), children: <CodeListTab kind="accident-type" /> },
          { key: "hazard-factor", label: t("reference.hazardFactor"), children: <CodeListTab kind="hazard-factor" /> },
          { key: "risk-level", label: t("reference.riskLevels"), children: <RiskLevelsTab /> },
          { key: "control-level", label: t("reference.controlLevels"), children: <ControlLevelsTab /> },
          ...(hasPermission(me, "calculator:use")
            ? [
                {
                  key: "risk-bands",
                  label: <span data-testid="reference-bands-tab">{t("bands.tab")}</span>,
                  children: <RiskBandsTab />,
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
