import { api } from "../../api/client";
import type { Enterprise, RiskOwnerKind, TerritoryDetail } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { useMe } from "../../app/session";

type Owner = {
  kind: RiskOwnerKind;
  id: string;
  name: string;
  boundary: TerritoryDetail["boundary"];
  boundaryName: string | null;
  site: [number, number] | null;
};

/** Who keeps the register and where it is: the enterprise (and its territory's outline, for territory readers). */
export function useRegisterOwner(kind: RiskOwnerKind, id: string) {
  const me = useMe();
  const canReadTerritories = hasPermission(me, "territory:read");
  return useRequest<Owner>(async () => {
    if (kind === "territory") {
      const territory = await api.get<TerritoryDetail>(`/territories/${id}`);
      return {
        kind,
        id,
        name: territory.name,
        boundary: territory.boundary,
        boundaryName: territory.name,
        site: null,
      };
    }
    const enterprise = await api.get<Enterprise>(`/enterprises/${id}`);
    const territory = canReadTerritories
      ? await api.get<TerritoryDetail>(`/territories/${enterprise.territoryId}`).catch(() => null)
      : null;
    return {
      kind,
      id,
      name: enterprise.name,
      boundary: territory?.boundary ?? null,
      boundaryName: territory?.name ?? null,
      site: enterprise.lng != null && enterprise.lat != null ? [enterprise.lng, enterprise.lat] : null,
    };
  }, [kind, id, canReadTerritories]);
}
