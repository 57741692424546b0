import type { TimelineEntry } from "../chat-client/use-chat-session";

/**
 * The latest error, with what it means and what to do, until the session
 * succeeds at something again. Announced to screen readers at once.
 */
export function ErrorNotice({ entries }: { entries: TimelineEntry[] }) {
  const latest = [...entries].reverse().find((entry) => entry.level !== "info");
  const error = latest?.level === "error" ? latest : undefined;

  return (
    <div role="alert" aria-live="assertive" data-testid="error-notice">
      {error && (
        <div className="rounded-md border border-rose-200 bg-rose-50 px-4 py-3 text-sm text-rose-900">
          <p className="font-semibold">{error.text}</p>
          {error.explanation && (
            <p className="mt-1">
              {error.explanation.meaning}{" "}
              <span className="font-medium">{error.explanation.advice}</span>
            </p>
          )}
        </div>
      )}
    </div>
  );
}
