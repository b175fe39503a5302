import { describe, expect, it } from "vitest";
import { BACKOFF_LONGEST_WAIT_SECONDS, backoffSeconds, secondsStillToWait } from "./login-backoff";

describe("sign-in backoff", () => {
  it("costs nothing for the free failures, then doubles the wait with every further failure", () => {
    expect([3, 4, 5, 6, 7, 8].map((failures) => backoffSeconds(failures, 5))).toEqual([0, 0, 5, 10, 20, 40]);
  });

  it("never makes anyone wait longer than fifteen minutes, however many failures", () => {
    expect(backoffSeconds(13, 5)).toBe(BACKOFF_LONGEST_WAIT_SECONDS);
    expect(backoffSeconds(10_000, 5)).toBe(15 * 60);
  });

  it("counts the wait from the newest failure and rounds up to whole seconds", () => {
    const newest = new Date("2026-03-01T08:00:00Z");
    expect(secondsStillToWait(6, 5, newest, new Date("2026-03-01T08:00:03.500Z"))).toBe(7);
    expect(secondsStillToWait(6, 5, newest, new Date("2026-03-01T08:00:10Z"))).toBe(0);
    expect(secondsStillToWait(2, 5, newest, newest)).toBe(0);
  });
});
