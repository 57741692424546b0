import { randomBytes } from "node:crypto";

const MAX_LIVE_ACCESS_TOKENS = 10_000;

/**
 * The opaque REST access tokens handed out for Chat app tokens. Each one
 * lives exactly as long as the app token it was exchanged for.
 */
export class AccessTokenStore {
  private readonly expiries = new Map<string, number>();

  issue(expiresAtMs: number, nowMs: number): string {
    this.forgetExpired(nowMs);
    const token = randomBytes(32).toString("base64url");
    this.expiries.set(token, expiresAtMs);

    return token;
  }

  isLive(token: string, nowMs: number): boolean {
    const expiresAt = this.expiries.get(token);
    if (expiresAt === undefined) return false;

    if (expiresAt > nowMs) return true;

    this.expiries.delete(token);
    return false;
  }

  // Every exchange adds one entry: expired ones go as new ones come, and
  // past the cap the oldest go too (a Map keeps insertion order).
  private forgetExpired(nowMs: number): void {
    for (const [token, expiresAt] of this.expiries) {
      const isOverCap = this.expiries.size >= MAX_LIVE_ACCESS_TOKENS;
      if (expiresAt <= nowMs || isOverCap) this.expiries.delete(token);
    }
  }

  clear(): void {
    this.expiries.clear();
  }
}
