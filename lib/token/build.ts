import { ChatTokenBuilder } from "agora-token";
import { z } from "zod";

import { AppError } from "../errors";

/** Agora caps every AccessToken2 lifetime at 24 hours. */
export const MAX_TOKEN_TTL_SECONDS = 86_400;

export interface SigningCredentials {
  appId: string;
  appCertificate: string;
}

/** What the official builder needs for one Chat user token. */
export interface UserTokenRequest extends SigningCredentials {
  userId: string;
  ttlSeconds: number;
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
  const request = parseUserTokenRequest(credentials, userId, ttlSeconds);

  const token = ChatTokenBuilder.buildUserToken(
    request.appId,
    request.appCertificate,
    request.userId,
    ttlSeconds,
  );

  return ensureBuilt(token, "user");
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

/** Validates what a user token is built from; throws a 500 AppError. */
export function parseUserTokenRequest(
  credentials: SigningCredentials,
  userId: string,
  ttlSeconds: number,
): UserTokenRequest {
  const { appId, appCertificate } = parseInputs(credentials, ttlSeconds);

  return {
    appId,
    appCertificate,
    userId: parseOrThrow(userIdSchema, userId),
    ttlSeconds,
  };
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

// The builder reports bad input by returning "" instead of throwing (and
// the signing thread answers null if it threw); an empty token must never
// reach a client as if it were one.
export function ensureBuilt(token: string | null, kind: string): string {
  if (token?.startsWith("007") && token.length > 3) return token;

  throw new AppError(
    "token_build_failed",
    500,
    `The Agora token builder returned no ${kind} token`,
  );
}
