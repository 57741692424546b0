import { isAppError } from "../errors";
import type { SigningCredentials } from "./build";
import { decodeToken, isSignedWith, type ChatPrivilege } from "./decode";

export type TokenRejection =
  | "malformed"
  | "wrong_app"
  | "bad_signature"
  | "missing_privilege"
  | "wrong_user"
  | "expired";

export type TokenCheck =
  | { ok: true; userId: string; expiresAt: number }
  | { ok: false; reason: TokenRejection; message: string };

export interface TokenExpectations {
  credentials: SigningCredentials;
  privilege: ChatPrivilege;
  /** Chat user ids the token may name; any when omitted. */
  acceptedUserIds?: readonly string[];
  /** Unix seconds. */
  now: number;
}

/**
 * Checks a Chat token the way Agora's servers do: signed with the app's
 * certificate, issued for the app, carrying the privilege, naming the
 * expected user, and not expired. `expiresAt` is the earlier of the token's
 * and the privilege's expiry.
 */
export function checkChatToken(
  token: string,
  expected: TokenExpectations,
): TokenCheck {
  const decoded = tryDecode(token);
  if (!decoded) return reject("malformed", "token is not an AccessToken2");

  if (decoded.appId !== expected.credentials.appId) {
    return reject("wrong_app", "token was issued for another App ID");
  }

  if (!isSignedWith(token, expected.credentials.appCertificate)) {
    return reject("bad_signature", "token signature does not match");
  }

  const privilege = decoded.chat?.privileges[expected.privilege];
  if (!decoded.chat || !privilege) {
    return reject(
      "missing_privilege",
      `token lacks the chat ${expected.privilege} privilege`,
    );
  }

  const { userId } = decoded.chat;
  const accepted = expected.acceptedUserIds;
  if (accepted && !accepted.includes(userId)) {
    return reject("wrong_user", "token was issued for another user");
  }

  const expiresAt = Math.min(decoded.expiresAt, privilege.expiresAt);
  if (expiresAt <= expected.now) return reject("expired", "token expired");

  return { ok: true, userId, expiresAt };
}

function tryDecode(token: string) {
  try {
    return decodeToken(token);
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

function reject(reason: TokenRejection, message: string): TokenCheck {
  return { ok: false, reason, message };
}
