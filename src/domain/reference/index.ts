import { accidentTypeSet, accidentTypes } from "./accident-types";
import { hazardFactorSet, hazardFactors } from "./hazard-factors";
import { industries, industrySet } from "./industries";
import type { ReferenceSetWithItems } from "./reference-set";
import { controlLevelSet, controlLevels, riskLevelSet, riskLevels } from "./risk-levels";

export * from "./accident-types";
export * from "./hazard-factors";
export * from "./industries";
export * from "./reference-set";
export * from "./risk-levels";

/** Every versioned reference set with its items, in the order they are seeded. */
export const referenceSets: readonly ReferenceSetWithItems[] = [
  { ...accidentTypeSet, items: accidentTypes },
  { ...hazardFactorSet, items: hazardFactors },
  { ...industrySet, items: industries },
  { ...riskLevelSet, items: riskLevels },
  { ...controlLevelSet, items: controlLevels },
];
