import { checkChatToken } from "../../lib/token";
import { nowSeconds } from "../context";
import { isoTime, logValue } from "../log";
import { unauthorized } from "./errors";
import { bearerOf } from "./http";
import type { RestCall } from "./router";

/**
 * GET /{org}/{app}/sdk/users/{username}/token/expires, the SDK's
 * renewToken: checks the new user token and moves the expiry of the user's
 * live sessions to it. Any failure is a 401, which the SDK reports as 17.
 */
export function renewUserToken({ request, params, context }: RestCall) {
  const username = params.username ?? "";
  const rejectRenewal = (reason: string) => {
    context.log(`reject renew user=${logValue(username)} reason=${reason}`);
    return unauthorized(`Cannot renew the token of ${username}: ${reason}`);
  };

  const bearer = bearerOf(request);
  if (!bearer) throw rejectRenewal("missing bearer");

  const user = context.users.find(username);
  if (!user) throw rejectRenewal("user not found");

  const check = checkChatToken(bearer, {
    credentials: context.app,
    privilege: "user",
    acceptedUserIds: [user.uuid, user.username],
    now: nowSeconds(context),
  });
  if (!check.ok) throw rejectRenewal(check.reason);
  if (context.expiredTokens.has(bearer)) {
    throw rejectRenewal("expired_by_control");
  }

  const expireTimestamp = check.expiresAt * 1000;
  for (const session of context.sessions.forUser(username)) {
    session.expiresAt = expireTimestamp;
    session.token = bearer;
  }

  context.log(`renew user=${username} expires=${isoTime(expireTimestamp)}`);

  return { expire_timestamp: expireTimestamp };
}
