"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import useSWRMutation from "swr/mutation";

import type { ClockOffset } from "./clock";
import { loadSessionCode } from "./on-demand";
import type {
  ChatEndpoints,
  ChatMessage,
  ChatSession,
  SessionEvent,
  SessionListener,
  SessionState,
  SessionToken,
} from "./session";

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
    async (_key: string, { arg }: { arg: TokenRequest }) => {
      const { fetchUserToken } = await loadSessionCode();
      return fetchUserToken(arg.user, arg.ttlSeconds);
    },
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
      session.current = null;

      const fetchToken = (name: string, ttl: number) =>
        requestToken({ user: name, ttlSeconds: ttl });
      try {
        const { ChatSession } = await loadSessionCode();
        session.current = new ChatSession(
          config,
          user,
          ttlSeconds,
          fetchToken,
          listener.current,
        );
      } catch (error) {
        reportLoadFailure(listener.current, error);
        return;
      }

      await session.current.login();
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

function reportLoadFailure(listener: SessionListener, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error);

  listener.onState("failed");
  listener.onEvent({
    kind: "error",
    level: "error",
    text: `Login failed: the chat code did not load (${reason})`,
    at: Date.now(),
  });
}
