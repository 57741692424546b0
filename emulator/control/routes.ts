import { z } from "zod";

import { resetContext, type EmulatorContext } from "../context";
import { logValue } from "../log";
import { StatisticsOperation } from "../protocol";
import { RestError, illegalArgument } from "../rest/errors";
import { readJsonBody } from "../rest/http";
import type { RestCall, Route } from "../rest/router";
import { faultSchema } from "./faults";

// The SDK turns operations 1/2/3/4 into errors 207/206/216/217.
const KICK_OPERATIONS = {
  removed: StatisticsOperation.USER_REMOVED,
  login_another_device: StatisticsOperation.USER_LOGIN_ANOTHER_DEVICE,
  password_changed: StatisticsOperation.USER_KICKED_BY_CHANGE_PASSWORD,
  other_device: StatisticsOperation.USER_KICKED_BY_OTHER_DEVICE,
} as const;

type KickReason = keyof typeof KICK_OPERATIONS;

const KICK_REASONS = Object.keys(KICK_OPERATIONS) as KickReason[];

const kickSchema = z.object({
  reason: z.enum(KICK_REASONS, {
    error: `reason must be one of ${KICK_REASONS.join(", ")}`,
  }),
});

const TEN_YEARS_MS = 10 * 365 * 24 * 3600 * 1000;

const clockSchema = z.object({
  shiftMs: z
    .number({ error: "shiftMs must be a number of milliseconds" })
    .int("shiftMs must be a whole number of milliseconds")
    .min(-TEN_YEARS_MS, "shiftMs must be within ten years")
    .max(TEN_YEARS_MS, "shiftMs must be within ten years"),
});

/** The test-only API under /_emulator; served only when enabled. */
export const CONTROL_ROUTES: readonly Route[] = [
  { method: "POST", path: "/_emulator/reset", handler: reset },
  { method: "GET", path: "/_emulator/users", handler: listUsers },
  { method: "GET", path: "/_emulator/sessions", handler: listSessions },
  { method: "POST", path: "/_emulator/users/:name/kick", handler: kickUser },
  {
    method: "POST",
    path: "/_emulator/sessions/:name/drop",
    handler: dropSessions,
  },
  {
    method: "POST",
    path: "/_emulator/sessions/:name/expire",
    handler: expireSessions,
  },
  { method: "POST", path: "/_emulator/clock", handler: shiftClock },
  { method: "POST", path: "/_emulator/faults", handler: addFault },
  { method: "DELETE", path: "/_emulator/faults", handler: clearFaults },
  { method: "GET", path: "/_emulator/calls", handler: countCalls },
];

function reset({ context }: RestCall) {
  resetContext(context);
  context.log("control reset");

  return { ok: true };
}

function listUsers({ context }: RestCall) {
  const users = context.users.list().map(({ username, uuid, created }) => {
    return { username, uuid, created };
  });

  return { users };
}

function listSessions({ context }: RestCall) {
  const sessions = context.sessions.all().map((session) => {
    const { username, resource, expiresAt } = session;
    return { username, resource, expiresAt };
  });

  return { sessions };
}

async function kickUser({ request, params, context }: RestCall) {
  const { reason } = await readBody(request, kickSchema);
  const username = params.name ?? "";
  if (!context.users.has(username)) throw noSuchUser(username);

  const sessions = context.sessions.forUser(username);
  for (const session of sessions) session.kick(KICK_OPERATIONS[reason]);

  if (reason === "removed") {
    context.users.remove(username);
    context.mailbox.forget(username);
  }
  context.log(
    `control kick user=${username} reason=${reason} sessions=${sessions.length}`,
  );

  return { ok: true, sessions: sessions.length };
}

function dropSessions({ params, context }: RestCall) {
  const username = params.name ?? "";
  const sessions = liveSessionsOf(username, context);
  for (const session of sessions) session.drop();

  context.log(`control drop user=${username} sessions=${sessions.length}`);

  return { ok: true, sessions: sessions.length };
}

function expireSessions({ params, context }: RestCall) {
  const username = params.name ?? "";
  const sessions = liveSessionsOf(username, context);
  for (const session of sessions) session.expireNow();

  context.log(`control expire user=${username} sessions=${sessions.length}`);

  return { ok: true, sessions: sessions.length };
}

async function shiftClock({ request, context }: RestCall) {
  const { shiftMs } = await readBody(request, clockSchema);
  context.clock.shiftMs = shiftMs;
  context.log(`control clock shift=${shiftMs}ms`);

  return { ok: true, shiftMs, now: context.now() };
}

async function addFault({ request, context }: RestCall) {
  const fault = await readBody(request, faultSchema);
  const queued = context.faults.add(fault);
  context.log(
    `control fault endpoint=${fault.endpoint} count=${fault.count} status=${fault.status ?? "-"} delayMs=${fault.delayMs}`,
  );

  return { ok: true, endpoint: fault.endpoint, queued };
}

function clearFaults({ context }: RestCall) {
  context.faults.clear();

  return { ok: true };
}

function countCalls({ context }: RestCall) {
  return { calls: context.calls.snapshot() };
}

async function readBody<S extends z.ZodType>(
  request: RestCall["request"],
  schema: S,
): Promise<z.output<S>> {
  const result = schema.safeParse(await readJsonBody(request));
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => {
    const field = issue.path.join(".") || "body";
    return `${field}: ${issue.message}`;
  });
  throw illegalArgument(issues.join("; "));
}

function liveSessionsOf(username: string, context: EmulatorContext) {
  const sessions = context.sessions.forUser(username);
  if (sessions.length > 0) return sessions;

  throw new RestError(
    404,
    "service_resource_not_found",
    `No live session for ${JSON.stringify(logValue(username))}`,
  );
}

function noSuchUser(username: string): RestError {
  return new RestError(
    404,
    "service_resource_not_found",
    `No user named ${JSON.stringify(logValue(username))}`,
  );
}
