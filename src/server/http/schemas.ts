import { type TSchema, Type } from "typebox";

// The pieces every module's request and response schemas are built from, each defined once. A module's own
// schema.ts composes them; the OpenAPI document, validation and the web client's generated types follow.

export const Uuid = Type.String({ format: "uuid" });

/** `:id` in a path. */
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });

/** An ISO 8601 instant as the API sends it. */
export const DateTime = Type.String({ format: "date-time" });

/** A calendar date, YYYY-MM-DD. */
export const IsoDate = Type.String({ format: "date" });

/**
 * A number that may be null, as one JSON-schema type list. A `Union([Number, Null])`
 * would let ajv's type coercion turn null into 0 while trying the first branch.
 */
export function NullableNumber(options: { minimum?: number; maximum?: number; description?: string } = {}) {
  return Type.Unsafe<number | null>({ ...options, type: ["number", "null"] });
}

/** A string that may be null (one type list, for the same reason as NullableNumber). */
export function NullableString(options: { maxLength?: number; format?: string; description?: string } = {}) {
  return Type.Unsafe<string | null>({ ...options, type: ["string", "null"] });
}

/** The four risk levels: 1 major (red) … 4 low (blue). */
export const RiskLevel = Type.Union([Type.Literal(1), Type.Literal(2), Type.Literal(3), Type.Literal(4)], {
  description: "1 major (red), 2 larger (orange), 3 general (yellow), 4 low (blue)",
});

/** Text in both languages the product speaks. */
export const LocalisedText = Type.Object({ "zh-CN": Type.String(), en: Type.String() });

/** One of a list of string values, as a union of literals (typed, validated and listed in OpenAPI). */
export function OneOf<const T extends readonly string[]>(
  values: T,
  options: { description?: string; default?: T[number] } = {},
) {
  // A union built from a mapped list loses its members' types; Unsafe keeps the schema and states the type.
  return Type.Unsafe<T[number]>(
    Type.Union(
      values.map((v) => Type.Literal(v)),
      options,
    ),
  );
}

/** ?page=&pageSize= of every paged list. */
export const PageQuery = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
};

/** A page of a list: the items, how many there are in all, and where this page is. */
export function Page<T extends TSchema>(item: T) {
  return Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });
}

/** A list that is not paged. */
export function Items<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item) });
}

/** The one error shape: a stable code, a message in the caller's language, and details (field problems, limits). */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      details: Type.Unknown(),
    }),
  },
  { description: "An error: a stable code, a message in the caller's language saying what to fix, and details" },
);

/** The error answers any route may give; a route's own response schemas are added to these. */
export const ERROR_RESPONSES = Object.fromEntries(
  [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 503].map((status) => [status, ErrorBody]),
) as Record<number, typeof ErrorBody>;

/** A file download (XLSX, CSV, PDF …). */
export function FileResponse(contentType: string, description: string) {
  return Type.Unsafe<Buffer>({ type: "string", format: "binary", description, "x-content-type": contentType });
}

/** The answer of a route that succeeds with 204 and no body (`reply.status(204).send()`). */
export const NoContent = Type.Unsafe<undefined>({ type: "null", description: "Done; no content" });
