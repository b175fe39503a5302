// Shape shared by every versioned classification the platform seeds and looks codes up in.

export type ReferenceKind = "accident_type" | "hazard_factor" | "industry" | "risk_level" | "control_level";

/** One code of a classification; parentCode links a code to the level above (null at the top). */
export type ReferenceItem = {
  code: string;
  parentCode: string | null;
  nameZh: string;
  nameEn: string;
};

/** Which classification, which edition, and where it comes from. */
export type ReferenceSet = {
  kind: ReferenceKind;
  version: string;
  title: string;
  source: string;
};

export type ReferenceSetWithItems<Item extends ReferenceItem = ReferenceItem> = ReferenceSet & {
  items: readonly Item[];
};
