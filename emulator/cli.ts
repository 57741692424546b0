import { parseArgs } from "node:util";

import { z } from "zod";

import { DEFAULT_EMULATOR_PORT, DEMO_APP } from "../lib/demo-app";

/** The command line's one failure: a flag or variable with a bad value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export const USAGE = `Usage: agora-chat-emulator [options]

A local Agora Chat server for the agora-chat web SDK: REST and WebSocket
on one port, state in memory. Every option also reads an environment
variable; the flag wins.

  --port <n>             AGORA_EMULATOR_PORT             default ${DEFAULT_EMULATOR_PORT}; 0 picks a free port
  --host <host>          AGORA_EMULATOR_HOST             default 127.0.0.1
  --app-key <org#app>    AGORA_EMULATOR_APP_KEY          default ${DEMO_APP.appKey}
  --app-id <hex32>       AGORA_EMULATOR_APP_ID           default the demo app's
  --app-certificate <hex32>
                         AGORA_EMULATOR_APP_CERTIFICATE  default the demo app's
  --max-devices <1-10>   AGORA_EMULATOR_MAX_DEVICES      sessions per user, default 4
  --control              AGORA_EMULATOR_CONTROL=1        serve the test-only /_emulator API
  --help                 print this and exit
`;

// An empty variable means "not set", not port 0.
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);

const hex32 = (name: string) =>
  z.string().regex(/^[0-9a-fA-F]{32}$/, `${name} must be 32 hex characters`);

const wholeNumber = (name: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${name} must be a number` })
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be ${min} to ${max}`)
    .max(max, `${name} must be ${min} to ${max}`);

const TRUE_WORDS = ["1", "true", "yes"];
const FALSE_WORDS = ["0", "false", "no"];

// Anything else stays a string, which the boolean schema then refuses.
function wordToBoolean(value: unknown): unknown {
  if (typeof value !== "string") return value;

  const word = value.toLowerCase();
  if (TRUE_WORDS.includes(word)) return true;

  return FALSE_WORDS.includes(word) ? false : value;
}

const settingsSchema = z.object({
  port: wholeNumber("--port", 0, 65_535).default(DEFAULT_EMULATOR_PORT),
  host: z.string().min(1, "--host must not be empty").default("127.0.0.1"),
  appKey: z
    .string()
    .regex(/^[^#\s/]+#[^#\s/]+$/, "--app-key must look like org#app")
    .default(DEMO_APP.appKey),
  appId: hex32("--app-id").default(DEMO_APP.appId),
  appCertificate: hex32("--app-certificate").default(DEMO_APP.appCertificate),
  maxDevicesPerUser: wholeNumber("--max-devices", 1, 10).default(4),
  control: z
    .preprocess(
      wordToBoolean,
      z.boolean({ error: "AGORA_EMULATOR_CONTROL must be 1 or 0" }),
    )
    .default(false),
});

export type CliSettings = z.output<typeof settingsSchema>;

export type CliRequest =
  { help: true } | { help: false; settings: CliSettings };

const ENVIRONMENT_NAMES = {
  port: "AGORA_EMULATOR_PORT",
  host: "AGORA_EMULATOR_HOST",
  appKey: "AGORA_EMULATOR_APP_KEY",
  appId: "AGORA_EMULATOR_APP_ID",
  appCertificate: "AGORA_EMULATOR_APP_CERTIFICATE",
  maxDevicesPerUser: "AGORA_EMULATOR_MAX_DEVICES",
  control: "AGORA_EMULATOR_CONTROL",
} as const;

/** Reads the flags, falling back to the environment, then the defaults. */
export function readCliSettings(
  argv: string[],
  environment: Record<string, string | undefined>,
): CliRequest {
  const flags = parseFlags(argv);
  if (flags.help) return { help: true };

  const fromEnvironment = (key: keyof typeof ENVIRONMENT_NAMES) =>
    unsetIfEmpty(environment[ENVIRONMENT_NAMES[key]]);
  const raw = {
    port: flags.port ?? fromEnvironment("port"),
    host: flags.host ?? fromEnvironment("host"),
    appKey: flags["app-key"] ?? fromEnvironment("appKey"),
    appId: flags["app-id"] ?? fromEnvironment("appId"),
    appCertificate:
      flags["app-certificate"] ?? fromEnvironment("appCertificate"),
    maxDevicesPerUser:
      flags["max-devices"] ?? fromEnvironment("maxDevicesPerUser"),
    control: flags.control || fromEnvironment("control"),
  };

  const result = settingsSchema.safeParse(raw);
  if (result.success) return { help: false, settings: result.data };

  const issues = result.error.issues.map((issue) => issue.message);
  throw new UsageError(issues.join("; "));
}

function parseFlags(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: "string" },
        host: { type: "string" },
        "app-key": { type: "string" },
        "app-id": { type: "string" },
        "app-certificate": { type: "string" },
        "max-devices": { type: "string" },
        control: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }).values;
  } catch (error) {
    // parseArgs names the unknown or incomplete flag in its message.
    if (error instanceof TypeError) throw new UsageError(error.message);
    throw error;
  }
}
