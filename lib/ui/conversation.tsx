"use client";

import { useState, type FormEvent } from "react";

import type { ChatMessage } from "../chat-client/session";
import { localTime } from "./format";

interface Props {
  messages: ChatMessage[];
  canSend: boolean;
  isSending: boolean;
  onSend(to: string, text: string): Promise<boolean>;
}

/** One-to-one text with another user, sent and received in one list. */
export function Conversation({ messages, canSend, isSending, onSend }: Props) {
  const [to, setTo] = useState("");
  const [text, setText] = useState("");
  const isReady = canSend && !isSending && to.trim() !== "" && text !== "";

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!isReady) return;

    if (await onSend(to.trim(), text)) setText("");
  }

  return (
    <section className="space-y-4 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-sm font-semibold text-slate-900">Conversation</h2>
      <form
        onSubmit={submit}
        className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end"
      >
        <label className="block text-sm font-medium text-slate-700">
          Recipient
          <input
            value={to}
            onChange={(event) => setTo(event.target.value)}
            placeholder="bob"
            autoComplete="off"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-200"
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Message
          <input
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="hi"
            autoComplete="off"
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-200"
          />
        </label>
        <button
          type="submit"
          disabled={!isReady}
          className="rounded-md bg-sky-600 px-4 py-2 text-sm font-semibold text-white hover:bg-sky-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-300 disabled:cursor-not-allowed disabled:opacity-50"
        >
          Send
        </button>
      </form>
      <MessageList messages={messages} />
    </section>
  );
}

function MessageList({ messages }: { messages: ChatMessage[] }) {
  return (
    <ol
      data-testid="messages"
      aria-live="polite"
      className="max-h-64 space-y-2 overflow-y-auto"
    >
      {messages.length === 0 && (
        <li className="text-sm text-slate-500">
          No messages yet. Open a second window, log in as another user and
          write to each other.
        </li>
      )}
      {messages.map((message) => (
        <li
          key={`${message.direction}-${message.id}`}
          data-direction={message.direction}
          className={`max-w-[85%] rounded-lg px-3 py-2 text-sm ${
            message.direction === "sent"
              ? "ml-auto bg-sky-600 text-white"
              : "bg-slate-100 text-slate-900"
          }`}
        >
          <p className="text-[11px] opacity-75">
            {message.direction === "sent"
              ? `to ${message.to}`
              : `from ${message.from}`}{" "}
            · {localTime(message.at)}
          </p>
          <p className="break-words">{message.text}</p>
        </li>
      ))}
    </ol>
  );
}
