import argon2 from "argon2";

// OWASP's argon2id baseline: 19 MiB memory, 2 iterations, 1 lane.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
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
