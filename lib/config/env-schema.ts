import { z } from "zod";

// Empty values count as unset: hosting dashboards and .env files often
// keep a variable with nothing in it.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess(
    (value) => (value === "" ? undefined : value),
    schema.optional(),
  );

// Agora Console shows both in lower case; a pasted upper-case copy is the
// same value, and signing and checking need one spelling.
const hex32 = z
  .string()
  .trim()
  .regex(/^[0-9a-fA-F]{32}$/, "must be 32 hexadecimal characters")
  .transform((value) => value.toLowerCase());

const appKey = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9_-]+#[A-Za-z0-9_-]+$/,
    "must look like 'orgname#appname', as shown in Agora Console",
  );

// Digits only: Number() would also take "1e3", "0x10" and " 5 ".
const wholeNumber = (min: number, max: number, unit: string) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number of ${unit}`)
    .transform(Number)
    .pipe(
      z
        .number()
        .min(min, `must be at least ${min}`)
        .max(max, `must be at most ${max}`),
    );

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
  .refine((value) => !value.includes("://") || /^https?:\/\//.test(value), {
    error: "must be a bare host or an http:// or https:// URL",
  })
  .transform((value) =>
    /^https?:\/\//.test(value) ? value : `https://${value}`,
  )
  .pipe(httpUrl)
  .refine((value) => !/[?#]/.test(value), {
    error: "must not carry a query or fragment",
  });

// Each entry must be exactly an origin: scheme, host and port, no path.
function asOrigin(entry: string): string | null {
  if (!URL.canParse(entry)) return null;

  const url = new URL(entry);
  const isBare =
    url.origin.toLowerCase() === entry.replace(/\/$/, "").toLowerCase();

  return /^https?:$/.test(url.protocol) && isBare ? url.origin : null;
}

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
        .string()
        .refine((entry) => !entry.includes("*"), {
          error: "takes no wildcards: list each origin",
          abort: true,
        })
        .refine((entry) => asOrigin(entry) !== null, {
          error: "must list bare http(s) origins like https://app.example.com",
          abort: true,
        })
        .transform((entry) => asOrigin(entry)!),
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
  AGORA_USER_CACHE_SECONDS: optional(wholeNumber(1, 86_400, "seconds")),
  AGORA_TOKEN_RATE_LIMIT_PER_MINUTE: optional(
    wholeNumber(0, 1_000_000, "requests"),
  ),
  AGORA_TOKEN_RATE_LIMIT_TOTAL_PER_MINUTE: optional(
    wholeNumber(0, 10_000_000, "requests"),
  ),
  // HTTP trims header values, so surrounding spaces could never be sent.
  AGORA_ACCESS_CODE: optional(
    z.string().trim().min(8, "must be at least 8 characters besides spaces"),
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
