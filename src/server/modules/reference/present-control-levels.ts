import type { Static } from "typebox";
import type { ControlLevel } from "../../../domain/reference/risk-levels";
import type { ControlLevels } from "./schema";

// The short names the mapping editor and the risk point form offer.
const CONTROL_LEVEL_NAMES: readonly { code: ControlLevel; nameZh: string; nameEn: string }[] = [
  { code: "company", nameZh: "公司级", nameEn: "Company" },
  { code: "department", nameZh: "部门级", nameEn: "Department" },
  { code: "workshop", nameZh: "车间级", nameEn: "Workshop" },
  { code: "team", nameZh: "班组级", nameEn: "Team" },
  { code: "post", nameZh: "岗位级", nameEn: "Post" },
];

/** The mapping risk level → control level, with the control levels to choose from. */
export function presentControlLevels(
  items: { riskLevel: number; controlLevel: ControlLevel }[],
): Static<typeof ControlLevels> {
  return { items, controlLevels: [...CONTROL_LEVEL_NAMES] };
}
