"use client";

import { useEffect, useState, useSyncExternalStore } from "react";

import {
  ACCESS_CODE_CHANGED,
  ACCESS_CODE_REFUSED,
  readAccessCode,
  saveAccessCode,
} from "../chat-client/access-code";

function onKeptCodeChange(notify: () => void): () => void {
  window.addEventListener(ACCESS_CODE_CHANGED, notify);

  return () => window.removeEventListener(ACCESS_CODE_CHANGED, notify);
}

const hasKeptCode = () => readAccessCode() !== null;

// The server renders the field; the browser hides it if a code is kept.
const hasKeptCodeOnServer = () => false;

/**
 * Asks for the deployment's access code until one is kept, and again when
 * the server refuses it. `pending` is what was typed, saved on login.
 */
export function useAccessCode(isRequired: boolean) {
  const isKept = useSyncExternalStore(
    onKeptCodeChange,
    hasKeptCode,
    hasKeptCodeOnServer,
  );
  const [wasRefused, setWasRefused] = useState(false);
  const [pending, setPending] = useState("");

  useEffect(() => {
    const onRefused = () => setWasRefused(true);
    window.addEventListener(ACCESS_CODE_REFUSED, onRefused);

    return () => window.removeEventListener(ACCESS_CODE_REFUSED, onRefused);
  }, []);

  function keepPending() {
    if (!isRequired || isKept) return;

    saveAccessCode(pending);
    setWasRefused(false);
  }

  return {
    isAsking: isRequired && !isKept,
    wasRefused,
    pending,
    setPending,
    keepPending,
  };
}

interface Props {
  value: string;
  wasRefused: boolean;
  onChange(value: string): void;
}

/** The access code input, shown only while the page needs one. */
export function AccessCodeField({ value, wasRefused, onChange }: Props) {
  return (
    <label className="block text-sm font-medium text-slate-700">
      Access code
      <input
        type="password"
        value={value}
        onChange={(event) => onChange(event.target.value)}
        required
        autoComplete="off"
        aria-describedby="access-code-help"
        className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-200"
      />
      <span
        id="access-code-help"
        className="mt-1 block text-xs font-normal text-slate-500"
      >
        {wasRefused
          ? "That code was refused; ask whoever runs this deployment."
          : "This deployment wants a code before it hands out tokens. Asked once per tab."}
      </span>
    </label>
  );
}
