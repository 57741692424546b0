"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import useSWRMutation from "swr/mutation";

import type { PublicChatConfig } from "../public-config";
import {
  ChatSession,
  type LogLevel,
  type SessionListener,
  type SessionState,
} from "./session";
import { fetchUserToken } from "./token-api";

export interface LogEntry {
  id: number;
  at: number;
  level: LogLevel;
  text: string;
}

interface TokenRequest {
  user: string;
  ttlSeconds: number;
}

/** React state for one Chat session at a time: its state, token and log. */
export function useChatSession(config: PublicChatConfig) {
  const [state, setState] = useState<SessionState>("signed-out");
  const [tokenExpiresAt, setTokenExpiresAt] = useState<number | null>(null);
  const [log, setLog] = useState<LogEntry[]>([]);
  const session = useRef<ChatSession | null>(null);

  const { trigger: requestToken, isMutating: isFetchingToken } = useSWRMutation(
    "/api/chat/user/token",
    (_key: string, { arg }: { arg: TokenRequest }) =>
      fetchUserToken(arg.user, arg.ttlSeconds),
  );

  const append = useCallback((level: LogLevel, text: string) => {
    setLog((entries) => [
      ...entries,
      { id: entries.length, at: Date.now(), level, text },
    ]);
  }, []);

  const login = useCallback(
    async (user: string, ttlSeconds: number) => {
      session.current?.logout();

      const listener: SessionListener = {
        onState: setState,
        onLog: append,
        onTokenExpiry: setTokenExpiresAt,
      };
      const fetchToken = (name: string, ttl: number) =>
        requestToken({ user: name, ttlSeconds: ttl });
      const next = new ChatSession(
        config,
        user,
        ttlSeconds,
        fetchToken,
        listener,
      );
      session.current = next;

      append("info", `Logging in as ${user}`);
      setState("connecting");
      try {
        await next.login();
      } catch (error) {
        setState("failed");
        append("error", `Login failed: ${(error as Error).message}`);
      }
    },
    [append, config, requestToken],
  );

  const logout = useCallback(() => {
    session.current?.logout();
    session.current = null;
  }, []);

  useEffect(() => () => session.current?.logout(), []);

  return { state, tokenExpiresAt, log, isFetchingToken, login, logout };
}
