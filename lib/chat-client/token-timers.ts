import { serverNow } from "./clock";
import type { TokenSpan } from "./lifetime";

interface TokenMoments {
  onWillExpire(): void;
  onExpired(): void;
}

// setTimeout fires at once for longer delays (a signed 32-bit ms count).
const LONGEST_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * The page's own will-expire and expiry timers for one token, set on the
 * server's clock. The SDK sets its timers from the browser's clock alone,
 * so with a wrong clock its warning comes late or never in time.
 */
export class TokenTimers {
  private timers: ReturnType<typeof setTimeout>[] = [];

  arm(span: TokenSpan, offsetMs: number, moments: TokenMoments): void {
    this.clear();

    const now = serverNow(offsetMs);
    this.timers = [
      this.at(span.willExpireAt - now, moments.onWillExpire),
      this.at(span.expiresAt - now, moments.onExpired),
    ];
  }

  clear(): void {
    this.timers.forEach(clearTimeout);
    this.timers = [];
  }

  private at(delayMs: number, callback: () => void) {
    const bounded = Math.min(Math.max(0, delayMs), LONGEST_TIMEOUT_MS);

    return setTimeout(callback, bounded);
  }
}
