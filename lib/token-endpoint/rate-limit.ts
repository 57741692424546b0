import "server-only";

import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

import { AppError } from "../errors";

/**
 * Token requests allowed per client per minute. Counts live in this
 * process's memory: each server instance (each serverless instance on
 * Vercel) limits on its own, so the limit slows abuse but is not a quota.
 */
export class TokenRateLimit {
  private readonly limiter: RateLimiterMemory | null;

  constructor(private readonly perMinute: number) {
    this.limiter =
      perMinute > 0
        ? new RateLimiterMemory({ points: perMinute, duration: 60 })
        : null;
  }

  /** Counts one request from `client`, throwing a 429 over the limit. */
  async consume(client: string): Promise<void> {
    if (!this.limiter) return;

    try {
      await this.limiter.consume(client);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;

      throw new AppError(
        "rate_limited",
        429,
        `Too many token requests: at most ${this.perMinute} per minute per client`,
        { retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000) },
      );
    }
  }
}
