import type { z } from "zod";

import { checkChatToken } from "../../lib/token";
import { nowSeconds, type EmulatorContext } from "../context";
import { ErrorCode, type Status } from "../protocol";
import type { ChatUser } from "../users";
import {
  authTokenJsonSchema,
  type loginGuidSchema,
  type provisionRequestSchema,
} from "./schemas";

// The SDK maps a FAIL status to an error by these exact reason texts:
// 56 WEBIM_TOKEN_EXPIRED, 28 INVALID_TOKEN and 204 USER_NOT_FOUND.
export const LOGIN_FAILURE_REASONS = {
  expired: "Sorry, token expired",
  mismatch: "Sorry, token or password does not match login info",
  userNotFound: "Sorry, user not found",
} as const;

const TOKEN_PREFIX = "$t$";

export interface LoginRequest {
  guid: z.output<typeof loginGuidSchema>;
  /** MSync.auth: `$t$<token>`. */
  auth?: string;
  provision: z.output<typeof provisionRequestSchema>;
}

export type LoginOutcome =
  | {
      ok: true;
      user: ChatUser;
      resource: string;
      token: string;
      expiresAt: number;
    }
  | { ok: false; status: Status; logReason: string };

/** Decides a PROVISION: who logs in, until when, or why not. */
export function checkLogin(
  request: LoginRequest,
  context: EmulatorContext,
): LoginOutcome {
  const { appKey, name } = request.guid;
  if (appKey !== context.app.appKey) {
    const reason = `appKey ${appKey} is not served here; use ${context.app.appKey}`;
    return refuse(ErrorCode.UNAUTHORIZED, reason, "wrong_app_key");
  }

  const token = tokenOf(request);
  if (!token) return fail(LOGIN_FAILURE_REASONS.mismatch, "no_token");

  const check = checkChatToken(token, {
    credentials: context.app,
    privilege: "user",
    now: nowSeconds(context),
  });
  if (!check.ok && check.reason === "expired") {
    return fail(LOGIN_FAILURE_REASONS.expired, "expired");
  }
  if (context.expiredTokens.has(token)) {
    return fail(LOGIN_FAILURE_REASONS.expired, "expired_by_control");
  }
  if (!check.ok) return fail(LOGIN_FAILURE_REASONS.mismatch, check.reason);

  const user = context.users.find(name);
  if (!user) return fail(LOGIN_FAILURE_REASONS.userNotFound, "user_not_found");

  // Older Agora flows sign for the user's UUID, newer ones for the name.
  if (check.userId !== user.uuid && check.userId !== user.username) {
    return fail(LOGIN_FAILURE_REASONS.mismatch, "wrong_user");
  }

  const resource = request.provision.resource || `webim_${context.now()}`;

  const expiresAt = check.expiresAt * 1000;

  return { ok: true, user, resource, token, expiresAt };
}

// The SDK sends the token twice: in MSync.auth and inside the Provision's
// authToken JSON. Either is enough.
function tokenOf(request: LoginRequest): string | null {
  if (request.auth?.startsWith(TOKEN_PREFIX)) {
    return request.auth.slice(TOKEN_PREFIX.length);
  }

  const fromJson = authTokenJsonSchema.safeParse(
    parseJsonOrNull(request.provision.authToken),
  );
  if (!fromJson.success) return null;

  const { token } = fromJson.data;
  return token.startsWith(TOKEN_PREFIX)
    ? token.slice(TOKEN_PREFIX.length)
    : token;
}

function parseJsonOrNull(text: string | undefined): unknown {
  if (!text) return null;

  try {
    return JSON.parse(text);
  } catch (error) {
    // Not JSON means no token there; the login is refused as a mismatch.
    if (error instanceof SyntaxError) return null;
    throw error;
  }
}

function fail(reason: string, logReason: string): LoginOutcome {
  return refuse(ErrorCode.FAIL, reason, logReason);
}

function refuse(
  errorCode: number,
  reason: string,
  logReason: string,
): LoginOutcome {
  return { ok: false, status: { errorCode, reason }, logReason };
}
