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
 * How far the server's clock is ahead of ours, assuming the server stamped
 * its answer halfway through the round trip (the NTP estimate; the error
 * is at most half the round trip).
 */
export function measureClockOffset(sample: ClockSample): ClockOffset {
  const roundTripMs = Math.max(0, sample.receivedAt - sample.sentAt);
  const localMidpoint = sample.sentAt + roundTripMs / 2;

  return { offsetMs: sample.serverTime - localMidpoint, roundTripMs };
}

/** This browser's time translated to the server's clock. */
export function serverNow(offsetMs: number, localNow = Date.now()): number {
  return localNow + offsetMs;
}
