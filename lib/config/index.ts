import "server-only";

import type { z } from "zod";

import { DEFAULT_EMULATOR_PORT, DEMO_APP } from "../demo-app";
import { AppError } from "../errors";
import type { PublicChatConfig } from "../public-config";
import type { SigningCredentials } from "../token";
import { agoraSchema, emulatorSchema, type SharedSettings } from "./env-schema";

export type AuthFlow = "exchange" | "app-token";

export interface RateLimits {
  /** Requests per client address per minute; 0 turns it off. */
  perClient: number;
  /** Requests per minute from everyone together; 0 turns it off. */
  total: number;
}

export interface ServerConfig {
  mode: PublicChatConfig["mode"];
  signing: SigningCredentials;
  appKey: string;
  orgName: string;
  appName: string;
  /** Where this server reaches the Agora Chat REST API (or the emulator). */
  restBaseUrl: string;
  /**
   * "exchange": trade the app token for a Chat token, sign users' UUIDs.
   * "app-token": the app token is the Bearer, sign usernames.
   */
  authFlow: AuthFlow;
  restTimeoutMs: number;
  /** How long a user's UUID is trusted before it is looked up again. */
  userCacheSeconds: number;
  /** The longest user token the server grants. */
  maxTokenTtlSeconds: number;
  /** Token requests per minute, per client and in total; 0 is no limit. */
  rateLimits: RateLimits;
  accessCode: string | null;
  /** Origins besides this app's own that may call the token route. */
  corsOrigins: string[];
  isPublicDeployment: boolean;
  publicConfig: PublicChatConfig;
}

type Environment = Record<string, string | undefined>;

// Agora deletes a user only when told to; the emulator forgets every user
// when it restarts, so in emulator mode UUIDs are rechecked sooner.
const USER_CACHE_SECONDS = { agora: 600, emulator: 30 } as const;

const DEFAULTS = {
  tokenTtlSeconds: 3_600,
  restTimeoutMs: 5_000,
  rateLimitPerClient: 30,
  rateLimitTotal: 600,
};

let cached: ServerConfig | undefined;

/** The server's settings, read from the environment once. */
export function getServerConfig(): ServerConfig {
  cached ??= readServerConfig(process.env);

  return cached;
}

/** Parses an environment; exported for tests, use getServerConfig. */
export function readServerConfig(env: Environment): ServerConfig {
  if (env.AGORA_APP_ID) return readAgoraConfig(env);

  return readEmulatorConfig(env);
}

function readAgoraConfig(env: Environment): ServerConfig {
  const vars = parseEnv(agoraSchema, env, "with AGORA_APP_ID set");

  // Without both URLs the SDK finds Agora's servers itself from the app key.
  const isPinned = vars.AGORA_CHAT_SOCKET_URL && vars.AGORA_CHAT_SDK_REST_URL;

  return assemble(vars, {
    mode: "agora",
    signing: {
      appId: vars.AGORA_APP_ID,
      appCertificate: vars.AGORA_APP_CERTIFICATE,
    },
    appKey: vars.AGORA_CHAT_APP_KEY,
    restBaseUrl: vars.AGORA_CHAT_REST_HOST,
    socketUrl: isPinned ? vars.AGORA_CHAT_SOCKET_URL! : null,
    sdkRestUrl: isPinned ? vars.AGORA_CHAT_SDK_REST_URL! : null,
  });
}

function readEmulatorConfig(env: Environment): ServerConfig {
  const vars = parseEnv(emulatorSchema, env, "in emulator mode");
  const emulatorUrl = stripTrailingSlash(
    vars.AGORA_EMULATOR_URL ?? `http://127.0.0.1:${DEFAULT_EMULATOR_PORT}`,
  );

  return assemble(vars, {
    mode: "emulator",
    signing: {
      appId: DEMO_APP.appId,
      appCertificate: DEMO_APP.appCertificate,
    },
    appKey: DEMO_APP.appKey,
    restBaseUrl: emulatorUrl,
    socketUrl:
      vars.AGORA_CHAT_SOCKET_URL ??
      `${emulatorUrl.replace(/^http/, "ws")}/websocket`,
    sdkRestUrl: vars.AGORA_CHAT_SDK_REST_URL ?? emulatorUrl,
  });
}

interface ModeSettings {
  mode: ServerConfig["mode"];
  signing: SigningCredentials;
  appKey: string;
  restBaseUrl: string;
  socketUrl: string | null;
  sdkRestUrl: string | null;
}

function assemble(vars: SharedSettings, mode: ModeSettings): ServerConfig {
  const [orgName = "", appName = ""] = mode.appKey.split("#");
  const maxTtl = vars.AGORA_TOKEN_TTL_SECONDS ?? DEFAULTS.tokenTtlSeconds;
  const accessCode = vars.AGORA_ACCESS_CODE ?? null;
  const isPublicDeployment =
    vars.AGORA_PUBLIC_DEPLOYMENT ??
    ["preview", "production"].includes(vars.VERCEL_ENV ?? "");

  return {
    mode: mode.mode,
    signing: mode.signing,
    appKey: mode.appKey,
    orgName,
    appName,
    restBaseUrl: stripTrailingSlash(mode.restBaseUrl),
    authFlow: vars.AGORA_CHAT_AUTH_FLOW ?? "exchange",
    restTimeoutMs: vars.AGORA_REST_TIMEOUT_MS ?? DEFAULTS.restTimeoutMs,
    userCacheSeconds:
      vars.AGORA_USER_CACHE_SECONDS ?? USER_CACHE_SECONDS[mode.mode],
    maxTokenTtlSeconds: maxTtl,
    rateLimits: {
      perClient:
        vars.AGORA_TOKEN_RATE_LIMIT_PER_MINUTE ?? DEFAULTS.rateLimitPerClient,
      total:
        vars.AGORA_TOKEN_RATE_LIMIT_TOTAL_PER_MINUTE ?? DEFAULTS.rateLimitTotal,
    },
    accessCode,
    corsOrigins: vars.AGORA_CORS_ORIGINS ?? [],
    isPublicDeployment,
    publicConfig: {
      mode: mode.mode,
      appKey: mode.appKey,
      socketUrl: mode.socketUrl,
      sdkRestUrl: mode.sdkRestUrl,
      maxTokenTtlSeconds: maxTtl,
      isAccessCodeRequired: accessCode !== null,
      isOpenToAnyone:
        mode.mode === "agora" && isPublicDeployment && accessCode === null,
    },
  };
}

function parseEnv<T extends z.ZodType>(
  schema: T,
  env: Environment,
  context: string,
): z.infer<T> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;

  const problems = result.error.issues.map((issue) => {
    const name = String(issue.path[0]);
    const isMissing = env[name] === undefined || env[name] === "";

    return isMissing
      ? `${name} is required ${context}`
      : `${name} ${issue.message}`;
  });

  throw new AppError(
    "config_invalid",
    500,
    `Invalid server configuration: ${problems.join("; ")}`,
  );
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
