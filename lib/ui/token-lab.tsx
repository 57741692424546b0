"use client";

import { useState, type FormEvent } from "react";

import { useChatSession } from "../chat-client/use-chat-session";
import type { PublicChatConfig } from "../public-config";
import { ConnectionBadge } from "./connection-badge";
import { EventLog } from "./event-log";
import { TokenExpiry } from "./token-expiry";

const LIFETIME_CHOICES = [10, 30, 60, 300, 3_600, 86_400];
const DEFAULT_LIFETIME = 30;

/** The page's one interactive piece: log in, watch the token, log out. */
export function TokenLab({ config }: { config: PublicChatConfig }) {
  const chat = useChatSession(config);
  const lifetimes = lifetimeChoices(config.maxTokenTtlSeconds);
  const [user, setUser] = useState("");
  const [ttlSeconds, setTtlSeconds] = useState(
    Math.min(DEFAULT_LIFETIME, config.maxTokenTtlSeconds),
  );
  const isSignedIn = !["signed-out", "failed"].includes(chat.state);

  function submit(event: FormEvent) {
    event.preventDefault();
    void chat.login(user.trim(), ttlSeconds);
  }

  return (
    <div className="grid gap-6 md:grid-cols-[minmax(0,22rem)_1fr]">
      <section className="space-y-5 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <form onSubmit={submit} className="space-y-4">
          <label className="block text-sm font-medium text-slate-700">
            Username
            <input
              value={user}
              onChange={(event) => setUser(event.target.value)}
              placeholder="alice"
              required
              autoComplete="off"
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-200"
            />
          </label>
          <label className="block text-sm font-medium text-slate-700">
            Token lifetime
            <select
              value={ttlSeconds}
              onChange={(event) => setTtlSeconds(Number(event.target.value))}
              className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
            >
              {lifetimes.map((seconds) => (
                <option key={seconds} value={seconds}>
                  {formatLifetime(seconds)}
                </option>
              ))}
            </select>
          </label>
          <div className="flex gap-3">
            <button
              type="submit"
              disabled={chat.isFetchingToken || !user.trim()}
              className="rounded-md bg-sky-600 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-700 disabled:cursor-not-allowed disabled:opacity-50"
            >
              Login
            </button>
            <button
              type="button"
              onClick={chat.logout}
              disabled={!isSignedIn}
              className="rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
            >
              Logout
            </button>
          </div>
        </form>
        <dl className="space-y-3 text-sm">
          <div className="flex items-center justify-between">
            <dt className="text-slate-500">Connection</dt>
            <dd>
              <ConnectionBadge state={chat.state} />
            </dd>
          </div>
          <div className="flex items-center justify-between">
            <dt className="text-slate-500">Token expires</dt>
            <dd>
              <TokenExpiry expiresAt={chat.tokenExpiresAt} />
            </dd>
          </div>
        </dl>
      </section>
      <EventLog entries={chat.log} />
    </div>
  );
}

function lifetimeChoices(max: number): number[] {
  const choices = LIFETIME_CHOICES.filter((seconds) => seconds < max);

  return [...choices, max];
}

function formatLifetime(seconds: number): string {
  if (seconds % 3_600 === 0) return `${seconds / 3_600} h`;
  if (seconds % 60 === 0) return `${seconds / 60} min`;

  return `${seconds} s`;
}
