"use client";

import type { ClockOffset } from "../chat-client/clock";
import { layoutLifetimes, type SpanLayout } from "../chat-client/lifetime";
import type { SessionToken } from "../chat-client/session";
import { localTime } from "./format";
import { useNow } from "./use-now";

interface Props {
  tokens: SessionToken[];
  clock: ClockOffset | null;
}

/**
 * Each token from issue to expiry on one time axis, with the 80 % warning
 * mark, the moment it was renewed and a countdown, all on the server's
 * clock so a wrong browser clock does not distort them.
 */
export function TokenLifetime({ tokens, clock }: Props) {
  const now = useNow(250) + (clock?.offsetMs ?? 0);
  const current = tokens.at(-1);

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 className="text-sm font-semibold text-slate-900">
          Tokens, issue to expiry
        </h2>
        {current ? (
          <Countdown token={current} now={now} />
        ) : (
          <span className="text-sm text-slate-400">no token</span>
        )}
      </div>
      <LifetimeBars tokens={tokens} now={now} />
      {clock && <ClockNote clock={clock} />}
    </section>
  );
}

function Countdown({ token, now }: { token: SessionToken; now: number }) {
  const secondsLeft = Math.max(0, Math.round((token.expiresAt - now) / 1_000));
  const warnIn = Math.round((token.willExpireAt - now) / 1_000);

  return (
    <p className="text-right text-sm">
      <span
        data-testid="token-expiry"
        data-expires-at={token.expiresAt}
        className="font-mono font-semibold"
      >
        expires {localTime(token.expiresAt)} (in {secondsLeft} s)
      </span>
      <span className="block text-xs text-slate-500">
        {warnIn > 0 ? `will-expire warning in ${warnIn} s` : "warning passed"}
      </span>
    </p>
  );
}

function LifetimeBars({
  tokens,
  now,
}: {
  tokens: SessionToken[];
  now: number;
}) {
  const layout = layoutLifetimes(tokens, now);
  if (layout.rows.length === 0) {
    return (
      <p className="text-sm text-slate-500">
        Log in to draw the token&apos;s life, its warning and its renewal.
      </p>
    );
  }

  const byId = new Map(tokens.map((token) => [token.id, token]));

  return (
    <div className="space-y-3">
      <div className="relative">
        <ol className="space-y-2" data-testid="token-lifetimes">
          {layout.rows.map((row) => (
            <LifetimeRow key={row.id} row={row} token={byId.get(row.id)!} />
          ))}
        </ol>
        {layout.nowPct !== null && (
          <div
            aria-hidden
            className="pointer-events-none absolute inset-y-0 w-px bg-slate-900"
            style={{ left: `${layout.nowPct}%` }}
          />
        )}
      </div>
      <Legend />
    </div>
  );
}

function LifetimeRow({ row, token }: { row: SpanLayout; token: SessionToken }) {
  const renewal = token.renewedAt
    ? `, renewed at ${localTime(token.renewedAt)}`
    : "";

  return (
    <li
      data-testid="token-span"
      data-expires-at={token.expiresAt}
      data-renewed-at={token.renewedAt ?? undefined}
    >
      <span className="sr-only">
        Token {token.id}: issued {localTime(token.issuedAt)}, warning at{" "}
        {localTime(token.willExpireAt)}, expires {localTime(token.expiresAt)}
        {renewal}
      </span>
      <div aria-hidden className="relative h-6 rounded bg-slate-100">
        <div
          className="absolute inset-y-0 overflow-hidden rounded bg-sky-200"
          style={{ left: `${row.startPct}%`, width: `${row.widthPct}%` }}
        >
          <div
            className="h-full bg-sky-500"
            style={{ width: `${row.elapsedPct}%` }}
          />
        </div>
        <Mark pct={row.willExpirePct} className="bg-amber-500" />
        {row.renewedPct !== null && (
          <Mark pct={row.renewedPct} className="w-1 bg-emerald-600" />
        )}
        <span className="absolute inset-y-0 left-1 flex items-center font-mono text-[10px] text-slate-700">
          #{token.id}
        </span>
      </div>
    </li>
  );
}

function Mark({ pct, className }: { pct: number; className: string }) {
  return (
    <div
      className={`absolute -inset-y-1 w-0.5 ${className}`}
      style={{ left: `${pct}%` }}
    />
  );
}

function Legend() {
  return (
    <ul
      aria-hidden
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600"
    >
      <li>
        <span className="mr-1 inline-block h-2 w-3 rounded-sm bg-sky-500" />
        life used
      </li>
      <li>
        <span className="mr-1 inline-block h-3 w-0.5 bg-amber-500" />
        will-expire (80 %)
      </li>
      <li>
        <span className="mr-1 inline-block h-3 w-1 bg-emerald-600" />
        renewed
      </li>
      <li>
        <span className="mr-1 inline-block h-3 w-px bg-slate-900" />
        now
      </li>
    </ul>
  );
}

function ClockNote({ clock }: { clock: ClockOffset }) {
  const seconds = Math.abs(clock.offsetMs / 1_000).toFixed(1);
  const direction = clock.offsetMs > 0 ? "behind" : "ahead of";

  return (
    <p data-testid="clock-offset" className="text-xs text-slate-500">
      This browser&apos;s clock is {seconds} s {direction} the server&apos;s
      (measured over a {Math.round(clock.roundTripMs)} ms round trip); the times
      here are corrected for it.
    </p>
  );
}
