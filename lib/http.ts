import "server-only";

import { isAppError } from "./errors";

const NO_STORE = { "Cache-Control": "no-store" } as const;

/** Headers for an answer no cache may keep. */
export function noStoreHeaders(contentType: string): Record<string, string> {
  return { ...NO_STORE, "Content-Type": contentType };
}

/**
 * The JSON error answer for any failure: AppErrors keep their code, status
 * and Retry-After; anything else is a 500 with a generic message, and is
 * logged here with `label` as context.
 */
export function errorResponse(
  label: string,
  error: unknown,
  extraHeaders: Record<string, string> = {},
): Response {
  const headers: Record<string, string> = { ...NO_STORE, ...extraHeaders };

  if (!isAppError(error)) {
    console.error(`[${label}] unexpected failure`, error);
    return Response.json(
      { error: "internal", message: "Unexpected server error" },
      { status: 500, headers },
    );
  }

  if (error.retryAfterSeconds !== undefined) {
    headers["Retry-After"] = String(error.retryAfterSeconds);
  }

  return Response.json(
    { error: error.code, message: error.message },
    { status: error.status, headers },
  );
}

/** A JSON 405 naming the methods a route serves. */
export function methodNotAllowed(allowed: string[]): Response {
  const list = allowed.join(", ");

  return Response.json(
    { error: "method_not_allowed", message: `This route serves ${list}` },
    { status: 405, headers: { ...NO_STORE, Allow: list } },
  );
}
