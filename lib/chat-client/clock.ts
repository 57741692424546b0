/** When a request left, when its answer came back, and the server's clock. */
export interface ClockSample {
  sentAt: number;
  receivedAt: number;
  serverTime: number;
}

export interface ClockOffset {
  /** Server clock minus this browser's clock, in ms. */
  offsetMs: number;
  roundTripMs: number;
}

/**
 * How far the server's clock is ahead of ours. A server time inside the
 * round trip is what equal clocks give, however slow the answer (a cold
 * server may stamp it seconds after the request left): that reads as zero.
 * Outside it, the server is assumed to have stamped its answer halfway
 * through the round trip (the NTP estimate, off by at most half of it).
 */
export function measureClockOffset(sample: ClockSample): ClockOffset {
  const { sentAt, receivedAt, serverTime } = sample;
  const roundTripMs = Math.max(0, receivedAt - sentAt);
  if (serverTime >= sentAt && serverTime <= receivedAt) {
    return { offsetMs: 0, roundTripMs };
  }

  const localMidpoint = sentAt + roundTripMs / 2;

  return { offsetMs: serverTime - localMidpoint, roundTripMs };
}

/** This browser's time translated to the server's clock. */
export function serverNow(offsetMs: number, localNow = Date.now()): number {
  return localNow + offsetMs;
}
