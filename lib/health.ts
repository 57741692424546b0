import "server-only";

import type { TokenIssuer } from "./agora/issue-user-token";
import type { ServerConfig } from "./config";
import { isAppError } from "./errors";

/** The settings the health report says are present, never their values. */
const REPORTED_SETTINGS = [
  "AGORA_APP_ID",
  "AGORA_APP_CERTIFICATE",
  "AGORA_CHAT_APP_KEY",
  "AGORA_CHAT_REST_HOST",
  "AGORA_CHAT_AUTH_FLOW",
  "AGORA_TOKEN_TTL_SECONDS",
  "AGORA_REST_TIMEOUT_MS",
  "AGORA_USER_CACHE_SECONDS",
  "AGORA_TOKEN_RATE_LIMIT_PER_MINUTE",
  "AGORA_TOKEN_RATE_LIMIT_TOTAL_PER_MINUTE",
  "AGORA_ACCESS_CODE",
  "AGORA_CORS_ORIGINS",
  "AGORA_PUBLIC_DEPLOYMENT",
  "AGORA_CHAT_SOCKET_URL",
  "AGORA_CHAT_SDK_REST_URL",
  "AGORA_EMULATOR_URL",
] as const;

/** One upstream check per this many ms at most, however often asked. */
const CHECK_REUSE_MS = 5_000;

type UpstreamStatus =
  | { ok: true; latencyMs: number }
  | { ok: false; error: string; message: string };

export interface HealthReport {
  ok: boolean;
  mode: ServerConfig["mode"] | "unknown";
  authFlow?: ServerConfig["authFlow"];
  tokenTtlSeconds?: number;
  settings: Record<string, boolean>;
  /** Why the configuration could not be read, when it could not. */
  configError?: string;
  upstream?: UpstreamStatus;
  checkedAt: number;
}

type Environment = Record<string, string | undefined>;

/** Which settings are set: names and booleans only. */
export function presentSettings(env: Environment): Record<string, boolean> {
  return Object.fromEntries(
    REPORTED_SETTINGS.map((name) => [name, Boolean(env[name])]),
  );
}

/**
 * Reports whether this server can issue tokens: its mode, which settings
 * are present, and whether the Agora Chat REST API accepts its credentials.
 */
export function createHealthCheck(
  config: ServerConfig,
  issuer: TokenIssuer,
  env: Environment,
) {
  let last: { at: number; upstream: UpstreamStatus } | null = null;

  async function upstreamStatus(): Promise<UpstreamStatus> {
    if (last && Date.now() - last.at < CHECK_REUSE_MS) return last.upstream;

    const upstream = await probe(issuer);
    last = { at: Date.now(), upstream };

    return upstream;
  }

  return async function report(): Promise<HealthReport> {
    const upstream = await upstreamStatus();

    return {
      ok: upstream.ok,
      mode: config.mode,
      authFlow: config.authFlow,
      tokenTtlSeconds: config.maxTokenTtlSeconds,
      settings: presentSettings(env),
      upstream,
      checkedAt: Date.now(),
    };
  };
}

/** The report of a server whose settings could not be read. */
export function misconfiguredReport(
  env: Environment,
  message: string,
): HealthReport {
  return {
    ok: false,
    mode: "unknown",
    settings: presentSettings(env),
    configError: message,
    checkedAt: Date.now(),
  };
}

async function probe(issuer: TokenIssuer): Promise<UpstreamStatus> {
  const startedAt = performance.now();

  try {
    await issuer.checkUpstream({ calls: 0 });
    return { ok: true, latencyMs: Math.round(performance.now() - startedAt) };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return { ok: false, error: error.code, message: error.message };
  }
}
