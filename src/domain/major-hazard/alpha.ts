// Exposed-population correction factor α of GB 18218-2018 (table 5).

/** α bands, most people first: a population reaching minPeople takes that α. */
export const ALPHA_BANDS: readonly { minPeople: number; alpha: number }[] = [
  { minPeople: 100, alpha: 2.0 }, // GB 18218-2018 table 5: 100 or more people → 2.0
  { minPeople: 50, alpha: 1.5 }, // GB 18218-2018 table 5: 50–99 → 1.5
  { minPeople: 30, alpha: 1.2 }, // GB 18218-2018 table 5: 30–49 → 1.2
  { minPeople: 1, alpha: 1.0 }, // GB 18218-2018 table 5: 1–29 → 1.0
  { minPeople: 0, alpha: 0.5 }, // GB 18218-2018 table 5: nobody → 0.5
];

/** True for a head count: a whole number of people, zero or more. */
export function isValidPopulation(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/**
 * α for the number of people who usually live within 500 m outside the unit's boundary. Throws a RangeError for
 * anything that is not a whole number of people, zero or more.
 */
export function alphaFor(exposedPopulation: number): number {
  if (!isValidPopulation(exposedPopulation)) {
    throw new RangeError(`alphaFor needs a whole number of people, zero or more; got ${exposedPopulation}`);
  }
  return ALPHA_BANDS.find((band) => exposedPopulation >= band.minPeople)!.alpha;
}
