import { describe, expect, it } from "vitest";

import { nextRetryDelay, type BackoffPolicy } from "./backoff";

const policy: BackoffPolicy = {
  firstDelayMs: 100,
  maxDelayMs: 1_000,
  marginMs: 50,
};
const farAway = 1_000_000;

describe("nextRetryDelay", () => {
  it("doubles the wait after each failure", () => {
    const delays = [1, 2, 3, 4].map((attempt) =>
      nextRetryDelay(attempt, 0, farAway, policy),
    );

    expect(delays).toEqual([100, 200, 400, 800]);
  });

  it("never waits longer than the cap", () => {
    expect(nextRetryDelay(10, 0, farAway, policy)).toBe(1_000);
  });

  it("shortens the last wait so the retry still starts before the deadline", () => {
    expect(nextRetryDelay(4, 0, 500, policy)).toBe(450);
  });

  it("gives up once no retry could start before the deadline", () => {
    expect(nextRetryDelay(1, 960, 1_000, policy)).toBeNull();
    expect(nextRetryDelay(1, 2_000, 1_000, policy)).toBeNull();
  });
});
