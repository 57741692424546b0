import "server-only";

import { z } from "zod";

import { DEFAULT_EMULATOR_PORT, DEMO_APP } from "./demo-app";
import { AppError } from "./errors";
import type { PublicChatConfig } from "./public-config";
import type { SigningCredentials } from "./token";

export interface ServerConfig {
  mode: PublicChatConfig["mode"];
  signing: SigningCredentials;
  appKey: string;
  orgName: string;
  appName: string;
  /** Where this server reaches the Agora Chat REST API (or the emulator). */
  restBaseUrl: string;
  /** The longest user token the server grants. */
  maxTokenTtlSeconds: number;
  publicConfig: PublicChatConfig;
}

type Environment = Record<string, string | undefined>;

const DEFAULT_TOKEN_TTL_SECONDS = 3_600;

// Empty values count as unset: hosting dashboards and .env files often
// keep a variable with nothing in it.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    schema.optional(),
  );

const hex32 = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{32}$/, "must be 32 hexadecimal characters");

const appKey = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9_-]+#[A-Za-z0-9_-]+$/,
    "must look like 'orgname#appname', as shown in Agora Console",
  );

const ttlSeconds = z.coerce
  .number()
  .int("must be a whole number of seconds")
  .min(1, "must be at least 1")
  .max(86_400, "must be at most 86400 (24 h)");

const socketUrl = z.url({
  protocol: /^wss?$/,
  error: "must be a ws:// or wss:// URL",
});
const httpUrl = z.url({
  protocol: /^https?$/,
  error: "must be an http:// or https:// URL",
});

// Agora Console shows the REST host bare ("a41.chat.agora.io"); a full URL
// is accepted too, for proxies and the emulator.
const restHost = z
  .string()
  .trim()
  .min(1)
  .transform((value) =>
    /^https?:\/\//.test(value) ? value : `https://${value}`,
  )
  .pipe(httpUrl);

const sharedSchema = z.object({
  AGORA_TOKEN_TTL_SECONDS: optional(ttlSeconds),
  AGORA_CHAT_SOCKET_URL: optional(socketUrl),
  AGORA_CHAT_SDK_REST_URL: optional(httpUrl),
});

const agoraSchema = sharedSchema.extend({
  AGORA_APP_ID: hex32,
  AGORA_APP_CERTIFICATE: hex32,
  AGORA_CHAT_APP_KEY: appKey,
  AGORA_CHAT_REST_HOST: restHost,
});

const emulatorSchema = sharedSchema.extend({
  AGORA_EMULATOR_URL: optional(httpUrl),
});

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
  const [orgName, appName] = splitAppKey(vars.AGORA_CHAT_APP_KEY);
  const maxTtl = vars.AGORA_TOKEN_TTL_SECONDS ?? DEFAULT_TOKEN_TTL_SECONDS;

  // Without both URLs the SDK finds Agora's servers itself from the app key.
  const pinned = vars.AGORA_CHAT_SOCKET_URL && vars.AGORA_CHAT_SDK_REST_URL;

  return {
    mode: "agora",
    signing: {
      appId: vars.AGORA_APP_ID,
      appCertificate: vars.AGORA_APP_CERTIFICATE,
    },
    appKey: vars.AGORA_CHAT_APP_KEY,
    orgName,
    appName,
    restBaseUrl: stripTrailingSlash(vars.AGORA_CHAT_REST_HOST),
    maxTokenTtlSeconds: maxTtl,
    publicConfig: {
      mode: "agora",
      appKey: vars.AGORA_CHAT_APP_KEY,
      socketUrl: pinned ? vars.AGORA_CHAT_SOCKET_URL! : null,
      sdkRestUrl: pinned ? vars.AGORA_CHAT_SDK_REST_URL! : null,
      maxTokenTtlSeconds: maxTtl,
    },
  };
}

function readEmulatorConfig(env: Environment): ServerConfig {
  const vars = parseEnv(emulatorSchema, env, "in emulator mode");
  const emulatorUrl = stripTrailingSlash(
    vars.AGORA_EMULATOR_URL ?? `http://127.0.0.1:${DEFAULT_EMULATOR_PORT}`,
  );
  const [orgName, appName] = splitAppKey(DEMO_APP.appKey);
  const maxTtl = vars.AGORA_TOKEN_TTL_SECONDS ?? DEFAULT_TOKEN_TTL_SECONDS;

  return {
    mode: "emulator",
    signing: {
      appId: DEMO_APP.appId,
      appCertificate: DEMO_APP.appCertificate,
    },
    appKey: DEMO_APP.appKey,
    orgName,
    appName,
    restBaseUrl: emulatorUrl,
    maxTokenTtlSeconds: maxTtl,
    publicConfig: {
      mode: "emulator",
      appKey: DEMO_APP.appKey,
      socketUrl:
        vars.AGORA_CHAT_SOCKET_URL ??
        `${emulatorUrl.replace(/^http/, "ws")}/websocket`,
      sdkRestUrl: vars.AGORA_CHAT_SDK_REST_URL ?? emulatorUrl,
      maxTokenTtlSeconds: maxTtl,
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
    const missing = env[name] === undefined || env[name] === "";

    return missing
      ? `${name} is required ${context}`
      : `${name} ${issue.message}`;
  });

  throw new AppError(
    "config_invalid",
    500,
    `Invalid server configuration: ${problems.join("; ")}`,
  );
}

function splitAppKey(key: string): [string, string] {
  const [org = "", app = ""] = key.split("#");

  return [org, app];
}

function stripTrailingSlash(url: string): string {
  return url.replace(/\/+$/, "");
}
