import { Type } from "typebox";
import { Items, RiskLevel, Uuid } from "../../http/schemas";

export const RegionLevelQuery = Type.Object({ parentId: Type.Optional(Uuid) }, { additionalProperties: false });

const LevelCounts = Type.Object({ 1: Type.Number(), 2: Type.Number(), 3: Type.Number(), 4: Type.Number() });

export const RegionLevel = Type.Object({
  territoryId: Type.String(),
  code: Type.String(),
  name: Type.String(),
  path: Type.String(),
  depth: Type.Number(),
  kind: Type.String(),
  enterprises: Type.Object({ total: Type.Number(), byLevel: LevelCounts, unrated: Type.Number() }),
  publicRiskPoints: Type.Object({ total: Type.Number(), byLevel: LevelCounts }),
  majorHazardSources: Type.Object({ total: Type.Number(), byLevel: LevelCounts }),
  activeAlarms: Type.Object({ red: Type.Number(), orange: Type.Number(), yellow: Type.Number(), blue: Type.Number() }),
  level: RiskLevel,
  colour: Type.String(),
  score: Type.Number(),
  explanation: Type.String(),
  configVersion: Type.String(),
});

export const RegionLevelList = Items(RegionLevel);
