/**
 * Turns the server's OpenAPI 3 document into TypeScript types for the web app:
 * one entry per path and method with its path and query parameters, request
 * body and responses. The web app reads every answer through these types, so a
 * server change that breaks a page fails the typecheck. Only the JSON Schema
 * the server's TypeBox schemas produce needs to be understood here.
 */

type Schema = {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  format?: string;
  description?: string;
  default?: unknown;
};

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

const METHODS = ["get", "post", "put", "patch", "delete"];
const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const key = (name: string) => (IDENTIFIER.test(name) ? name : JSON.stringify(name));
const pad = (depth: number) => "  ".repeat(depth);

/** The TypeScript type of one schema, indented for `depth`. */
export function typeOf(schema: Schema | undefined, depth = 0): string {
  if (!schema || Object.keys(schema).filter((k) => k !== "description").length === 0) return "unknown";
  const nullable = (type: string) =>
    schema.nullable || (Array.isArray(schema.type) && schema.type.includes("null")) ? `${type} | null` : type;
  if (schema.$ref) return nullable(`components["schemas"][${JSON.stringify(schema.$ref.split("/").pop())}]`);
  if (schema.const !== undefined) return nullable(JSON.stringify(schema.const));
  if (schema.enum) return nullable(schema.enum.map((v) => JSON.stringify(v)).join(" | "));
  const union = schema.anyOf ?? schema.oneOf;
  if (union) return nullable(union.map((s) => wrap(typeOf(s, depth))).join(" | "));
  if (schema.allOf) return nullable(schema.allOf.map((s) => wrap(typeOf(s, depth))).join(" & "));
  if (schema.type === "null") return "null";
  const types = [schema.type ?? (schema.properties ? "object" : undefined)].flat().filter((t) => t && t !== "null");
  if (types.length > 1)
    return nullable(types.map((t) => typeOf({ ...schema, type: t, nullable: false }, depth)).join(" | "));
  switch (types[0]) {
    case "string":
      return nullable("string");
    case "integer":
    case "number":
      return nullable("number");
    case "boolean":
      return nullable("boolean");
    case "array":
      return nullable(`${wrap(typeOf(schema.items, depth))}[]`);
    case "object":
      return nullable(objectType(schema, depth));
    default:
      return "unknown";
  }
}

const wrap = (type: string) => (/[|&]/.test(type) && !/^[{(]/.test(type) ? `(${type})` : type);

function objectType(schema: Schema, depth: number): string {
  // A property with a default is filled in by the server when absent, so a caller may leave it out.
  const required = new Set((schema.required ?? []).filter((name) => schema.properties?.[name]?.default === undefined));
  const lines = Object.entries(schema.properties ?? {}).map(
    ([name, property]) =>
      `${pad(depth + 1)}${key(name)}${required.has(name) ? "" : "?"}: ${typeOf(property, depth + 1)};`,
  );
  const extra = schema.additionalProperties;
  if (extra === true || (extra && typeof extra === "object")) {
    lines.push(`${pad(depth + 1)}[key: string]: ${extra === true ? "unknown" : typeOf(extra, depth + 1)};`);
  }
  if (lines.length === 0) return extra === false ? "Record<string, never>" : "Record<string, unknown>";
  return `{\n${lines.join("\n")}\n${pad(depth)}}`;
}

function parametersType(operation: Operation, where: "path" | "query", depth: number): string | null {
  const parameters = (operation.parameters ?? []).filter((p) => p.in === where);
  if (parameters.length === 0) return null;
  return typeOf(
    {
      type: "object",
      properties: Object.fromEntries(parameters.map((p) => [p.name, p.schema ?? {}])),
      // Parameters with a default, like properties with one, may be left out.
      required: parameters.filter((p) => p.required).map((p) => p.name),
    },
    depth,
  );
}

function operationType(operation: Operation, depth: number): string {
  const lines: string[] = [];
  const path = parametersType(operation, "path", depth + 1);
  if (path) lines.push(`${pad(depth + 1)}path: ${path};`);
  const query = parametersType(operation, "query", depth + 1);
  if (query) lines.push(`${pad(depth + 1)}query: ${query};`);
  const body = operation.requestBody?.content?.["application/json"]?.schema;
  if (body) lines.push(`${pad(depth + 1)}body: ${typeOf(body, depth + 1)};`);
  const responses = Object.entries(operation.responses ?? {})
    .filter(([status]) => /^2\d\d$/.test(status))
    .map(([status, response]) => {
      const content = response.content ?? {};
      const json = content["application/json"]?.schema;
      const type = json ? typeOf(json, depth + 2) : Object.keys(content).length > 0 ? "Blob" : "void";
      return `${pad(depth + 2)}${status}: ${type};`;
    });
  lines.push(
    responses.length > 0
      ? `${pad(depth + 1)}responses: {\n${responses.join("\n")}\n${pad(depth + 1)}};`
      : `${pad(depth + 1)}responses: {};`,
  );
  return `{\n${lines.join("\n")}\n${pad(depth)}}`;
}

/** The whole module: `paths` and `components`, as the web app imports them. */
export function typesFromOpenApi(document: OpenApiDocument): string {
  const out: string[] = [
    "// Generated by `npm run api:types` from the server's OpenAPI document: do not edit by hand.",
    "// A server change that breaks the web app shows up as a type error where the web app reads the answer.",
    "",
    "export interface paths {",
  ];
  for (const [path, item] of Object.entries(document.paths).sort(([a], [b]) => a.localeCompare(b))) {
    const methods = METHODS.filter((m) => item[m]);
    if (methods.length === 0) continue;
    out.push(`  ${JSON.stringify(path)}: {`);
    for (const method of methods) out.push(`    ${method}: ${operationType(item[method], 2)};`);
    out.push("  };");
  }
  out.push("}", "", "export interface components {", "  schemas: {");
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {}).sort(([a], [b]) =>
    a.localeCompare(b),
  ))
    out.push(`    ${key(name)}: ${typeOf(schema, 2)};`);
  out.push("  };", "}", "");
  return out.join("\n");
}
