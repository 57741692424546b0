import { z } from "zod";

import { nowSeconds } from "../context";
import { illegalArgument, unauthorized } from "./errors";
import { bearerOf, readJsonBody } from "./http";
import { checkAppToken } from "./authorize";
import type { RestCall } from "./router";

const exchangeSchema = z.object({ grant_type: z.literal("agora") });

/** POST /{org}/{app}/token: trades a Chat app token for an access token. */
export async function exchangeAppToken({ request, context }: RestCall) {
  const body = exchangeSchema.safeParse(await readJsonBody(request));
  if (!body.success) {
    throw illegalArgument('grant_type must be "agora"');
  }

  const bearer = bearerOf(request);
  if (!bearer) throw unauthorized("Missing Authorization: Bearer <app token>");

  const check = checkAppToken(bearer, context);
  if (!check.ok)
    throw unauthorized(`Chat app token rejected: ${check.message}`);

  const expireTimestamp = check.expiresAt * 1000;

  return {
    access_token: context.accessTokens.issue(expireTimestamp, context.now()),
    expires_in: check.expiresAt - nowSeconds(context),
    expire_timestamp: expireTimestamp,
  };
}
