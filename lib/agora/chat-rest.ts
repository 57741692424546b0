import "server-only";

import { backOff } from "exponential-backoff";
import { z } from "zod";

import { AppError, isAppError } from "../errors";

export interface ChatRestTarget {
  baseUrl: string;
  orgName: string;
  appName: string;
  timeoutMs: number;
}

/** Counts the HTTP requests one token request sent upstream. */
export interface UpstreamTrace {
  calls: number;
}

// Wire shapes of the Agora Chat REST API, kept to the fields we read.
const exchangeResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().positive(),
});

const userEntity = z.object({ uuid: z.string().min(1), username: z.string() });

const usersResponse = z.object({ entities: z.array(userEntity).min(1) });

const errorResponse = z.object({
  error: z.string(),
  error_description: z.string().optional(),
});

type ErrorBody = z.infer<typeof errorResponse>;

interface ChatRestCall {
  method: "GET" | "POST";
  path: string;
  bearer: string;
  body?: unknown;
  /** What the call does, for error messages: "look up user 'bob'". */
  label: string;
  /** Safe to send again: retried on 429, 5xx and network failures. */
  isIdempotent: boolean;
}

// Retries are few and short: the browser is waiting for its token.
const RETRY = {
  numOfAttempts: 3,
  startingDelay: 100,
  timeMultiple: 3,
  maxDelay: 1_000,
  jitter: "full",
} as const;

const RETRYABLE_CODES = new Set([
  "upstream_rate_limited",
  "upstream_unavailable",
  "upstream_unreachable",
]);

/**
 * Trades a Chat app token for the access token the REST API expects
 * (`POST /{org}/{app}/token`, grant type "agora").
 */
export async function exchangeAppToken(
  target: ChatRestTarget,
  appToken: string,
  trace: UpstreamTrace,
): Promise<{ accessToken: string; expiresInSeconds: number }> {
  const call: ChatRestCall = {
    method: "POST",
    path: "token",
    bearer: appToken,
    body: { grant_type: "agora" },
    label: "exchange the app token",
    // Exchanging again only mints another access token.
    isIdempotent: true,
  };
  const response = await sendWithRetries(target, call, trace);
  const body = await readBody(response, exchangeResponse, call.label);

  return { accessToken: body.access_token, expiresInSeconds: body.expires_in };
}

/** The user's UUID, or null when Agora says the user does not exist. */
export async function findUserUuid(
  target: ChatRestTarget,
  bearer: string,
  username: string,
  trace: UpstreamTrace,
): Promise<string | null> {
  const call: ChatRestCall = {
    method: "GET",
    path: `users/${encodeURIComponent(username)}`,
    bearer,
    label: `look up user '${username}'`,
    isIdempotent: true,
  };

  try {
    const response = await sendWithRetries(target, call, trace);
    const body = await readBody(response, usersResponse, call.label);

    return uuidOfNamed(body.entities, username, call.label);
  } catch (error) {
    // Only this exact answer means "absent"; any other failure, a 404 with
    // another code included, must not lead to a registration.
    if (isAppError(error) && error.code === "upstream_user_not_found") {
      return null;
    }
    throw error;
  }
}

/**
 * Registers a user and returns the UUID Agora assigned. Never retried: a
 * second POST could race the first. A name taken meanwhile fails with code
 * `upstream_user_exists`.
 */
export async function registerUser(
  target: ChatRestTarget,
  bearer: string,
  username: string,
  password: string,
  trace: UpstreamTrace,
): Promise<string> {
  const call: ChatRestCall = {
    method: "POST",
    path: "users",
    bearer,
    body: { username, password },
    label: `register user '${username}'`,
    isIdempotent: false,
  };
  const response = await sendWithRetries(target, call, trace);
  const body = await readBody(response, usersResponse, call.label);

  return uuidOfNamed(body.entities, username, call.label);
}

