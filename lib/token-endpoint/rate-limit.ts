import "server-only";

import { RateLimiterMemory, RateLimiterRes } from "rate-limiter-flexible";

import type { RateLimits } from "../config";
import { AppError } from "../errors";

// The one key of the total limit; client keys are addresses.
const EVERYONE = "*";

/**
 * Token requests allowed per minute, per client and in total. The client
 * address is whatever the proxy in front says; a client that lies about
 * it escapes its own limit but not the total one. Counts live in this
 * process's memory: each server instance (each serverless instance on
 * Vercel) limits on its own, so this slows abuse but is not a quota.
 */
export class TokenRateLimit {
  private readonly perClient: RateLimiterMemory | null;
  private readonly total: RateLimiterMemory | null;

  constructor(private readonly limits: RateLimits) {
    this.perClient = limiter(limits.perClient);
    this.total = limiter(limits.total);
  }

  /** Counts one request from `client`, throwing a 429 over a limit. */
  async consume(client: string): Promise<void> {
    await this.take(
      this.perClient,
      client,
      `at most ${this.limits.perClient} per minute per client`,
    );
    await this.take(
      this.total,
      EVERYONE,
      `this server hands out at most ${this.limits.total} per minute`,
    );
  }

  private async take(
    limiter: RateLimiterMemory | null,
    key: string,
    rule: string,
  ): Promise<void> {
    if (!limiter) return;

    try {
      await limiter.consume(key);
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;

      throw new AppError(
        "rate_limited",
        429,
        `Too many token requests: ${rule}`,
        {
          retryAfterSeconds: Math.ceil(rejection.msBeforeNext / 1000),
        },
      );
    }
  }
}

function limiter(perMinute: number): RateLimiterMemory | null {
  if (perMinute <= 0) return null;

  return new RateLimiterMemory({ points: perMinute, duration: 60 });
}
