/** How a failed token fetch is retried while the old token still works. */
export interface BackoffPolicy {
  firstDelayMs: number;
  maxDelayMs: number;
  /**
   * Time a retry needs before the deadline: fetching a token and the SDK's
   * renewal call each take a round trip, so a later start cannot finish.
   */
  marginMs: number;
}

export const RENEWAL_BACKOFF: BackoffPolicy = {
  firstDelayMs: 250,
  maxDelayMs: 4_000,
  marginMs: 300,
};

/**
 * The wait before retry number `attempt` (1 for the first retry), doubling
 * each time up to a cap, or null when the retry could not finish before
 * `deadline`. Times are on one clock, in ms.
 */
export function nextRetryDelay(
  attempt: number,
  now: number,
  deadline: number,
  policy: BackoffPolicy = RENEWAL_BACKOFF,
): number | null {
  const doubled = policy.firstDelayMs * 2 ** (attempt - 1);
  const delay = Math.min(doubled, policy.maxDelayMs);
  const latestStart = deadline - policy.marginMs;

  if (now + delay <= latestStart) return delay;

  // A shorter last wait still fits: better one late try than none.
  const lastChance = latestStart - now;

  return lastChance > 0 ? lastChance : null;
}
