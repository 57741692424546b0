"use client";

import { useEffect, useRef } from "react";

import type { LogLevel } from "../chat-client/session";
import type { TimelineEntry } from "../chat-client/use-chat-session";
import { localTime, relativeSeconds } from "./format";

const LEVEL_STYLES: Record<LogLevel, string> = {
  info: "border-slate-300 text-slate-700",
  success: "border-emerald-500 text-emerald-800",
  warning: "border-amber-500 text-amber-800",
  error: "border-rose-500 text-rose-800",
};

/** Every step of the session, timed from the first one, newest last. */
export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  const start = entries[0]?.at ?? 0;
  const list = useRef<HTMLOListElement>(null);

  // The box has a height cap; the newest step is the one to see.
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [entries.length]);

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="mb-3 text-sm font-semibold text-slate-900">Timeline</h2>
      {entries.length === 0 && (
        <p className="text-sm text-slate-500">
          Log in to see the token being fetched, used and renewed.
        </p>
      )}
      <ol
        ref={list}
        data-testid="event-log"
        aria-live="polite"
        className="max-h-[28rem] space-y-1.5 overflow-y-auto text-sm"
      >
        {entries.map((entry) => (
          <li
            key={entry.id}
            data-kind={entry.kind}
            data-level={entry.level}
            data-at={entry.at}
            className={`border-l-2 pl-3 ${LEVEL_STYLES[entry.level]}`}
          >
            <time
              dateTime={new Date(entry.at).toISOString()}
              title={localTime(entry.at)}
              className="mr-2 inline-block w-16 font-mono text-xs text-slate-400"
            >
              {relativeSeconds(entry.at - start)}
            </time>
            {entry.text}
            {entry.explanation && (
              <p className="mt-0.5 text-xs text-slate-600">
                {entry.explanation.meaning} {entry.explanation.advice}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
