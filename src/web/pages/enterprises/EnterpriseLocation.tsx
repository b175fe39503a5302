import { EnvironmentOutlined } from "@ant-design/icons";
import { Descriptions, Space, Typography } from "antd";
import { api } from "../../api/client";
import type { Enterprise, TerritoryDetail } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";
import { BoundaryOutline } from "../../components/BoundaryOutline";
import { useTerritoryNames } from "../../components/shared-data";
import { useT } from "../../i18n";

/** 118.801234 → 118°48′4.4″E: the form a site map or a GPS unit shows. */
function degreesMinutesSeconds(value: number, positive: string, negative: string): string {
  const hemisphere = value >= 0 ? positive : negative;
  const absolute = Math.abs(value);
  const degrees = Math.floor(absolute);
  const minutes = Math.floor((absolute - degrees) * 60);
  const seconds = ((absolute - degrees) * 60 - minutes) * 60;
  return `${degrees}°${minutes}′${seconds.toFixed(1)}″${hemisphere}`;
}

/** Where the enterprise is: address, territory, coordinates, and its site within the territory's outline. */
export function EnterpriseLocation({ enterprise }: { enterprise: Enterprise }) {
  const t = useT();
  const me = useMe();
  const canSeeTerritory = hasPermission(me, "territory:read");
  const territoryNames = useTerritoryNames();
  const territory = useRequest(
    () =>
      canSeeTerritory ? api.get<TerritoryDetail>(`/territories/${enterprise.territoryId}`) : Promise.resolve(null),
    [canSeeTerritory, enterprise.territoryId],
  );
  const { lng, lat } = enterprise;
  return (
    <Space align="start" size="large" wrap data-testid="enterprise-location">
      <Descriptions
        bordered
        size="small"
        column={1}
        style={{ minWidth: 360 }}
        items={[
          { key: "address", label: t("enterprise.address"), children: enterprise.address || "—" },
          {
            key: "territory",
            label: t("enterprise.territory"),
            children: territoryNames(enterprise.territoryId, enterprise.territoryName).full,
          },
          {
            key: "lng",
            label: t("enterprise.lng"),
            children: lng === null ? "—" : `${lng.toFixed(6)}  (${degreesMinutesSeconds(lng, "E", "W")})`,
          },
          {
            key: "lat",
            label: t("enterprise.lat"),
            children: lat === null ? "—" : `${lat.toFixed(6)}  (${degreesMinutesSeconds(lat, "N", "S")})`,
          },
          {
            key: "copy",
            label: t("enterprise.coordinates"),
            children:
              lng === null || lat === null ? (
                t("enterprise.noCoordinates")
              ) : (
                <Typography.Text copyable>{`${lng.toFixed(6)},${lat.toFixed(6)}`}</Typography.Text>
              ),
          },
        ]}
      />
      {territory.data?.boundary && (
        <div>
          <Typography.Text type="secondary">
            <EnvironmentOutlined />{" "}
            {t("enterprise.inTerritory", { name: territoryNames(enterprise.territoryId, territory.data.name).full })}
          </Typography.Text>
          <div style={{ marginTop: 8 }}>
            <BoundaryOutline
              polygon={territory.data.boundary}
              size={240}
              label={t("territory.boundaryOf", { name: territory.data.name })}
              marker={lng !== null && lat !== null ? [lng, lat] : undefined}
            />
          </div>
        </div>
      )}
    </Space>
  );
}
