import { describe, expect, it } from "vitest";

import { measureClockOffset, serverNow } from "./clock";

describe("measureClockOffset", () => {
  it("reads zero when the server answered halfway on the same clock", () => {
    const sample = { sentAt: 1_000, receivedAt: 1_100, serverTime: 1_050 };

    expect(measureClockOffset(sample)).toEqual({
      offsetMs: 0,
      roundTripMs: 100,
    });
  });

  it("reads zero for a slow answer stamped late on the same clock", () => {
    // A cold server compiled the route for 4 s before answering.
    const sample = { sentAt: 0, receivedAt: 8_600, serverTime: 8_500 };

    expect(measureClockOffset(sample).offsetMs).toBe(0);
  });

  it("is negative when this browser's clock runs ahead of the server", () => {
    const fiveMinutes = 5 * 60_000;
    const sample = {
      sentAt: 10_000 + fiveMinutes,
      receivedAt: 10_040 + fiveMinutes,
      serverTime: 10_020,
    };

    expect(measureClockOffset(sample).offsetMs).toBe(-fiveMinutes);
  });

  it("is positive when this browser's clock runs behind", () => {
    const sample = { sentAt: 0, receivedAt: 20, serverTime: 60_010 };

    expect(measureClockOffset(sample).offsetMs).toBe(60_000);
  });

  it("never reports a negative round trip", () => {
    const sample = { sentAt: 50, receivedAt: 40, serverTime: 50 };

    expect(measureClockOffset(sample).roundTripMs).toBe(0);
  });
});

describe("serverNow", () => {
  it("adds the offset to the local time", () => {
    expect(serverNow(-300, 1_000)).toBe(700);
  });
});
