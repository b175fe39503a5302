// The words of major hazard declaration and filing, each list declared once.

import { type LocalisedText, text } from "../text";

/** GB 18218-2018 identifies a unit: a production unit (plant area) or a storage unit (storage area). */
export const UNIT_KINDS = ["plant", "storage"] as const;
export type MajorHazardUnitKind = (typeof UNIT_KINDS)[number];

export const UNIT_KIND_LABELS: Readonly<Record<MajorHazardUnitKind, LocalisedText>> = {
  plant: text("生产单元", "Production unit"),
  storage: text("储存单元", "Storage unit"),
};

/** A filing with the emergency management department (Work Safety Law art. 40) waits, then is accepted or returned. */
export const FILING_STATUSES = ["submitted", "accepted", "returned"] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export const FILING_STATUS_LABELS: Readonly<Record<FilingStatus, LocalisedText>> = {
  submitted: text("待受理", "Awaiting decision"),
  accepted: text("已受理", "Accepted"),
  returned: text("已退回", "Returned"),
};

/** What the department decides about a filing. */
export const FILING_DECISIONS = ["accept", "return"] as const;
export type FilingDecision = (typeof FILING_DECISIONS)[number];
