import { Type } from "typebox";

/**
 * A number that may be null, as one JSON-schema type list. A `Union([Number, Null])`
 * would let ajv's type coercion turn null into 0 while trying the first branch.
 */
export function NullableNumber(options: { minimum?: number; maximum?: number; description?: string } = {}) {
  return Type.Unsafe<number | null>({ ...options, type: ["number", "null"] });
}