// A token signed for another user's UUID would log in as them: the entity
// must be the one asked for, whatever path the request ended up on.
function uuidOfNamed(
  entities: z.infer<typeof userEntity>[],
  username: string,
  label: string,
): string {
  const match = entities.find(
    (entity) => entity.username.toLowerCase() === username,
  );
  if (match) return match.uuid;

  throw new AppError(
    "upstream_invalid_response",
    502,
    `Agora Chat answered with another user when asked to ${label}`,
  );
}

async function sendWithRetries(
  target: ChatRestTarget,
  call: ChatRestCall,
  trace: UpstreamTrace,
): Promise<Response> {
  const attempt = () => send(target, call, trace);
  if (!call.isIdempotent) return attempt();

  return backOff(attempt, {
    ...RETRY,
    retry: (error) => isAppError(error) && RETRYABLE_CODES.has(error.code),
  });
}

async function send(
  target: ChatRestTarget,
  call: ChatRestCall,
  trace: UpstreamTrace,
): Promise<Response> {
  const { baseUrl, orgName, appName, timeoutMs } = target;
  const url = `${baseUrl}/${orgName}/${appName}/${call.path}`;

  trace.calls += 1;
  let response: Response;
  try {
    response = await fetch(url, {
      method: call.method,
      headers: requestHeaders(call),
      body: call.body ? JSON.stringify(call.body) : undefined,
      signal: AbortSignal.timeout(timeoutMs),
      cache: "no-store",
    });
  } catch (cause) {
    throw unreachableError(call.label, timeoutMs, cause);
  }
  if (response.ok) return response;

  throw upstreamError(call.label, response, await readError(response));
}

function requestHeaders(call: ChatRestCall): Record<string, string> {
  const headers: Record<string, string> = {
    Authorization: `Bearer ${call.bearer}`,
    Accept: "application/json",
  };
  if (call.body) headers["Content-Type"] = "application/json";

  return headers;
}

function unreachableError(
  label: string,
  timeoutMs: number,
  cause: unknown,
): AppError {
  const isTimeout =
    cause instanceof DOMException && cause.name === "TimeoutError";
  if (isTimeout) {
    return new AppError(
      "upstream_timeout",
      504,
      `Agora Chat did not answer within ${timeoutMs} ms when asked to ${label}`,
      { cause },
    );
  }

  return new AppError(
    "upstream_unreachable",
    502,
    `Could not reach Agora Chat to ${label}`,
    { cause },
  );
}

function upstreamError(
  label: string,
  response: Response,
  body: ErrorBody | null,
): AppError {
  const { status } = response;
  const detail = body
    ? `, ${body.error}${body.error_description ? `: ${body.error_description}` : ""}`
    : "";
  const message = `Agora Chat refused to ${label} (HTTP ${status}${detail})`;

  return new AppError(upstreamCode(status, body), statusFor(status), message, {
    retryAfterSeconds:
      status === 429
        ? retryAfter(response.headers.get("retry-after"))
        : undefined,
  });
}

function upstreamCode(status: number, body: ErrorBody | null): string {
  if (status === 404 && body?.error === "service_resource_not_found") {
    return "upstream_user_not_found";
  }
  if (status === 400 && body?.error === "duplicate_unique_property_exists") {
    return "upstream_user_exists";
  }
  if (status === 401) return "upstream_unauthorized";
  if (status === 429) return "upstream_rate_limited";
  if (status >= 500) return "upstream_unavailable";

  return "upstream_failed";
}

// Agora rate-limiting us is not our client's fault: 503, try again later.
function statusFor(upstreamStatus: number): number {
  return upstreamStatus === 429 ? 503 : 502;
}

function retryAfter(header: string | null): number {
  const seconds = Number(header);

  return Number.isInteger(seconds) && seconds > 0 ? seconds : 1;
}

async function readError(response: Response): Promise<ErrorBody | null> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = errorResponse.safeParse(body);

  return parsed.success ? parsed.data : null;
}

async function readBody<T extends z.ZodType>(
  response: Response,
  schema: T,
  label: string,
): Promise<z.infer<T>> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;

  throw new AppError(
    "upstream_invalid_response",
    502,
    `Agora Chat answered an unexpected body when asked to ${label}`,
  );
}
