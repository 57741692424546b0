/** The SDK warns that a token will expire at this share of its life. */
export const WILL_EXPIRE_SHARE = 0.8;

/** One token's life; every time is epoch ms on the server's clock. */
export interface TokenSpan {
  id: number;
  issuedAt: number;
  expiresAt: number;
  willExpireAt: number;
  /** When a newer token took over from this one, or null. */
  renewedAt: number | null;
}

/** A span positioned on a shared time axis, in percent of its width. */
export interface SpanLayout {
  id: number;
  startPct: number;
  widthPct: number;
  willExpirePct: number;
  renewedPct: number | null;
  /** How much of this token's life has passed, 0 to 100 of the span. */
  elapsedPct: number;
}

export interface LifetimeLayout {
  rows: SpanLayout[];
  /** Where now falls on the axis, or null when it is outside it. */
  nowPct: number | null;
}

/** The moment the SDK would warn about a token with this life. */
export function willExpireMoment(issuedAt: number, expiresAt: number) {
  return issuedAt + WILL_EXPIRE_SHARE * (expiresAt - issuedAt);
}

/**
 * Lays the newest `maxRows` tokens on one axis, from the first one's issue
 * to the latest expiry, so a renewal shows where the next span starts.
 */
export function layoutLifetimes(
  spans: readonly TokenSpan[],
  now: number,
  maxRows = 3,
): LifetimeLayout {
  const shown = spans.slice(-maxRows);
  if (shown.length === 0) return { rows: [], nowPct: null };

  const start = Math.min(...shown.map((span) => span.issuedAt));
  const end = Math.max(...shown.map((span) => span.expiresAt));
  const toPct = (time: number) => percent(time - start, end - start);

  const rows = shown.map((span) => ({
    id: span.id,
    startPct: toPct(span.issuedAt),
    widthPct: percent(span.expiresAt - span.issuedAt, end - start),
    willExpirePct: toPct(span.willExpireAt),
    renewedPct: span.renewedAt === null ? null : toPct(span.renewedAt),
    elapsedPct: clamp(
      percent(now - span.issuedAt, span.expiresAt - span.issuedAt),
    ),
  }));
  const isNowShown = now >= start && now <= end;

  return { rows, nowPct: isNowShown ? toPct(now) : null };
}

function percent(part: number, whole: number): number {
  if (whole <= 0) return 0;

  return Math.round((part / whole) * 1_000) / 10;
}

function clamp(value: number): number {
  return Math.min(100, Math.max(0, value));
}
