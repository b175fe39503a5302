import type { FormInstance } from "antd";
import { ApiError } from "../api/client";
import type { FieldProblem } from "../api/types";

function isFieldProblem(value: unknown): value is FieldProblem {
  return !!value && typeof value === "object" && typeof (value as FieldProblem).field === "string";
}

/** `safetyManagers.0.phone` → `["safetyManagers", 0, "phone"]`, the name path of a Form.List field. */
export function namePathOf(field: string): (string | number)[] {
  return field.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts the server's per-field reasons (already in the user's language) under the fields of the form.
 * Returns the message to show above the form when some reason has no field there, or null when all were placed.
 */
export function showFieldProblems(
  form: FormInstance,
  error: unknown,
  fields: readonly string[],
  aliases: Record<string, string> = {},
): string | null {
  if (!(error instanceof ApiError)) return String(error);
  const problems = Array.isArray(error.details) ? error.details.filter(isFieldProblem) : [];
  const placed = problems
    .map((problem) => ({ ...problem, field: aliases[problem.field] ?? problem.field }))
    .filter((problem) => fields.includes(String(namePathOf(problem.field)[0])));
  form.setFields(placed.map((problem) => ({ name: namePathOf(problem.field), errors: [problem.message] })));
  return placed.length === problems.length && placed.length > 0 ? null : error.message;
}
