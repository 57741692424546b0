import type { IncomingMessage } from "node:http";

import { checkChatToken, type TokenCheck } from "../../lib/token";
import { nowSeconds, type EmulatorContext } from "../context";
import { unauthorized } from "./errors";
import { bearerOf } from "./http";

/** Checks a Chat app token against the emulated app's credentials. */
export function checkAppToken(
  token: string,
  context: EmulatorContext,
): TokenCheck {
  return checkChatToken(token, {
    credentials: context.app,
    privilege: "app",
    now: nowSeconds(context),
  });
}

/**
 * Lets a call through when its Bearer is an exchanged access token that is
 * still live, or (Agora's newer flow) a valid Chat app token itself.
 */
export function requireAppBearer(
  request: IncomingMessage,
  context: EmulatorContext,
): void {
  const bearer = bearerOf(request);
  if (!bearer) throw unauthorized("Missing Authorization: Bearer <token>");

  if (context.accessTokens.isLive(bearer, context.now())) return;

  const check = checkAppToken(bearer, context);
  if (check.ok) return;

  throw unauthorized(
    "Bearer is neither a live access token nor a valid Chat app token",
  );
}
