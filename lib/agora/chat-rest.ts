import "server-only";

import { z } from "zod";

import { AppError } from "../errors";

/** How long one Agora Chat REST call may take before it is given up. */
const REQUEST_TIMEOUT_MS = 5_000;

export interface ChatRestTarget {
  baseUrl: string;
  orgName: string;
  appName: string;
}

// Wire shapes of the Agora Chat REST API, kept to the fields we read.
const exchangeResponse = z.object({
  access_token: z.string().min(1),
  expires_in: z.number(),
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
  /** Human name of the call, for error messages. */
  label: string;
}

/**
 * Trades a Chat app token for the access token the REST API expects
 * (`POST /{org}/{app}/token`, grant type "agora").
 */
export async function exchangeAppToken(
  target: ChatRestTarget,
  appToken: string,
): Promise<{ accessToken: string; expiresInSeconds: number }> {
  const response = await call(target, {
    method: "POST",
    path: "token",
    bearer: appToken,
    body: { grant_type: "agora" },
    label: "exchange the app token",
  });
  const body = await readBody(response, exchangeResponse, "token exchange");

  return { accessToken: body.access_token, expiresInSeconds: body.expires_in };
}

/** The user's UUID, or null when Agora says the user does not exist. */
export async function findUserUuid(
  target: ChatRestTarget,
  bearer: string,
  username: string,
): Promise<string | null> {
  const request: ChatRestCall = {
    method: "GET",
    path: `users/${encodeURIComponent(username)}`,
    bearer,
    label: `look up user '${username}'`,
  };
  const response = await send(target, request);

  // Only this exact answer means "absent"; any other failure, a 404 with
  // another code included, must not lead to a second registration.
  if (!response.ok) {
    const error = await readError(response);
    if (
      response.status === 404 &&
      error?.error === "service_resource_not_found"
    ) {
      return null;
    }
    throw upstreamError(request.label, response.status, error);
  }

  const body = await readBody(response, usersResponse, "user lookup");

  return body.entities[0]!.uuid;
}

/** Registers a user and returns the UUID Agora assigned. */
export async function registerUser(
  target: ChatRestTarget,
  bearer: string,
  username: string,
  password: string,
): Promise<string> {
  const response = await call(target, {
    method: "POST",
    path: "users",
    bearer,
    body: { username, password },
    label: `register user '${username}'`,
  });
  const body = await readBody(response, usersResponse, "user registration");

  return body.entities[0]!.uuid;
}

async function call(
  target: ChatRestTarget,
  request: ChatRestCall,
): Promise<Response> {
  const response = await send(target, request);
  if (response.ok) return response;

  throw upstreamError(
    request.label,
    response.status,
    await readError(response),
  );
}

async function send(target: ChatRestTarget, request: ChatRestCall) {
  const url = `${target.baseUrl}/${target.orgName}/${target.appName}/${request.path}`;

  try {
    return await fetch(url, {
      method: request.method,
      headers: {
        Authorization: `Bearer ${request.bearer}`,
        Accept: "application/json",
        ...(request.body ? { "Content-Type": "application/json" } : {}),
      },
      body: request.body ? JSON.stringify(request.body) : undefined,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      cache: "no-store",
    });
  } catch (cause) {
    throw unreachableError(request.label, cause);
  }
}

function unreachableError(label: string, cause: unknown): AppError {
  if (cause instanceof DOMException && cause.name === "TimeoutError") {
    return new AppError(
      "upstream_timeout",
      504,
      `Agora Chat did not answer in ${REQUEST_TIMEOUT_MS} ms when trying to ${label}`,
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
  status: number,
  body: ErrorBody | null,
): AppError {
  const detail = body ? `${body.error}: ${body.error_description ?? ""}` : "";
  const message = `Agora Chat refused to ${label} (HTTP ${status}${
    detail ? `, ${detail.trim()}` : ""
  })`;

  if (status === 429)
    return new AppError("upstream_rate_limited", 503, message);

  return new AppError("upstream_failed", 502, message);
}

async function readError(response: Response): Promise<ErrorBody | null> {
  const parsed = errorResponse.safeParse(
    await response.json().catch(() => null),
  );

  return parsed.success ? parsed.data : null;
}

async function readBody<T extends z.ZodType>(
  response: Response,
  schema: T,
  what: string,
): Promise<z.infer<T>> {
  const parsed = schema.safeParse(await response.json().catch(() => null));
  if (parsed.success) return parsed.data;

  throw new AppError(
    "upstream_invalid_response",
    502,
    `Agora Chat answered the ${what} with an unexpected body`,
  );
}
