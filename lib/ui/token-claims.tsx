import type { SessionToken } from "../chat-client/session";
import { localDateTime } from "./format";

/** What the token in use says about itself, decoded by the server. */
export function TokenClaims({ token }: { token: SessionToken | undefined }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="mb-3 text-sm font-semibold text-slate-900">
        Decoded token
      </h2>
      {token ? (
        <dl data-testid="token-claims" className="space-y-2 text-sm">
          <Claim term="App ID" value={token.claims.appId} />
          <Claim term="Chat user ID" value={token.claims.chatUserId} />
          <Claim term="Privileges" value={token.claims.privileges.join(", ")} />
          <Claim term="Issued" value={localDateTime(token.issuedAt)} />
          <Claim term="Expires" value={localDateTime(token.expiresAt)} />
        </dl>
      ) : (
        <p className="text-sm text-slate-500">No token yet.</p>
      )}
    </section>
  );
}

function Claim({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{term}</dt>
      <dd className="break-all font-mono text-xs text-slate-900">{value}</dd>
    </div>
  );
}
