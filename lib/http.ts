import "server-only";

import { isAppError } from "./errors";

const NO_STORE = { "Cache-Control": "no-store" } as const;

/**
 * Runs a route handler and turns any failure into a JSON error with a 4xx
 * or 5xx status. Unexpected failures are logged once, here.
 */
export async function handleRoute(
  label: string,
  handler: () => Promise<Response>,
): Promise<Response> {
  try {
    return await handler();
  } catch (error) {
    return errorResponse(label, error);
  }
}

function errorResponse(label: string, error: unknown): Response {
  if (isAppError(error)) {
    if (error.status >= 500) console.error(`[${label}] ${error.message}`);

    return Response.json(
      { error: error.code, message: error.message },
      { status: error.status, headers: NO_STORE },
    );
  }

  console.error(`[${label}] unexpected failure`, error);

  return Response.json(
    { error: "internal", message: "Unexpected server error" },
    { status: 500, headers: NO_STORE },
  );
}

export function noStoreHeaders(contentType: string): Record<string, string> {
  return { ...NO_STORE, "Content-Type": contentType };
}
