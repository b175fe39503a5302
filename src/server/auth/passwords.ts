import { randomBytes } from "node:crypto";
import argon2 from "argon2";

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

const verifyListeners = new Set<() => void>();

/** Calls `listener` at every password verification (tests count them); returns the function that stops it. */
export function observePasswordVerification(listener: () => void): () => void {
  verifyListeners.add(listener);
  return () => verifyListeners.delete(listener);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  for (const listener of verifyListeners) listener();
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

let standIn: Promise<string> | undefined;

/**
 * A hash of a random password no one knows, with the same cost as a real one:
 * checking an unknown or disabled account against it takes as long as checking
 * a real account, so the answer's timing does not reveal which usernames exist.
 */
export function standInPasswordHash(): Promise<string> {
  standIn ??= hashPassword(randomBytes(24).toString("base64url"));
  return standIn;
}

/** A password must be long enough to resist guessing; the message says how to fix it. */
export function passwordProblem(password: string): { "zh-CN": string; en: string } | null {
  if (password.length < 8) {
    return { "zh-CN": "密码至少 8 个字符", en: "The password must have at least 8 characters" };
  }
  if (!/[A-Za-z]/.test(password) || !/\d/.test(password)) {
    return { "zh-CN": "密码须同时包含字母和数字", en: "The password must contain both letters and digits" };
  }
  return null;
}
