import { createHash, randomBytes } from "node:crypto";

/** A fresh secret for a session or API token; only its hash is stored. */
export function newSecret(prefix = ""): string {
  return `${prefix}${randomBytes(32).toString("base64url")}`;
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export const API_TOKEN_PREFIX = "dg_";
