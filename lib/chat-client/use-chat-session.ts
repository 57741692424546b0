"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import useSWRMutation from "swr/mutation";

import type { ClockOffset } from "./clock";
import {
  ChatSession,
  type ChatEndpoints,
  type ChatMessage,
  type SessionEvent,
  type SessionListener,
  type SessionState,
  type SessionToken,
} from "./session";
import { fetchUserToken } from "./token-api";

/** A session event with a stable key for lists. */
export interface TimelineEntry extends SessionEvent {
  id: number;
}

interface TokenRequest {
  user: string;
  ttlSeconds: number;
}

interface TextToSend {
  to: string;
  text: string;
}

/** React state for one Chat session at a time, and what it can do. */
export function useChatSession(config: ChatEndpoints) {
  const [state, setState] = useState<SessionState>("signed-out");
  const [tokens, setTokens] = useState<SessionToken[]>([]);
  const [clock, setClock] = useState<ClockOffset | null>(null);
  const [timeline, setTimeline] = useState<TimelineEntry[]>([]);
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const session = useRef<ChatSession | null>(null);

  const { trigger: requestToken, isMutating: isFetchingToken } = useSWRMutation(
    "/api/chat/user/token",
    (_key: string, { arg }: { arg: TokenRequest }) =>
      fetchUserToken(arg.user, arg.ttlSeconds),
  );

  const { trigger: send, isMutating: isSending } = useSWRMutation(
    "chat/send-text",
    (_key: string, { arg }: { arg: TextToSend }) =>
      session.current?.sendText(arg.to, arg.text) ?? false,
  );

  const listener = useRef<SessionListener>({
    onState: setState,
    onTokens: setTokens,
    onClock: setClock,
    onEvent: (event) =>
      setTimeline((entries) => [...entries, { ...event, id: entries.length }]),
    onMessage: (message) => setMessages((list) => [...list, message]),
  });

  const login = useCallback(
    async (user: string, ttlSeconds: number) => {
      session.current?.logout();

      const fetchToken = (name: string, ttl: number) =>
        requestToken({ user: name, ttlSeconds: ttl });
      const next = new ChatSession(
        config,
        user,
        ttlSeconds,
        fetchToken,
        listener.current,
      );
      session.current = next;

      await next.login();
    },
    [config, requestToken],
  );

  const logout = useCallback(() => {
    session.current?.logout();
    session.current = null;
  }, []);

  const sendText = useCallback(
    (to: string, text: string) => send({ to, text }),
    [send],
  );

  useEffect(() => () => session.current?.logout(), []);

  return {
    state,
    tokens,
    clock,
    timeline,
    messages,
    isFetchingToken,
    isSending,
    login,
    logout,
    sendText,
  };
}
