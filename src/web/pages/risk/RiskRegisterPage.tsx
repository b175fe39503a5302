import { DownloadOutlined, FilePdfOutlined, PlusOutlined, UploadOutlined } from "@ant-design/icons";
import { Button, Card, Col, Row, Select, Skeleton, Space, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { useNavigate, useParams } from "react-router-dom";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { api } from "../../api/client";
import type { Page, RiskOwnerKind, RiskPointSummary, RiskStats } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { useMe } from "../../app/session";
import { DownloadButton } from "../../components/DownloadButton";
import { ErrorAlert, RecordPending } from "../../components/ErrorAlert";
import { usePageCrumb } from "../../components/page-crumb";
import { useUrlFilters } from "../../components/paging";
import { RiskLevelFilter } from "../../components/RiskLevel";
import { useT } from "../../i18n";
import { ColourTiles } from "./ColourTiles";
import { ImportRiskRegisterModal } from "./ImportRiskRegisterModal";
import { ColourDonut, RiskBreakdownCharts } from "./RiskCharts";
import { RiskMap } from "./RiskMap";
import { RiskPointFormModal } from "./RiskPointFormModal";
import { RiskPointTable } from "./RiskPointTable";
import { canEditRegister } from "./risk-data";
import { useRegisterOwner } from "./use-register-owner";

/** The API's largest page: the map shows up to this many points of one register. */
const MAP_LIMIT = 500;

/** One register (an enterprise's, or a territory's public-area points): colours, list, map and charts. */
export function RiskRegisterPage({ ownerKind }: { ownerKind: RiskOwnerKind }) {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const { id = "" } = useParams();
  const { params, page, pageSize, update, pagination } = useUrlFilters();
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);

  const level = (Number(params.get("level")) || undefined) as RiskLevel | undefined;
  const unit = params.get("unit") ?? undefined;

  const owner = useRegisterOwner(ownerKind, id);
  const list = useRequest(
    () => api.get<Page<RiskPointSummary>>("/risk-points", { ownerId: id, level, unit, page, pageSize }),
    [id, level, unit, page, pageSize],
  );
  const mapPoints = useRequest(
    () => api.get<Page<RiskPointSummary>>("/risk-points", { ownerId: id, level, unit, pageSize: MAP_LIMIT }),
    [id, level, unit],
  );
  const stats = useRequest(() => api.get<RiskStats>("/risk-stats", { ownerId: id }), [id]);
  const ownerName = owner.data?.id === id ? owner.data.name : undefined;
  usePageCrumb(ownerName);

  const editable = canEditRegister(me, ownerKind);
  const units = useMemo(() => (stats.data?.byUnit ?? []).map((u) => u.unit).filter(Boolean), [stats.data]);

  const reloadAll = () => {
    list.reload();
    mapPoints.reload();
    stats.reload();
  };

  if (owner.error || !ownerName || !owner.data)
    return <RecordPending request={owner} notFound={t("risk.registerNotFound")} />;

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="risk-register-page">
      <Card
        title={
          <Space wrap>
            <span data-testid="risk-register-title">{t("risk.registerTitle", { name: ownerName })}</span>
            <Tag color={ownerKind === "territory" ? "purple" : "blue"}>
              {ownerKind === "territory" ? t("risk.publicRegister") : t("risk.enterpriseRegister")}
            </Tag>
            {!editable && (
              <Tag data-testid="risk-read-only" color="default">
                {t("risk.readOnly")}
              </Tag>
            )}
          </Space>
        }
        extra={
          <Space wrap>
            {editable && (
              <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="risk-import">
                {t("risk.import")}
              </Button>
            )}
            {(["xlsx", "pdf"] as const).map((format) => (
              <DownloadButton
                key={format}
                icon={format === "xlsx" ? <DownloadOutlined /> : <FilePdfOutlined />}
                path={format === "xlsx" ? "/risk-control-list" : "/risk-control-list.pdf"}
                query={{ ownerId: id, level, unit }}
                fileName={`risk-control-list.${format}`}
                data-testid={`risk-export-${format}`}
              >
                {format === "xlsx" ? t("risk.exportXlsx") : t("risk.exportPdf")}
              </DownloadButton>
            ))}
            {editable && (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="risk-create"
              >
                {t("risk.create")}
              </Button>
            )}
          </Space>
        }
      >
        <ColourTiles
          counts={stats.data?.byColour}
          loading={stats.loading}
          selected={level}
          onPick={(next) => update({ level: next })}
        />
        <Space wrap style={{ margin: "16px 0" }}>
          <RiskLevelFilter
            data-testid="risk-level-filter"
            value={level}
            onChange={(value) => update({ level: value })}
            placeholder={t("risk.filterLevel")}
          />
          <Select<string>
            data-testid="risk-unit-filter"
            allowClear
            showSearch={{ optionFilterProp: "label" }}
            value={unit}
            onChange={(value) => update({ unit: value })}
            placeholder={t("risk.filterUnit")}
            style={{ width: 200 }}
            options={units.map((u) => ({ value: u, label: u }))}
          />
          {(level || unit) && (
            <Button onClick={() => update({ level: undefined, unit: undefined })}>{t("common.reset")}</Button>
          )}
        </Space>
        <ErrorAlert error={list.error} onRetry={list.reload} />
        <RiskPointTable
          view="register"
          kindTitle={ownerKind === "territory" ? t("risk.publicCategory") : undefined}
          points={list.data?.items ?? []}
          loading={list.loading}
          pagination={pagination(list.data?.total)}
          emptyText={editable ? t("risk.emptyEditable") : t("risk.empty")}
          testId="risk-point-table"
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card size="small" title={t("risk.mapTitle")} data-testid="risk-map-section">
            {mapPoints.data ? (
              <RiskMap
                points={mapPoints.data.items}
                boundary={owner.data.boundary}
                boundaryLabel={owner.data.boundaryName ?? undefined}
                site={owner.data.site}
              />
            ) : (
              <Skeleton active />
            )}
            {(mapPoints.data?.total ?? 0) > MAP_LIMIT && (
              <Typography.Text type="warning">{t("risk.mapLimited", { limit: MAP_LIMIT })}</Typography.Text>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card size="small" title={t("risk.chartByColour")} data-testid="risk-colour-chart-card">
            {stats.data ? (
              <ColourDonut stats={stats.data} onPick={(picked) => picked && update({ level: picked })} />
            ) : (
              <Skeleton active />
            )}
          </Card>
        </Col>
      </Row>
      {stats.data && <RiskBreakdownCharts stats={stats.data} />}
      {editable && (
        <>
          <RiskPointFormModal
            open={creating}
            ownerId={id}
            ownerKind={ownerKind}
            onClose={() => setCreating(false)}
            onSaved={(saved) => {
              setCreating(false);
              navigate(`/risk/points/${saved.id}`);
            }}
          />
          <ImportRiskRegisterModal
            open={importing}
            ownerId={id}
            ownerName={ownerName}
            onClose={() => setImporting(false)}
            onImported={reloadAll}
          />
        </>
      )}
    </Space>
  );
}
