import "server-only";

import type { ServerConfig } from "../config";
import { AppError } from "../errors";
import { ACCESS_CODE_HEADER } from "../public-config";

const PREFLIGHT_MAX_AGE_SECONDS = 600;

/**
 * CORS headers for a request's Origin: none for same-origin requests and
 * requests without an Origin, the origin echoed back for an allowed one,
 * and a 403 for any other, before a token is minted for it.
 */
export function corsHeaders(
  request: Request,
  config: ServerConfig,
): Record<string, string> {
  const origin = request.headers.get("origin");
  if (!origin || isSameOrigin(request, origin)) return {};

  if (!config.corsOrigins.includes(origin)) {
    throw new AppError(
      "origin_not_allowed",
      403,
      `Origin ${origin.slice(0, 100)} may not request tokens; list it in AGORA_CORS_ORIGINS`,
    );
  }

  return { "Access-Control-Allow-Origin": origin, Vary: "Origin" };
}

/** The answer to an OPTIONS preflight for the token route. */
export function preflightResponse(
  request: Request,
  config: ServerConfig,
): Response {
  const headers = corsHeaders(request, config);

  return new Response(null, {
    status: 204,
    headers: {
      ...headers,
      "Access-Control-Allow-Methods": "GET, OPTIONS",
      "Access-Control-Allow-Headers": `Accept, ${ACCESS_CODE_HEADER}`,
      "Access-Control-Max-Age": String(PREFLIGHT_MAX_AGE_SECONDS),
      "Cache-Control": "no-store",
    },
  });
}

// Behind a proxy the request URL may name an internal host; the Host (or
// X-Forwarded-Host) header is what the browser actually addressed.
function isSameOrigin(request: Request, origin: string): boolean {
  const host =
    request.headers.get("x-forwarded-host") ?? request.headers.get("host");

  try {
    return new URL(origin).host === host;
  } catch (error) {
    if (error instanceof TypeError) return false;
    throw error;
  }
}
