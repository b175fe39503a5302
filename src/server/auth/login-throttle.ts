import type { Kysely } from "kysely";
import { secondsStillToWait } from "../../domain/access/login-backoff";
import type { DB } from "../db/schema";

/** Failures older than this are forgotten. */
export const FAILURE_MEMORY_MINUTES = 60;
/** Failures allowed before waits begin: per account (any address), per address (any account). */
export const FREE_FAILURES_PER_ACCOUNT = 5;
export const FREE_FAILURES_PER_ADDRESS = 20;

export const accountKey = (username: string) => `user:${username.toLowerCase()}`;
export const addressKey = (ip: string) => `ip:${ip}`;
/** One account tried from one address: how an account's throttle reaches only the addresses that failed on it. */
export const attemptKey = (username: string, ip: string) => `${accountKey(username)}@${addressKey(ip)}`;

/**
 * Seconds until this address may try this account again, or 0 when it may now.
 * An address that failed too often waits whatever account it tries. An account
 * that failed too often makes wait only the addresses that failed on it: anyone
 * can make the city supervisor's account fail, so its owner, from an address
 * that has not failed, still signs in with the right password.
 */
export async function signInWaitSeconds(
  db: Kysely<DB>,
  username: string,
  ip: string,
  now = new Date(),
): Promise<number> {
  const since = new Date(now.getTime() - FAILURE_MEMORY_MINUTES * 60_000);
  const rows = await db
    .selectFrom("login_failure")
    .select(["throttle_key", (eb) => eb.fn.countAll<number>().as("failures"), (eb) => eb.fn.max("at").as("newest")])
    .where("throttle_key", "in", [accountKey(username), addressKey(ip), attemptKey(username, ip)])
    .where("at", ">", since)
    .groupBy("throttle_key")
    .execute();
  const wait = (key: string, free: number) => {
    const row = rows.find((r) => r.throttle_key === key);
    return row ? secondsStillToWait(Number(row.failures), free, new Date(row.newest), now) : 0;
  };
  const addressWait = wait(addressKey(ip), FREE_FAILURES_PER_ADDRESS);
  const failedHere = rows.some((r) => r.throttle_key === attemptKey(username, ip));
  const accountWait = failedHere ? wait(accountKey(username), FREE_FAILURES_PER_ACCOUNT) : 0;
  return Math.max(addressWait, accountWait);
}

export async function recordLoginFailure(db: Kysely<DB>, username: string, ip: string): Promise<void> {
  await db
    .insertInto("login_failure")
    .values([
      { throttle_key: accountKey(username) },
      { throttle_key: addressKey(ip) },
      { throttle_key: attemptKey(username, ip) },
    ])
    .execute();
}

/**
 * After a successful sign-in: this address's failures on this account are
 * forgiven. The account's own count stays (it decays), or a guesser's failures
 * would be wiped by every sign-in of the owner.
 */
export async function clearLoginFailures(db: Kysely<DB>, username: string, ip: string): Promise<void> {
  await db.deleteFrom("login_failure").where("throttle_key", "=", attemptKey(username, ip)).execute();
}

/** Drops failures nobody counts any more, so the table stays small. */
export async function forgetOldLoginFailures(db: Kysely<DB>, now = new Date()): Promise<void> {
  await db
    .deleteFrom("login_failure")
    .where("at", "<", new Date(now.getTime() - FAILURE_MEMORY_MINUTES * 60_000))
    .execute();
}
