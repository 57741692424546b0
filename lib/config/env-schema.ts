import { z } from "zod";

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

const wholeNumber = (min: number, max: number, unit: string) =>
  z.coerce
    .number({ error: `must be a number of ${unit}` })
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${min}`)
    .max(max, `must be at most ${max}`);

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

const originList = z
  .string()
  .transform((value) =>
    value
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
  )
  .pipe(
    z.array(
      z
        .url({ protocol: /^https?$/, error: "must list http(s) origins" })
        .refine((url) => new URL(url).origin === url.replace(/\/$/, ""), {
          error: "must list bare origins like https://app.example.com",
        })
        .transform((url) => new URL(url).origin),
    ),
  );

const flag = z
  .enum(["1", "0", "true", "false"], { error: "must be true or false" })
  .transform((value) => value === "1" || value === "true");

/** Settings that mean the same in both modes. */
export const sharedSchema = z.object({
  AGORA_TOKEN_TTL_SECONDS: optional(wholeNumber(1, 86_400, "seconds")),
  AGORA_CHAT_SOCKET_URL: optional(socketUrl),
  AGORA_CHAT_SDK_REST_URL: optional(httpUrl),
  AGORA_CHAT_AUTH_FLOW: optional(
    z.enum(["exchange", "app-token"], {
      error: "must be 'exchange' or 'app-token'",
    }),
  ),
  AGORA_REST_TIMEOUT_MS: optional(wholeNumber(50, 60_000, "milliseconds")),
  AGORA_TOKEN_RATE_LIMIT_PER_MINUTE: optional(
    wholeNumber(0, 1_000_000, "requests"),
  ),
  AGORA_ACCESS_CODE: optional(
    z.string().min(8, "must be at least 8 characters"),
  ),
  AGORA_CORS_ORIGINS: optional(originList),
  AGORA_PUBLIC_DEPLOYMENT: optional(flag),
  VERCEL_ENV: optional(z.string()),
});

export const agoraSchema = sharedSchema.extend({
  AGORA_APP_ID: hex32,
  AGORA_APP_CERTIFICATE: hex32,
  AGORA_CHAT_APP_KEY: appKey,
  AGORA_CHAT_REST_HOST: restHost,
});

export const emulatorSchema = sharedSchema.extend({
  AGORA_EMULATOR_URL: optional(httpUrl),
});

export type SharedSettings = z.infer<typeof sharedSchema>;
