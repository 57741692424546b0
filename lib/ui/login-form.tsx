"use client";

import { useState, type FormEvent } from "react";

import { AccessCodeField, useAccessCode } from "./access-code-field";

const LIFETIME_CHOICES = [10, 30, 60, 300, 3_600, 86_400];
const DEFAULT_LIFETIME = 30;

interface Props {
  maxTokenTtlSeconds: number;
  isAccessCodeRequired: boolean;
  isSignedIn: boolean;
  isBusy: boolean;
  onLogin(user: string, ttlSeconds: number): void;
  onLogout(): void;
  /** The pointer or focus reached the form: a login is likely to follow. */
  onIntent(): void;
}

/** Who logs in, with a token of which lifetime. */
export function LoginForm(props: Props) {
  const { maxTokenTtlSeconds, isSignedIn, isBusy } = props;
  const lifetimes = lifetimeChoices(maxTokenTtlSeconds);
  const [user, setUser] = useState("");
  const [ttlSeconds, setTtlSeconds] = useState(
    Math.min(DEFAULT_LIFETIME, maxTokenTtlSeconds),
  );
  const accessCode = useAccessCode(props.isAccessCodeRequired);

  function submit(event: FormEvent) {
    event.preventDefault();
    accessCode.keepPending();
    props.onLogin(user.trim(), ttlSeconds);
  }

  return (
    <form
      onSubmit={submit}
      onFocus={props.onIntent}
      onPointerEnter={props.onIntent}
      className="space-y-4"
    >
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
          className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-200"
        >
          {lifetimes.map((seconds) => (
            <option key={seconds} value={seconds}>
              {formatLifetime(seconds)}
            </option>
          ))}
        </select>
      </label>
      {accessCode.isAsking && (
        <AccessCodeField
          value={accessCode.pending}
          wasRefused={accessCode.wasRefused}
          onChange={accessCode.setPending}
        />
      )}
      <div className="flex gap-3">
        <button
          type="submit"
          disabled={isBusy || !user.trim()}
          className="rounded-md bg-sky-600 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-300 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Login
        </button>
        <button
          type="button"
          onClick={props.onLogout}
          disabled={!isSignedIn}
          className="rounded-md border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-300 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Logout
        </button>
      </div>
    </form>
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
