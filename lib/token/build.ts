import { ChatTokenBuilder } from "agora-token";
import { z } from "zod";

import { AppError } from "../errors";
import { decodeToken } from "./decode";

/** Agora caps every AccessToken2 lifetime at 24 hours. */
export const MAX_TOKEN_TTL_SECONDS = 86_400;

export interface SigningCredentials {
  appId: string;
  appCertificate: string;
}

const hex32 = (what: string) =>
  z
    .string()
    .regex(/^[0-9a-fA-F]{32}$/, `${what} must be 32 hexadecimal characters`);

const credentialsSchema = z.object({
  appId: hex32("App ID"),
  appCertificate: hex32("App Certificate"),
});

export const ttlSecondsSchema = z
  .number({ error: "token lifetime must be a number of seconds" })
  .int("token lifetime must be a whole number of seconds")
  .min(1, "token lifetime must be at least 1 second")
  .max(
    MAX_TOKEN_TTL_SECONDS,
    `token lifetime must be at most ${MAX_TOKEN_TTL_SECONDS} seconds (24 h)`,
  );

const userIdSchema = z
  .string()
  .min(1, "chat user id must not be empty")
  .max(255, "chat user id must be at most 255 characters");

/**
 * Signs a Chat user token (AccessToken2, `007…`) granting the chat user
 * privilege to `userId` (the user's UUID, or the username in Agora's newer
 * flow) for `ttlSeconds`.
 */
export function buildChatUserToken(
  credentials: SigningCredentials,
  userId: string,
  ttlSeconds: number,
): string {
  const { appId, appCertificate } = parseInputs(credentials, ttlSeconds);
  const user = parseOrThrow(userIdSchema, userId);

  const token = ChatTokenBuilder.buildUserToken(
    appId,
    appCertificate,
    user,
    ttlSeconds,
  );

  return ensureBuilt(token, "user");
}

/** A user token and the times it carries, in Unix seconds. */
export interface SignedUserToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * Signs a user token like buildChatUserToken and says when it was issued,
 * without decoding it: the builder stamps the current second, so when the
 * clock shows the same second before and after, that second is it.
 */
export function signChatUserToken(
  credentials: SigningCredentials,
  userId: string,
  ttlSeconds: number,
): SignedUserToken {
  const before = Math.floor(Date.now() / 1000);
  const token = buildChatUserToken(credentials, userId, ttlSeconds);
  const after = Math.floor(Date.now() / 1000);

  const issuedAt = before === after ? before : decodeToken(token).issuedAt;

  return { token, issuedAt, expiresAt: issuedAt + ttlSeconds };
}

/** Signs a Chat app token, the credential a server shows Agora's REST API. */
export function buildChatAppToken(
  credentials: SigningCredentials,
  ttlSeconds: number,
): string {
  const { appId, appCertificate } = parseInputs(credentials, ttlSeconds);

  const token = ChatTokenBuilder.buildAppToken(
    appId,
    appCertificate,
    ttlSeconds,
  );

  return ensureBuilt(token, "app");
}

function parseInputs(credentials: SigningCredentials, ttlSeconds: number) {
  parseOrThrow(ttlSecondsSchema, ttlSeconds);

  return parseOrThrow(credentialsSchema, credentials);
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  const reason = result.error.issues.map((issue) => issue.message).join("; ");
  throw new AppError(
    "token_input_invalid",
    500,
    `Cannot sign token: ${reason}`,
  );
}

// The builder reports bad input by returning "" instead of throwing; an
// empty token must never reach a client as if it were one.
function ensureBuilt(token: string, kind: string): string {
  if (token.startsWith("007") && token.length > 3) return token;

  throw new AppError(
    "token_build_failed",
    500,
    `The Agora token builder returned no ${kind} token`,
  );
}
