/**
 * Growing waits after failed sign-ins: a few failures are free, then every
 * further failure doubles the wait, up to a ceiling. The wait runs from the
 * newest failure, so a guesser is slowed ever more while a person who mistyped
 * waits seconds.
 */
export const BACKOFF_FIRST_WAIT_SECONDS = 5;
export const BACKOFF_LONGEST_WAIT_SECONDS = 15 * 60;

/** Seconds to wait after the newest of `failures` failures, when `free` of them cost nothing. */
export function backoffSeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  const doublings = failures - free;
  // 2^8 already passes the ceiling; capping the exponent keeps the arithmetic finite.
  return Math.min(BACKOFF_FIRST_WAIT_SECONDS * 2 ** Math.min(doublings, 16), BACKOFF_LONGEST_WAIT_SECONDS);
}

/** Whole seconds still to wait at `now`, or 0 when another attempt is allowed. */
export function secondsStillToWait(failures: number, free: number, newestFailure: Date, now: Date): number {
  const until = newestFailure.getTime() + backoffSeconds(failures, free) * 1000;
  return Math.max(0, Math.ceil((until - now.getTime()) / 1000));
}
