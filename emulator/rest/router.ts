import type { IncomingMessage, ServerResponse } from "node:http";

import { setTimeout as sleep } from "node:timers/promises";

import type { EmulatorContext } from "../context";
import { defaultErrorFor, type RestEndpoint } from "../control/faults";
import { RestError, errorBody } from "./errors";
import { sendJson, sendPreflight } from "./http";

export interface RestCall {
  request: IncomingMessage;
  params: Record<string, string>;
  context: EmulatorContext;
}

/** Returns the body of a 200 answer, or throws a RestError. */
export type RestHandler = (call: RestCall) => unknown;

export interface Route {
  method: "GET" | "POST" | "DELETE";
  /** Segments starting with ":" capture; `:org/:app` must match the app. */
  path: string;
  handler: RestHandler;
  /** Set on the Agora calls the control API counts and can fault. */
  endpoint?: RestEndpoint;
}

/** Answers one HTTP request from `routes`, mapping failures to Agora's JSON. */
export async function handleRestRequest(
  routes: readonly Route[],
  request: IncomingMessage,
  response: ServerResponse,
  context: EmulatorContext,
): Promise<void> {
  const startedAt = performance.now();
  if (request.method === "OPTIONS") return sendPreflight(response);

  try {
    const body = await answer(routes, request, context);
    sendJson(response, 200, body);
  } catch (error) {
    const failure = toRestError(error, request, context);
    const duration = Math.round(performance.now() - startedAt);
    const body = errorBody(failure, context.now(), duration);
    sendJson(response, failure.status, body);
  }
}

async function answer(
  routes: readonly Route[],
  request: IncomingMessage,
  context: EmulatorContext,
): Promise<unknown> {
  const path = new URL(request.url ?? "/", "http://emulator").pathname;
  const matches = routes.flatMap((route) => {
    const params = matchPath(route.path, path);
    return params ? [{ route, params }] : [];
  });

  if (matches.length === 0) {
    throw new RestError(404, "resource_not_found", `No resource at ${path}`);
  }

  const match = matches.find(({ route }) => route.method === request.method);
  if (!match) {
    const allowed = matches.map(({ route }) => route.method).join(", ");
    throw new RestError(
      405,
      "method_not_allowed",
      `${request.method} is not allowed on ${path}; use ${allowed}`,
    );
  }

  const { endpoint } = match.route;
  if (endpoint) await countAndFault(endpoint, context);

  ensureOwnApp(match.params, context);

  return match.route.handler({ request, params: match.params, context });
}

// A fault set through the control API delays the call, then fails it with
// the chosen status or lets the real handler answer.
async function countAndFault(
  endpoint: RestEndpoint,
  context: EmulatorContext,
): Promise<void> {
  context.calls.count(endpoint);

  const fault = context.faults.take(endpoint);
  if (!fault) return;

  if (fault.delayMs > 0) await sleep(fault.delayMs);
  if (fault.status === undefined) return;

  context.log(`fault ${endpoint} status=${fault.status}`);
  throw new RestError(
    fault.status,
    fault.error ?? defaultErrorFor(fault.status),
    `Fault injected by the emulator's control API for ${endpoint}`,
  );
}

function matchPath(
  pattern: string,
  path: string,
): Record<string, string> | null {
  const expected = pattern.split("/").filter(Boolean);
  const actual = path.split("/").filter(Boolean);
  if (expected.length !== actual.length) return null;

  const params: Record<string, string> = {};
  for (const [index, segment] of expected.entries()) {
    const value = decodeURIComponent(actual[index] ?? "");
    if (segment.startsWith(":")) params[segment.slice(1)] = value;
    else if (segment !== value) return null;
  }

  return params;
}

function ensureOwnApp(
  params: Record<string, string>,
  context: EmulatorContext,
): void {
  if (params.org === undefined) return;

  const { orgName, appName } = context.app;
  if (params.org === orgName && params.app === appName) return;

  throw new RestError(
    404,
    "organization_application_not_found",
    `Could not find application for ${params.org}/${params.app}; this emulator serves ${orgName}/${appName}`,
  );
}

function toRestError(
  error: unknown,
  request: IncomingMessage,
  context: EmulatorContext,
): RestError {
  if (error instanceof RestError) return error;

  if (error instanceof URIError) {
    return new RestError(400, "illegal_argument", "Path is not valid UTF-8");
  }

  const reason = error instanceof Error ? error.message : String(error);
  context.log(`error ${request.method} ${request.url}: ${reason}`);

  return new RestError(500, "internal_error", "The emulator failed; see log");
}
