// Where the suite's own servers listen: ports of their own, so that a
// `npm run dev` on the default ports can keep running beside a test run.
const port = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

export const APP_PORT = port("E2E_APP_PORT", 3100);
export const EMULATOR_PORT = port("E2E_EMULATOR_PORT", 4110);
export const APP_URL = `http://127.0.0.1:${APP_PORT}`;
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;

// A second app and emulator pair runs in Agora mode: every AGORA_ setting
// is given, as on a real deployment, and the "Agora" it talks to is an
// emulator with credentials of its own, so no demo default can leak in.
export const AGORA_MODE_APP_PORT = APP_PORT + 20;
export const AGORA_MODE_EMULATOR_PORT = EMULATOR_PORT + 10;
export const AGORA_MODE_APP_URL = `http://127.0.0.1:${AGORA_MODE_APP_PORT}`;
export const AGORA_MODE_EMULATOR_URL = `http://127.0.0.1:${AGORA_MODE_EMULATOR_PORT}`;
export const AGORA_MODE_APP = {
  appId: "d0aa9ca82af719760b7eea991bb29c37",
  appCertificate: "4be914a0258fb05b28a636e15790099a",
  appKey: "e2e#agoramode",
} as const;

/** The Agora-mode app asks for this, as a public preview should. */
export const AGORA_MODE_ACCESS_CODE = "e2e-access-code";

/** The environment of the Agora-mode app: what a deployment would set. */
export const AGORA_MODE_ENV = {
  AGORA_APP_ID: AGORA_MODE_APP.appId,
  AGORA_APP_CERTIFICATE: AGORA_MODE_APP.appCertificate,
  AGORA_CHAT_APP_KEY: AGORA_MODE_APP.appKey,
  AGORA_CHAT_REST_HOST: AGORA_MODE_EMULATOR_URL,
  AGORA_CHAT_SOCKET_URL: `ws://127.0.0.1:${AGORA_MODE_EMULATOR_PORT}/websocket`,
  AGORA_CHAT_SDK_REST_URL: AGORA_MODE_EMULATOR_URL,
};

// A third app has a certificate Agora refuses and no access code on a
// public deployment: everything its page must warn about.
export const MISCONFIGURED_APP_PORT = APP_PORT + 40;
export const MISCONFIGURED_APP_URL = `http://127.0.0.1:${MISCONFIGURED_APP_PORT}`;
export const MISCONFIGURED_ENV = {
  ...AGORA_MODE_ENV,
  AGORA_APP_CERTIFICATE: "0".repeat(32),
  VERCEL_ENV: "preview",
};

/** Server logs of a local run, read by e2e/check-secrets.ts afterwards. */
export const SERVER_LOG_DIR = ".e2e-logs";

/** Set to run the suite against a deployment instead of local servers. */
export const REMOTE_BASE_URL = process.env.PLAYWRIGHT_BASE_URL || null;
