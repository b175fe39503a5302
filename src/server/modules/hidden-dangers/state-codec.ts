import type { HiddenDangerState } from "../../../domain/hidden-danger/lifecycle";

// Fields of the state machine's state that hold instants.
const DATE_KEYS = new Set([
  "reportedAt",
  "deadline",
  "closedAt",
  "timeLimit",
  "listedAt",
  "lastProgressReportAt",
  "delistedAt",
  "requestedAt",
  "newDeadline",
]);

/** The state as stored in jsonb: dates as ISO text. */
export function stateToJson(state: HiddenDangerState): string {
  return JSON.stringify(state);
}

/** Reads a stored state back, turning its instants into Dates again. */
export function stateFromJson(value: unknown): HiddenDangerState {
  return JSON.parse(JSON.stringify(value), (key, raw) =>
    DATE_KEYS.has(key) && typeof raw === "string" ? new Date(raw) : raw,
  ) as HiddenDangerState;
}
