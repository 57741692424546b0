import { randomBytes } from "node:crypto";

/**
 * The opaque REST access tokens handed out for Chat app tokens. Each one
 * lives exactly as long as the app token it was exchanged for.
 */
export class AccessTokenStore {
  private readonly expiries = new Map<string, number>();

  issue(expiresAtMs: number): string {
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

  clear(): void {
    this.expiries.clear();
  }
}
