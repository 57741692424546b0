import { z } from "zod";

// The token route's JSON answer, checked before the SDK ever sees it.
const grantSchema = z.object({
  token: z.string().startsWith("007"),
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

const errorSchema = z.object({ error: z.string(), message: z.string() });

/** Asks this app's server for a Chat user token. */
export async function fetchUserToken(
  user: string,
  ttlSeconds: number,
): Promise<TokenGrant> {
  const url = `/api/chat/user/${encodeURIComponent(user)}/token?ttl=${ttlSeconds}`;
  const response = await fetch(url, {
    headers: { Accept: "application/json" },
    cache: "no-store",
  });
  const body: unknown = await response.json().catch(() => null);

  if (!response.ok) {
    const error = errorSchema.safeParse(body);
    const reason = error.success ? error.data.message : "no error details";
    throw new Error(
      `token request failed with HTTP ${response.status}: ${reason}`,
    );
  }

  const grant = grantSchema.safeParse(body);
  if (!grant.success)
    throw new Error("token route answered an unexpected body");

  return grant.data;
}
