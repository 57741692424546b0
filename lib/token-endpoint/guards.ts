import "server-only";

import { createHash, timingSafeEqual } from "node:crypto";

import type { ServerConfig } from "../config";
import { AppError } from "../errors";
import { ACCESS_CODE_HEADER } from "../public-config";

/**
 * Who is asking, for the rate limit. Vercel and most proxies put the
 * client's address first in X-Forwarded-For; a server reached directly
 * cannot trust that header, so such a deployment limits per claimed IP.
 */
export function clientKey(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for")?.split(",")[0];

  return (
    forwarded?.trim() || request.headers.get("x-real-ip")?.trim() || "local"
  );
}

/** Throws a 401 unless the request carries the configured access code. */
export function requireAccessCode(request: Request, config: ServerConfig) {
  if (config.accessCode === null) return;

  const given = request.headers.get(ACCESS_CODE_HEADER);
  if (!given) {
    throw new AppError(
      "access_code_required",
      401,
      `This server requires an access code in the ${ACCESS_CODE_HEADER} header`,
    );
  }
  if (!sameSecret(given, config.accessCode)) {
    throw new AppError("access_code_invalid", 401, "Wrong access code");
  }
}

// Comparing digests keeps the comparison constant-time whatever the length.
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value).digest();

  return timingSafeEqual(digest(given), digest(expected));
}
