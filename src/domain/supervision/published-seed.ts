// Seeds for random enforcement selection that anyone can recompute: a plain text seed is published with the plan,
// hashed to 32 bits (FNV-1a over its UTF-8 bytes) and fed to mulberry32 (src/domain/geo/random.ts). Practice: no
// national text fixes the algorithm, so it is documented in docs/rating-model.md for auditors.

export type PlanSeed = string | number;

const FNV_OFFSET_BASIS = 0x811c9dc5; // FNV-1a 32-bit offset basis (IETF draft-eastlake-fnv)
const FNV_PRIME = 0x01000193; // FNV-1a 32-bit prime

/** The 32-bit number a published seed stands for: FNV-1a of the UTF-8 bytes of String(seed). */
export function seedNumber(seed: PlanSeed): number {
  let hash = FNV_OFFSET_BASIS;
  for (const byte of new TextEncoder().encode(String(seed))) {
    hash ^= byte;
    hash = Math.imul(hash, FNV_PRIME) >>> 0;
  }
  return hash >>> 0;
}

/**
 * The seed a department publishes with its plan: "2026:<department>" for an annual plan, "2026-03:<department>" for
 * a monthly one. Fixed before the draw and built from public facts, so nobody can pick a convenient seed afterwards.
 */
export function publishedSeed(period: { year: number; month?: number; department: string }): string {
  const { year, month, department } = period;
  if (!Number.isInteger(year) || year < 1000 || year > 9999) throw new RangeError(`year ${year} is not a 4-digit year`);
  if (month !== undefined && (!Number.isInteger(month) || month < 1 || month > 12)) {
    throw new RangeError(`month ${month} is not 1–12`);
  }
  if (department.trim() === "") throw new RangeError("a published seed needs the department's code");
  const periodText = month === undefined ? `${year}` : `${year}-${String(month).padStart(2, "0")}`;
  return `${periodText}:${department}`;
}
