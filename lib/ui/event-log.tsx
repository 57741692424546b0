import type { LogEntry } from "../chat-client/use-chat-session";
import type { LogLevel } from "../chat-client/session";

const LEVEL_STYLES: Record<LogLevel, string> = {
  info: "text-slate-700",
  success: "text-emerald-700",
  warning: "text-amber-700",
  error: "text-rose-700 font-medium",
};

/** Every step of the session with its time, newest last. */
export function EventLog({ entries }: { entries: LogEntry[] }) {
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="mb-3 text-sm font-semibold text-slate-900">Event log</h2>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-500">
          Log in to see the token being fetched, used and renewed.
        </p>
      ) : (
        <ol
          data-testid="event-log"
          aria-live="polite"
          className="max-h-[28rem] space-y-1 overflow-y-auto font-mono text-xs"
        >
          {entries.map((entry) => (
            <li
              key={entry.id}
              data-level={entry.level}
              data-at={entry.at}
              className={LEVEL_STYLES[entry.level]}
            >
              <time className="mr-2 text-slate-400">
                {new Date(entry.at).toLocaleTimeString()}
              </time>
              {entry.text}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
