import "server-only";

export interface TokenRequestRecord {
  /** The validated username, or null when the request had none. */
  user: string | null;
  /** "issued", or the error code the request failed with. */
  outcome: string;
  status: number;
  upstreamCalls: number;
  durationMs: number;
}

/**
 * One JSON line per token request, for log search. It holds no token, no
 * access code and no certificate: only what the record type names.
 */
export function logTokenRequest(record: TokenRequestRecord): void {
  const line = JSON.stringify({
    event: "token_request",
    ...record,
    durationMs: Math.round(record.durationMs * 10) / 10,
  });

  if (record.status >= 500) console.error(line);
  else console.log(line);
}
