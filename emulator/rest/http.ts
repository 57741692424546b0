import type { IncomingMessage, ServerResponse } from "node:http";

import { RestError } from "./errors";

// Agora's REST API is called from browsers too (the SDK's renewToken), so
// every answer allows any origin, and preflights are answered up front.
const CORS_HEADERS = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Headers": "Authorization, Content-Type",
  "Access-Control-Allow-Methods": "GET, POST, DELETE, OPTIONS",
  "Access-Control-Max-Age": "600",
};

const MAX_BODY_BYTES = 1024 * 1024;

/** Writes `body` as JSON with the CORS headers. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
): void {
  response.writeHead(status, {
    ...CORS_HEADERS,
    "Content-Type": "application/json; charset=utf-8",
  });
  response.end(JSON.stringify(body));
}

/** Answers a CORS preflight. */
export function sendPreflight(response: ServerResponse): void {
  response.writeHead(204, CORS_HEADERS);
  response.end();
}

/** Reads and parses a JSON request body; a missing body reads as null. */
export async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const text = await readText(request);
  if (text.trim() === "") return null;

  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RestError(400, "json_parse", `Body is not JSON: ${reason}`);
  }
}

async function readText(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;

  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) {
      throw new RestError(413, "request_too_large", "Body exceeds 1 MiB");
    }

    chunks.push(chunk as Buffer);
  }

  return Buffer.concat(chunks).toString("utf8");
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerOf(request: IncomingMessage): string | null {
  const header = request.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);

  return match?.[1] ?? null;
}
