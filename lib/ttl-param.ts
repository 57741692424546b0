import { AppError } from "./errors";
import { MAX_TOKEN_TTL_SECONDS } from "./token";

/** Reads the optional `ttl` query parameter, in seconds. */
export function parseTtlParam(value: string | null): number | undefined {
  if (value === null) return undefined;

  const ttl = Number(value);
  if (/^\d+$/.test(value) && ttl >= 1 && ttl <= MAX_TOKEN_TTL_SECONDS) {
    return ttl;
  }

  throw new AppError(
    "invalid_ttl",
    400,
    `Invalid ttl ${JSON.stringify(value.slice(0, 20))}: it must be a whole number of seconds from 1 to ${MAX_TOKEN_TTL_SECONDS}`,
  );
}
