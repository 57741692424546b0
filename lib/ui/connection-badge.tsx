import type { SessionState } from "../chat-client/session";

const STYLES: Record<SessionState, string> = {
  "signed-out": "bg-slate-100 text-slate-700",
  connecting: "bg-sky-100 text-sky-800",
  connected: "bg-emerald-100 text-emerald-800",
  renewing: "bg-amber-100 text-amber-800",
  reconnecting: "bg-amber-100 text-amber-800",
  expired: "bg-orange-100 text-orange-800",
  disconnected: "bg-slate-200 text-slate-800",
  failed: "bg-rose-100 text-rose-800",
};

/** The session state as a coloured pill, announced when it changes. */
export function ConnectionBadge({ state }: { state: SessionState }) {
  return (
    <span
      data-testid="connection-state"
      role="status"
      className={`rounded-full px-3 py-1 text-xs font-semibold ${STYLES[state]}`}
    >
      {state}
    </span>
  );
}
