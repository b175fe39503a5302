/** One error type with stable codes; the message is chosen by the caller's language. */

import type { Locale, LocalisedText } from "../domain/text";

export type { Locale, LocalisedText };

export type ErrorCode =
  | "VALIDATION_FAILED"
  | "NOT_AUTHENTICATED"
  | "INVALID_CREDENTIALS"
  | "LOGIN_THROTTLED"
  | "RATE_LIMITED"
  | "CSRF_TOKEN_INVALID"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "INVALID_USCC"
  | "IMPORT_REJECTED"
  | "UNSUPPORTED_FILE"
  | "FILE_TOO_LARGE"
  | "TABLE_TOO_LARGE"
  | "MALFORMED_FILE"
  | "INTERNAL"
  | "SERVICE_UNAVAILABLE";

const STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  NOT_AUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  LOGIN_THROTTLED: 429,
  RATE_LIMITED: 429,
  CSRF_TOKEN_INVALID: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_USCC: 400,
  IMPORT_REJECTED: 400,
  UNSUPPORTED_FILE: 415,
  FILE_TOO_LARGE: 413,
  TABLE_TOO_LARGE: 422,
  MALFORMED_FILE: 422,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly text: LocalisedText,
    readonly details?: unknown,
  ) {
    super(text.en);
    this.status = STATUS[code];
  }

  messageIn(locale: Locale): string {
    return this.text[locale];
  }
}

/** Picks zh-CN or English from an Accept-Language header; Chinese is the default. */
export function localeFrom(acceptLanguage: string | undefined): Locale {
  if (!acceptLanguage) return "zh-CN";
  const first = acceptLanguage.split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "zh-CN";
}

export const notFound = (what: LocalisedText) =>
  new AppError("NOT_FOUND", {
    "zh-CN": `未找到${what["zh-CN"]}，或您无权查看`,
    en: `${what.en} not found, or you may not see it`,
  });

export const forbidden = (reason?: LocalisedText) =>
  new AppError(
    "FORBIDDEN",
    reason ?? { "zh-CN": "您的角色或管辖范围不允许此操作", en: "Your role or scope does not allow this action" },
  );

export const notAuthenticated = () =>
  new AppError("NOT_AUTHENTICATED", {
    "zh-CN": "请先登录（会话已过期或令牌无效）",
    en: "Please sign in (the session has expired or the token is invalid)",
  });

export const conflict = (text: LocalisedText, details?: unknown) => new AppError("CONFLICT", text, details);

export interface FieldProblem {
  field: string;
  message: string;
}

/** A validation error about named fields, with one localised sentence per field. */
export function invalidFields(problems: { field: string; text: LocalisedText }[]): AppError {
  const summary = problems.map((p) => p.field).join(", ");
  const error = new AppError(
    "VALIDATION_FAILED",
    {
      "zh-CN": `请检查以下字段：${summary}。${problems[0]?.text["zh-CN"] ?? ""}`,
      en: `Please check these fields: ${summary}. ${problems[0]?.text.en ?? ""}`,
    },
    problems,
  );
  return error;
}

/** Sign-in refused for a while; the error handler turns `retryAfterSeconds` into a Retry-After header. */
export const signInThrottled = (seconds: number) =>
  new AppError(
    "LOGIN_THROTTLED",
    {
      "zh-CN": `登录失败次数过多，请 ${seconds} 秒后再试；如忘记密码，请联系管理员重置`,
      en: `Too many failed sign-ins; try again in ${seconds} second(s), or ask an administrator to reset the password`,
    },
    { retryAfterSeconds: seconds },
  );
