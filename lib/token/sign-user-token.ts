// Kept out of lib/token/index.ts: the signing thread's worker is found
// through import.meta.url, which the CommonJS that Playwright compiles test
// files to cannot load, and the tests only need the synchronous builder.
import {
  ensureBuilt,
  parseUserTokenRequest,
  type SigningCredentials,
} from "./build";
import { decodeToken } from "./decode";
import { getSigningThread } from "./signing-thread";

/** A user token and the times it carries, in Unix seconds. */
export interface SignedUserToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
}

/**
 * Signs a user token like buildChatUserToken, on the signing thread, and
 * says when it was issued without decoding it: the builder stamps the
 * current second, so when the clock shows the same second before and after,
 * that second is it.
 */
export async function signChatUserToken(
  credentials: SigningCredentials,
  userId: string,
  ttlSeconds: number,
): Promise<SignedUserToken> {
  const request = parseUserTokenRequest(credentials, userId, ttlSeconds);

  const before = Math.floor(Date.now() / 1000);
  const token = ensureBuilt(await getSigningThread().build(request), "user");
  const after = Math.floor(Date.now() / 1000);

  const issuedAt = before === after ? before : decodeToken(token).issuedAt;

  return { token, issuedAt, expiresAt: issuedAt + ttlSeconds };
}
