"use client";

import { useNow } from "./use-now";

/** The token's expiry as a clock time with a live countdown. */
export function TokenExpiry({ expiresAt }: { expiresAt: number | null }) {
  const now = useNow(1_000);
  if (expiresAt === null) {
    return <span className="text-slate-400">no token</span>;
  }

  const secondsLeft = Math.max(0, Math.round((expiresAt - now) / 1_000));

  return (
    <span
      data-testid="token-expiry"
      data-expires-at={expiresAt}
      className="font-mono"
    >
      {new Date(expiresAt).toLocaleTimeString()} (in {secondsLeft} s)
    </span>
  );
}
