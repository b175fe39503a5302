import type { Kysely } from "kysely";
import type { DB } from "../db/schema";

// Failures allowed in the window before sign-in is refused, per account and per address.
export const THROTTLE_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export const accountKey = (username: string) => `user:${username.toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;

/** Minutes until sign-in is allowed again for these keys, or 0 when it is allowed now. */
export async function throttledForMinutes(
  db: Kysely<DB>,
  username: string,
  ip: string,
  now = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MINUTES * 60_000);
  const rows = await db
    .selectFrom("login_failure")
    .select(["throttle_key", (eb) => eb.fn.countAll<number>().as("failures"), (eb) => eb.fn.min("at").as("first")])
    .where("throttle_key", "in", [accountKey(username), addressKey(ip)])
    .where("at", ">", since)
    .groupBy("throttle_key")
    .execute();
  let wait = 0;
  for (const row of rows) {
    const limit = row.throttle_key.startsWith("user:") ? MAX_FAILURES_PER_ACCOUNT : MAX_FAILURES_PER_ADDRESS;
    if (Number(row.failures) >= limit) {
      const until = new Date(row.first).getTime() + THROTTLE_WINDOW_MINUTES * 60_000;
      wait = Math.max(wait, Math.ceil((until - now.getTime()) / 60_000));
    }
  }
  return wait;
}

export async function recordLoginFailure(db: Kysely<DB>, username: string, ip: string): Promise<void> {
  await db
    .insertInto("login_failure")
    .values([{ throttle_key: accountKey(username) }, { throttle_key: addressKey(ip) }])
    .execute();
}

export async function clearLoginFailures(db: Kysely<DB>, username: string): Promise<void> {
  await db.deleteFrom("login_failure").where("throttle_key", "=", accountKey(username)).execute();
}
