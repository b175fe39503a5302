// What an enforcement inspection record (执法检查记录) names: how each item checked came out, and the kinds of
// administrative penalty it imposed.

/** How one item checked came out: in order, a problem found, or not checked this time. */
export const CHECK_RESULTS = ["ok", "problem", "not_checked"] as const;
export type CheckResult = (typeof CHECK_RESULTS)[number];

/** The kinds of administrative penalty of the Administrative Penalty Law (《行政处罚法》, 2021) art. 9. */
export const PENALTY_KINDS = [
  "warning",
  "fine",
  "confiscation",
  "licence_suspension",
  "licence_revocation",
  "production_suspension",
  "closure",
  "other",
] as const;
export type PenaltyKind = (typeof PENALTY_KINDS)[number];

/** Re-check tasks a list can be narrowed to: every open one, or only those past their re-check date. */
export const RECHECK_FILTERS = ["open", "overdue"] as const;
export type RecheckFilter = (typeof RECHECK_FILTERS)[number];

/** Organisation kinds that supervise enterprises: the emergency management department and the industry departments. */
export const SUPERVISING_ORGANISATION_KINDS = ["emergency_management", "industry_department"] as const;
