import { useMemo } from "react";
import { isEnterpriseScoped } from "../../../domain/access/roles";
import { api } from "../../api/client";
import type { ControlLevelMapping, Me, ReferenceItem, RiskMethods, RiskOwnerKind, RiskPoint } from "../../api/types";
import { useRequest } from "../../api/use-request";
import { hasPermission } from "../../app/navigation";
import { loadReferenceSet } from "../../components/shared-data";
import { localName, useLocale } from "../../i18n";

// Data the risk pages share: scales and bands, the control-level mapping, the GB 6441 and GB/T 13861 code lists.

let methodsPromise: Promise<RiskMethods> | null = null;

/** The three methods with the meaning of every scale value and the bands in force (cached until bands change). */
export function loadRiskMethods(): Promise<RiskMethods> {
  if (!methodsPromise) {
    methodsPromise = api.get<RiskMethods>("/risk-methods");
    methodsPromise.catch(() => {
      methodsPromise = null;
    });
  }
  return methodsPromise;
}

/** After an administrator changes bands, the next wizard must preview with the new ones. */
export function forgetRiskMethods(): void {
  methodsPromise = null;
}

export function useRiskMethods() {
  return useRequest(loadRiskMethods, []);
}

/** Risk level → default control level (practice; an administrator may change it). */
export function useControlLevelMapping() {
  return useRequest(() => api.get<ControlLevelMapping>("/reference/control-levels"), []);
}

export function defaultControlLevelFor(mapping: ControlLevelMapping | undefined, level: number | null) {
  if (!mapping || level == null) return null;
  return mapping.items.find((item) => item.riskLevel === level)?.controlLevel ?? null;
}

export type CodeNames = { items: ReferenceItem[]; name: (code: string) => string; version: string };

function useCodeList(kind: "accident-type" | "hazard-factor"): CodeNames {
  const [locale] = useLocale();
  const request = useRequest(() => loadReferenceSet(kind), [kind]);
  return useMemo(() => {
    const items = request.data?.items ?? [];
    const byCode = new Map(items.map((item) => [item.code, item]));
    return {
      items,
      version: request.data?.version ?? "",
      name: (code: string) => {
        const item = byCode.get(code);
        return item ? localName(locale, item.nameZh, item.nameEn) : code;
      },
    };
  }, [request.data, locale]);
}

/** GB 6441 accident types (20 codes, 01–20). */
export const useAccidentTypes = () => useCodeList("accident-type");
/** GB/T 13861 hazardous and harmful factors (a tree of codes). */
export const useHazardFactors = () => useCodeList("hazard-factor");

/**
 * Whether the user may change this register. The server decides again: an enterprise's register is kept by its own
 * people (or an entrusted third party), a public-area register by the territory's supervisors.
 */
export function canEditRegister(me: Pick<Me, "role" | "permissions">, ownerKind: RiskOwnerKind | string): boolean {
  if (ownerKind === "enterprise") return hasPermission(me, "risk:write") && isEnterpriseScoped(me.role);
  return hasPermission(me, "risk:public-write");
}

/** The register page of an owner. */
export function registerPath(ownerKind: RiskOwnerKind | string, ownerId: string): string {
  return ownerKind === "enterprise" ? `/risk/enterprises/${ownerId}` : `/risk/territories/${ownerId}`;
}

/** A part of the risk point page: the point, whether the user keeps its register, and what to do after a change. */
export type RiskPointSectionProps = { point: RiskPoint; editable: boolean; onChanged: () => void };

/** Names that are empty in the data (a point without a unit) still need a label in charts and filters. */
export const NO_UNIT = "";
