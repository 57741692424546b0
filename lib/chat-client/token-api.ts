// zod/mini validates the same way with a fraction of the bundle, which
// matters here: this module is part of the page's first load.
import { z } from "zod/mini";

import { ACCESS_CODE_HEADER } from "../public-config";
import { readAccessCode, refuseAccessCode } from "./access-code";
import { measureClockOffset, type ClockOffset } from "./clock";

// The token route's JSON answer, checked before the SDK ever sees it.
const grantSchema = z.object({
  token: z.string().check(z.startsWith("007")),
  user: z.string(),
  uuid: z.string(),
  issuedAt: z.number(),
  expiresAt: z.number(),
  ttlSeconds: z.number(),
  serverTime: z.number(),
  claims: z.object({
    appId: z.string(),
    chatUserId: z.string(),
    privileges: z.array(z.string()),
  }),
});

export type TokenGrant = z.infer<typeof grantSchema>;

/** A token and how this browser's clock compared with the server's. */
export interface TimedGrant {
  grant: TokenGrant;
  clock: ClockOffset;
}

const errorSchema = z.object({ error: z.string(), message: z.string() });

/** Asks this app's server for a Chat user token, timing the round trip. */
export async function fetchUserToken(
  user: string,
  ttlSeconds: number,
): Promise<TimedGrant> {
  const url = `/api/chat/user/${encodeURIComponent(user)}/token?ttl=${ttlSeconds}`;
  const sentAt = Date.now();
  const response = await fetch(url, {
    headers: requestHeaders(),
    cache: "no-store",
  });
  const receivedAt = Date.now();
  const body: unknown = await response.json().catch(() => null);

  if (!response.ok) {
    const error = errorSchema.safeParse(body);
    const reason = error.success ? error.data.message : "no error details";
    if (error.success && error.data.error.startsWith("access_code")) {
      refuseAccessCode();
    }
    throw new Error(
      `token request failed with HTTP ${response.status}: ${reason}`,
    );
  }

  const grant = grantSchema.safeParse(body);
  if (!grant.success)
    throw new Error("token route answered an unexpected body");

  const { serverTime } = grant.data;
  const clock = measureClockOffset({ sentAt, receivedAt, serverTime });

  return { grant: grant.data, clock };
}

function requestHeaders(): Record<string, string> {
  const accessCode = readAccessCode();
  const headers: Record<string, string> = { Accept: "application/json" };
  if (accessCode) headers[ACCESS_CODE_HEADER] = accessCode;

  return headers;
}
