export type DiffRow = { field: string; before: unknown; after: unknown; changed: boolean };

function isRecord(value: unknown): value is Record<string, unknown> {
  return !!value && typeof value === "object" && !Array.isArray(value);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Field-by-field comparison of an audit entry's before and after states. Changed fields come first; a value that is
 * not an object (or a missing side, as for a creation) is compared as a whole under the field "—".
 */
export function diffRecords(before: unknown, after: unknown): DiffRow[] {
  if (!isRecord(before) && !isRecord(after)) {
    if (before === null && after === null) return [];
    if (before === undefined && after === undefined) return [];
    return [{ field: "—", before, after, changed: !same(before, after) }];
  }
  const left = isRecord(before) ? before : {};
  const right = isRecord(after) ? after : {};
  const fields = [...new Set([...Object.keys(left), ...Object.keys(right)])];
  const rows = fields.map((field) => ({
    field,
    before: left[field],
    after: right[field],
    // A partial update records only what it was sent: a field absent from `after` did not change.
    changed: isRecord(before) && isRecord(after) && !(field in right) ? false : !same(left[field], right[field]),
  }));
  return [...rows.filter((r) => r.changed), ...rows.filter((r) => !r.changed)];
}

/** A value as one readable line: strings as they are, the rest as compact JSON. */
export function showValue(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
