// Identifies a hazardous-chemicals major hazard source and grades it (GB 18218-2018):
// S = Σ q/Q ≥ 1 makes the unit a major hazard source; R = α · Σ β · q/Q sets its level.

import { alphaFor, isValidPopulation } from "./alpha";
import { GB18218_2018, type HazardClassEntry, type NamedSubstance, type ThresholdTable } from "./threshold-table";

/** One substance present in the unit; quantity in tonnes (for tanks and storage areas, the design maximum). */
export type MajorHazardSubstanceInput = {
  cas?: string;
  name?: string;
  /** Required for a substance not named in table 1; on a named one it replaces the class used for β. */
  hazardClass?: string;
  quantityTonnes: number;
};

export type MajorHazardInput = {
  substances: MajorHazardSubstanceInput[];
  /** People usually living within 500 m outside the unit's boundary. */
  exposedPopulation: number;
};

export type MajorHazardLevel = 1 | 2 | 3 | 4;

/** One line of the sums, kept per input line (two lines of the same substance stay two terms). */
export type MajorHazardTerm = {
  substance: string;
  cas: string | null;
  /** Actual quantity q, tonnes. */
  q: number;
  /** Threshold quantity Q, tonnes. */
  Q: number;
  beta: number;
  /** q / Q, rounded to 4 decimals. */
  ratio: number;
  /** Where Q comes from: a named substance of table 1 or a class of table 2. */
  thresholdFrom: "named_substance" | "hazard_class";
  /** Where β comes from: the named toxic gases of table 3 or a class of table 4. */
  betaFrom: "named_toxic_gas" | "hazard_class";
  /** The class whose β was used; null when β is a named toxic gas's. */
  hazardClass: string | null;
};

export type MajorHazardProblem = {
  /** e.g. "substances[1].cas" */
  field: string;
  found: unknown;
  reason:
    | "negative_quantity"
    | "invalid_quantity"
    | "unknown_substance"
    | "unknown_hazard_class"
    | "invalid_population"
    | "empty";
  allowed?: string[];
};

export type MajorHazardResult =
  | {
      ok: true;
      tableVersion: string;
      /** Σ q/Q, rounded to 4 decimals. */
      s: number;
      isMajorHazard: boolean;
      alpha: number;
      /** α · Σ β · q/Q, rounded to 4 decimals; given even when the unit is not a major hazard source. */
      r: number;
      /** null when the unit is not a major hazard source. */
      level: MajorHazardLevel | null;
      terms: MajorHazardTerm[];
    }
  | { ok: false; problems: MajorHazardProblem[] };

/** GB 18218-2018 table 6: R at or above minR takes the level; below the last one, level 4. */
export const MAJOR_HAZARD_LEVEL_BANDS: readonly { level: MajorHazardLevel; minR: number }[] = [
  { level: 1, minR: 100 }, // GB 18218-2018 table 6: R ≥ 100 → level 1
  { level: 2, minR: 50 }, // GB 18218-2018 table 6: 50 ≤ R < 100 → level 2
  { level: 3, minR: 10 }, // GB 18218-2018 table 6: 10 ≤ R < 50 → level 3, R < 10 → level 4
];

// GB 18218-2018 formula (1): S = Σ q/Q ≥ 1 is a major hazard source.
const majorHazardMinS = 1;
// Absorbs binary float noise in the sums (0.1 + 0.2 + 0.7 must reach 1) without letting 0.99995 round up to 1.
const floatTolerance = 1e-9;
// Output precision of S, R and each ratio.
const outputDecimals = 4;

function roundForOutput(value: number): number {
  const factor = 10 ** outputDecimals;
  return Math.round(value * factor) / factor;
}

function reaches(value: number, threshold: number): boolean {
  return value >= threshold - floatTolerance;
}

/** Folds case, full-width forms and subscripts (SO₂ → so2) so names and codes compare loosely. */
function normalise(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
}

function findByCas(table: ThresholdTable, cas: string): NamedSubstance | undefined {
  const wanted = normalise(cas);
  return table.substances.find(
    (substance) =>
      (substance.cas !== null && normalise(substance.cas) === wanted) ||
      (substance.otherCas ?? []).some((other) => normalise(other) === wanted),
  );
}

function findByName(table: ThresholdTable, name: string): NamedSubstance | undefined {
  const wanted = normalise(name);
  return table.substances.find((substance) =>
    [substance.nameZh, substance.nameEn, ...substance.aliases].some((known) => normalise(known) === wanted),
  );
}

function findClass(table: ThresholdTable, code: string): HazardClassEntry | undefined {
  const wanted = normalise(code);
  return table.classes.find((entry) => normalise(entry.code) === wanted);
}

function present(text: unknown): text is string {
  return typeof text === "string" && text.trim() !== "";
}

