import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { AppError, type Locale, type LocalisedText } from "../errors";

interface AjvIssue {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** One sentence per failed rule, in the caller's language. */
function describeIssue(issue: AjvIssue, context: string): { field: string; text: LocalisedText } {
  const params = issue.params ?? {};
  let field = (issue.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
  if (issue.keyword === "required") field = [field, String(params.missingProperty)].filter(Boolean).join(".");
  if (issue.keyword === "additionalProperties")
    field = [field, String(params.additionalProperty)].filter(Boolean).join(".");
  if (!field) field = context;
  const text = (zh: string, en: string): LocalisedText => ({ "zh-CN": zh, en });
  switch (issue.keyword) {
    case "required":
      return { field, text: text(`${field} 为必填项`, `${field} is required`) };
    case "additionalProperties":
      return { field, text: text(`${field} 不是可接受的字段，请删除`, `${field} is not an accepted field; remove it`) };
    case "minLength":
      return {
        field,
        text: text(`${field} 至少 ${params.limit} 个字符`, `${field} needs at least ${params.limit} characters`),
      };
    case "maxLength":
      return {
        field,
        text: text(`${field} 最多 ${params.limit} 个字符`, `${field} allows at most ${params.limit} characters`),
      };
    case "minimum":
    case "exclusiveMinimum":
      return { field, text: text(`${field} 不能小于 ${params.limit}`, `${field} must be at least ${params.limit}`) };
    case "maximum":
    case "exclusiveMaximum":
      return { field, text: text(`${field} 不能大于 ${params.limit}`, `${field} must be at most ${params.limit}`) };
    case "type":
      return { field, text: text(`${field} 应为 ${params.type} 类型`, `${field} must be of type ${params.type}`) };
    case "enum":
      return {
        field,
        text: text(
          `${field} 只能取以下值之一：${(params.allowedValues as unknown[]).join(", ")}`,
          `${field} must be one of: ${(params.allowedValues as unknown[]).join(", ")}`,
        ),
      };
    case "const":
      return { field, text: text(`${field} 只能为 ${params.allowedValue}`, `${field} must be ${params.allowedValue}`) };
    case "anyOf":
      return { field, text: text(`${field} 的取值不在允许范围内`, `${field} is not one of the allowed values`) };
    case "pattern":
      return { field, text: text(`${field} 格式不正确`, `${field} has the wrong format (expected ${params.pattern})`) };
    case "format":
      return { field, text: text(`${field} 应为 ${params.format} 格式`, `${field} must be a valid ${params.format}`) };
    default:
      return { field, text: text(`${field} 不符合要求：${issue.message}`, `${field} is invalid: ${issue.message}`) };
  }
}

function isLocalisedText(value: unknown): value is LocalisedText {
  return (
    !!value &&
    typeof value === "object" &&
    Object.keys(value).length === 2 &&
    typeof (value as LocalisedText).en === "string" &&
    typeof (value as LocalisedText)["zh-CN"] === "string"
  );
}

/** Error details carry both languages; the caller gets its own, and a `text` becomes `message`. */
function localiseDetails(details: unknown, locale: Locale): unknown {
  if (isLocalisedText(details)) return details[locale];
  if (Array.isArray(details)) return details.map((d) => localiseDetails(d, locale));
  if (details && typeof details === "object") {
    return Object.fromEntries(
      Object.entries(details as Record<string, unknown>).map(([k, v]) => [
        k === "text" ? "message" : k,
        localiseDetails(v, locale),
      ]),
    );
  }
  return details;
}

export function sendError(reply: FastifyReply, locale: Locale, error: AppError): FastifyReply {
  const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (error.status === 429 && typeof retryAfter === "number") reply.header("retry-after", String(retryAfter));
  return reply.status(error.status).send({
    error: {
      code: error.code,
      message: error.messageIn(locale),
      details: localiseDetails(error.details, locale) ?? null,
    },
  });
}

export function errorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const locale = request.locale ?? "zh-CN";
  if (error instanceof AppError) {
    if (error.status >= 500) request.log.error({ err: error }, "internal error");
    return sendError(reply, locale, error);
  }
  if (error.validation) {
    const problems = (error.validation as AjvIssue[]).map((issue) =>
      describeIssue(issue, error.validationContext ?? "body"),
    );
    const fields = [...new Set(problems.map((p) => p.field))].join(", ");
    return sendError(
      reply,
      locale,
      new AppError(
        "VALIDATION_FAILED",
        {
          "zh-CN": `请求有误：${problems.map((p) => p.text["zh-CN"]).join("；")}`,
          en: `The request is invalid (${fields}): ${problems.map((p) => p.text.en).join("; ")}`,
        },
        problems,
      ),
    );
  }
  if (error.statusCode === 429) {
    return sendError(
      reply,
      locale,
      new AppError("RATE_LIMITED", {
        "zh-CN": "请求过于频繁，请按 Retry-After 响应头所示的秒数后再试",
        en: "Too many requests; wait the seconds given in the Retry-After header and try again",
      }),
    );
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    const code =
      error.statusCode === 415 ? "UNSUPPORTED_FILE" : error.statusCode === 404 ? "NOT_FOUND" : "VALIDATION_FAILED";
    return reply.status(error.statusCode).send({
      error: {
        code,
        message: locale === "en" ? `The request could not be read: ${error.message}` : `无法读取请求：${error.message}`,
        details: null,
      },
    });
  }
  request.log.error({ err: error }, "unhandled error");
  return sendError(
    reply,
    locale,
    new AppError("INTERNAL", {
      "zh-CN": "服务器内部错误，已记录日志；请稍后重试或联系管理员",
      en: "Internal server error; it has been logged. Try again later or contact the administrator",
    }),
  );
}
