import { storedLocale } from "../i18n/locale";

/** An error answered by the API (`{ error: { code, message, details } }`); the message is already in the user's language. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** What to tell the user about a failure: the server's message (already in the user's language), or the error itself. */
export function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : String(error);
}

export type QueryValue = string | number | boolean | null | undefined;
export type Query = Record<string, QueryValue>;

const API_BASE = "/api/v1";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** The CSRF token from login or /auth/me; every write sends it as x-csrf-token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone (401 outside the login form). */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

/** `/enterprises` + `{ q: "x", page: 2 }` → `/api/v1/enterprises?q=x&page=2`; empty values are left out. */
export function apiUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ""}`;
}

function fallbackMessage(status: number): string {
  const english = storedLocale() === "en";
  if (status === 0) return english ? "Cannot reach the server; check the network" : "无法连接服务器，请检查网络";
  return english ? `The server answered with status ${status}` : `服务器返回状态 ${status}`;
}

async function errorFrom(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { error?: { code?: string; message?: string; details?: unknown } };
    if (body.error?.code) {
      return new ApiError(
        response.status,
        body.error.code,
        body.error.message ?? fallbackMessage(response.status),
        body.error.details ?? null,
      );
    }
  } catch {
    // Not the API's error shape (a proxy page, say): fall through to a generic message.
  }
  return new ApiError(response.status, `HTTP_${response.status}`, fallbackMessage(response.status), null);
}

type RequestOptions = { query?: Query; body?: unknown; form?: FormData };

async function send(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { "Accept-Language": storedLocale(), Accept: "application/json" };
  if (UNSAFE_METHODS.has(method) && csrfToken) headers["x-csrf-token"] = csrfToken;
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), { method, headers, body, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "NETWORK", fallbackMessage(0), null);
  }
  if (!response.ok) {
    const error = await errorFrom(response);
    // A wrong password on the login form is also a 401, but it is an answer, not a lost session.
    if (response.status === 401 && path !== "/auth/login") onUnauthenticated?.();
    throw error;
  }
  return response;
}

async function json<T>(method: string, path: string, options?: RequestOptions): Promise<T> {
  const response = await send(method, path, options);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => json<T>("GET", path, { query }),
  post: <T>(path: string, body?: unknown) => json<T>("POST", path, { body }),
  patch: <T>(path: string, body: unknown) => json<T>("PATCH", path, { body }),
  put: <T>(path: string, body: unknown) => json<T>("PUT", path, { body }),
  delete: <T = void>(path: string) => json<T>("DELETE", path),
  upload: <T>(path: string, form: FormData, query?: Query) => json<T>("POST", path, { form, query }),
};

/** Downloads a file through fetch, so the language header and the session go with it, and saves it under the server's name. */
export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<void> {
  const response = await send("GET", path, { query });
  const disposition = response.headers.get("content-disposition") ?? "";
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const name = encoded ? decodeURIComponent(encoded) : (plain ?? fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