/** A named substance is looked up by CAS first, then by its Chinese or English name or an alias. */
export function findNamedSubstance(
  table: ThresholdTable,
  query: { cas?: string; name?: string },
): NamedSubstance | undefined {
  return (
    (present(query.cas) ? findByCas(table, query.cas) : undefined) ??
    (present(query.name) ? findByName(table, query.name) : undefined)
  );
}

/**
 * Identifies and grades one unit (a plant area or a storage area). Every input problem is reported at once; a
 * result is only given when all substances are identified and all quantities are valid.
 */
export function assessMajorHazard(input: MajorHazardInput, table: ThresholdTable = GB18218_2018): MajorHazardResult {
  const problems: MajorHazardProblem[] = [];
  const substances = Array.isArray(input.substances) ? input.substances : [];
  if (substances.length === 0) {
    problems.push({ field: "substances", found: input.substances, reason: "empty" });
  }
  if (!isValidPopulation(input.exposedPopulation)) {
    problems.push({ field: "exposedPopulation", found: input.exposedPopulation, reason: "invalid_population" });
  }

  const classCodes = table.classes.map((entry) => entry.code);
  const terms: MajorHazardTerm[] = [];
  substances.forEach((line, index) => {
    const at = `substances[${index}]`;
    const quantity = line?.quantityTonnes;
    let quantityOk = true;
    if (typeof quantity !== "number" || !Number.isFinite(quantity)) {
      problems.push({ field: `${at}.quantityTonnes`, found: quantity, reason: "invalid_quantity" });
      quantityOk = false;
    } else if (quantity < 0) {
      problems.push({ field: `${at}.quantityTonnes`, found: quantity, reason: "negative_quantity" });
      quantityOk = false;
    }

    const named = findNamedSubstance(table, { cas: line?.cas, name: line?.name });
    let givenClass: HazardClassEntry | undefined;
    if (present(line?.hazardClass)) {
      givenClass = findClass(table, line.hazardClass);
      if (!givenClass) {
        problems.push({
          field: `${at}.hazardClass`,
          found: line.hazardClass,
          reason: "unknown_hazard_class",
          allowed: classCodes,
        });
        return;
      }
    }
    if (!named && !givenClass) {
      const field = present(line?.cas) ? `${at}.cas` : present(line?.name) ? `${at}.name` : `${at}.hazardClass`;
      const found = present(line?.cas) ? line.cas : present(line?.name) ? line.name : line?.hazardClass;
      problems.push({ field, found, reason: "unknown_substance", allowed: classCodes });
      return;
    }
    if (!quantityOk) return;

    if (named) {
      const betaClass = givenClass ?? findClass(table, named.hazardClass);
      if (named.betaToxicGas === undefined && !betaClass) {
        throw new RangeError(
          `${table.version}: ${named.nameEn} has class ${named.hazardClass}, not in the class table`,
        );
      }
      const beta = named.betaToxicGas ?? betaClass!.beta;
      terms.push({
        substance: named.nameZh,
        cas: named.cas,
        q: quantity as number,
        Q: named.thresholdTonnes,
        beta,
        ratio: (quantity as number) / named.thresholdTonnes,
        thresholdFrom: "named_substance",
        betaFrom: named.betaToxicGas === undefined ? "hazard_class" : "named_toxic_gas",
        hazardClass: named.betaToxicGas === undefined ? betaClass!.code : null,
      });
      return;
    }
    const entry = givenClass!;
    terms.push({
      substance: present(line.name) ? line.name.trim() : present(line.cas) ? line.cas.trim() : entry.code,
      cas: present(line.cas) ? line.cas.trim() : null,
      q: quantity as number,
      Q: entry.thresholdTonnes,
      beta: entry.beta,
      ratio: (quantity as number) / entry.thresholdTonnes,
      thresholdFrom: "hazard_class",
      betaFrom: "hazard_class",
      hazardClass: entry.code,
    });
  });
  if (problems.length > 0) return { ok: false, problems };

  // Sums use the unrounded ratios; only the output is rounded.
  const s = terms.reduce((sum, term) => sum + term.ratio, 0);
  const alpha = alphaFor(input.exposedPopulation);
  const r = alpha * terms.reduce((sum, term) => sum + term.beta * term.ratio, 0);
  const isMajorHazard = reaches(s, majorHazardMinS);
  const level = isMajorHazard ? (MAJOR_HAZARD_LEVEL_BANDS.find((band) => reaches(r, band.minR))?.level ?? 4) : null;
  return {
    ok: true,
    tableVersion: table.version,
    s: roundForOutput(s),
    isMajorHazard,
    alpha,
    r: roundForOutput(r),
    level,
    terms: terms.map((term) => ({ ...term, ratio: roundForOutput(term.ratio) })),
  };
}
