import { Alert, Card, Empty, List, Space, Typography } from "antd";
import { useMemo } from "react";
import type { RiskLevel } from "../../../domain/reference/risk-levels";
import { RiskLevelTag } from "../../components/RiskLevel";
import { type MessageKey, useT } from "../../i18n";
import { clusteredLayers, drawnCounts, type FeaturesResponse, listRows, type MapLayer } from "./map-data";
import type { SelectedFeature } from "./use-one-map";

const LIST_LIMIT = 300;

/** Beside the map: what is drawn in view, one row per feature that is not clustered; a row opens its card. */
export function MapFeatureList({
  features,
  layers,
  onSelect,
}: {
  features: FeaturesResponse | undefined;
  layers: readonly MapLayer[];
  onSelect: (selected: SelectedFeature) => void;
}) {
  const t = useT();
  const rows = useMemo(() => listRows(features, layers), [features, layers]);
  const counts = drawnCounts(features, layers);
  const clustered = clusteredLayers(features, layers);
  return (
    <Card
      size="small"
      title={t("map.list")}
      style={{ flex: "1 1 300px", minWidth: 280 }}
      styles={{ body: { maxHeight: 560, overflowY: "auto" } }}
      extra={
        <Typography.Text
          type="secondary"
          data-testid="map-feature-count"
          data-features={counts.features}
          data-clusters={counts.clusters}
        >
          {t("map.count", counts)}
        </Typography.Text>
      }
    >
      {features?.capped && <Alert type="warning" showIcon title={t("map.capped")} style={{ marginBottom: 8 }} />}
      {clustered.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          title={t("map.listClustered", {
            layers: clustered.map((layer) => t(`map.layer.${layer}` as MessageKey)).join("、"),
          })}
        />
      )}
      <div data-testid="map-feature-list">
        {rows.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("map.listEmpty")} />
        ) : (
          <List
            size="small"
            dataSource={rows.slice(0, LIST_LIMIT)}
            renderItem={(row) => (
              <List.Item
                key={`${row.layer}-${row.id}`}
                data-testid={`map-feature-row-${row.id}`}
                onClick={() => onSelect({ layer: row.layer, id: row.id })}
                style={{ cursor: "pointer", paddingInline: 4 }}
              >
                <Space orientation="vertical" size={0} style={{ width: "100%" }}>
                  <Space size={6} wrap>
                    {row.layer === "hiddenDangers" ? null : <RiskLevelTag level={row.level as RiskLevel | null} />}
                    <Typography.Text strong>{row.name}</Typography.Text>
                  </Space>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`map.layer.${row.layer}` as MessageKey)}
                    {row.detail && row.layer !== "enterprises" ? ` · ${row.detail}` : ""}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        )}
        {rows.length > LIST_LIMIT && (
          <Typography.Text type="secondary">{t("map.listMore", { count: rows.length - LIST_LIMIT })}</Typography.Text>
        )}
      </div>
    </Card>
  );
}
