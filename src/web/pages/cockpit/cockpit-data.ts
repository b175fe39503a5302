import type { Answer } from "../../api/contract";

// The answer of GET /api/v1/cockpit, as the server's response schema declares it (cockpit/schema.ts), and names for
// the parts the panels take.

export type Cockpit = Answer<"/api/v1/cockpit">;
export type LevelCounts = Cockpit["enterprises"]["byLevel"];
export type ColourCounts = Cockpit["alarms"]["active"];
export type CockpitChildTerritory = Cockpit["children"][number];
export type CockpitChildEnterprise = Cockpit["enterprisesHere"]["items"][number];
export type PlanCompletion = Cockpit["inspectionPlans"]["annual"];

export const COLOURS: readonly (keyof ColourCounts)[] = ["red", "orange", "yellow", "blue"];

export const sumColours = (counts: ColourCounts) => counts.red + counts.orange + counts.yellow + counts.blue;
