import { defineConfig, devices, type Project } from "@playwright/test";

import { CHROMIUM_FLAGS, chromiumPath } from "./e2e/chromium";
import {
  AGORA_MODE_ACCESS_CODE,
  AGORA_MODE_APP,
  AGORA_MODE_APP_PORT,
  AGORA_MODE_APP_URL,
  AGORA_MODE_EMULATOR_PORT,
  AGORA_MODE_EMULATOR_URL,
  AGORA_MODE_ENV,
  APP_PORT,
  APP_URL,
  EMULATOR_PORT,
  EMULATOR_URL,
  MISCONFIGURED_APP_PORT,
  MISCONFIGURED_APP_URL,
  MISCONFIGURED_ENV,
  REMOTE_BASE_URL,
  SERVER_LOG_DIR,
} from "./e2e/servers";

// Browser flow tests that must pass in both modes, and against a deployment.
const FLOW_SPECS = ["login.spec.ts", "renewal.spec.ts"];

const localProjects: Project[] = [
  {
    name: "app",
    testDir: "e2e",
    testIgnore: ["exclusive/**", "agora-mode/**"],
  },
  {
    name: "agora-mode",
    testDir: "e2e",
    testMatch: [...FLOW_SPECS, "agora-mode/**/*.spec.ts"],
    use: { baseURL: AGORA_MODE_APP_URL, accessCode: AGORA_MODE_ACCESS_CODE },
  },
  // The pinned agora-chat SDK, both builds, against the emulator alone.
  { name: "sdk-fidelity", testDir: "emulator/fidelity" },
  // Tests that own the emulator's faults and counters run alone, last.
  {
    name: "exclusive",
    testDir: "e2e/exclusive",
    dependencies: ["app", "agora-mode", "sdk-fidelity"],
    fullyParallel: false,
  },
];

const remoteProjects: Project[] = [
  {
    name: "remote",
    testDir: "e2e",
    testIgnore: ["exclusive/**", "agora-mode/**"],
  },
];

// Each server's output is kept for the secret check after the run.
const logged = (command: string, name: string) =>
  `mkdir -p ${SERVER_LOG_DIR} && ${command} 2>&1 | tee ${SERVER_LOG_DIR}/${name}.log`;

const emulator = (name: string, port: number, url: string, args = "") => ({
  command: logged(`npm run emulator -- --port ${port} --control ${args}`, name),
  url: `${url}/health`,
  reuseExistingServer: false,
  stdout: "pipe" as const,
  timeout: 30_000,
});

const appEnv = {
  // Every test request comes from one address; the limit itself is
  // covered by lib/token-endpoint's tests.
  AGORA_TOKEN_RATE_LIMIT_PER_MINUTE: "100000",
  AGORA_TOKEN_RATE_LIMIT_TOTAL_PER_MINUTE: "100000",
  // Short, so the upstream timeout test need not wait 5 s.
  AGORA_REST_TIMEOUT_MS: "1000",
  NEXT_TELEMETRY_DISABLED: "1",
};

const startApp = (port: number) =>
  `npm run start -- --port ${port} --hostname 127.0.0.1`;

// The build sees the Agora-mode certificate, so that the secret check
// would find it had anything inlined it into the bundles.
const buildEnv = Object.entries(AGORA_MODE_ENV)
  .map(([name, value]) => `${name}='${value}'`)
  .join(" ");

const localServers = [
  emulator("emulator", EMULATOR_PORT, EMULATOR_URL),
  {
    command: logged(
      `env ${buildEnv} npm run build && ${startApp(APP_PORT)}`,
      "app",
    ),
    url: APP_URL,
    env: { ...appEnv, AGORA_EMULATOR_URL: EMULATOR_URL },
    reuseExistingServer: false,
    stdout: "pipe" as const,
    timeout: 240_000,
  },
  emulator(
    "agora-emulator",
    AGORA_MODE_EMULATOR_PORT,
    AGORA_MODE_EMULATOR_URL,
    `--app-key '${AGORA_MODE_APP.appKey}' --app-id ${AGORA_MODE_APP.appId} --app-certificate ${AGORA_MODE_APP.appCertificate}`,
  ),
  {
    command: logged(startApp(AGORA_MODE_APP_PORT), "agora-app"),
    url: AGORA_MODE_APP_URL,
    env: {
      ...appEnv,
      ...AGORA_MODE_ENV,
      AGORA_ACCESS_CODE: AGORA_MODE_ACCESS_CODE,
      AGORA_PUBLIC_DEPLOYMENT: "true",
    },
    reuseExistingServer: false,
    stdout: "pipe" as const,
    timeout: 60_000,
  },
  {
    command: logged(startApp(MISCONFIGURED_APP_PORT), "misconfigured-app"),
    url: `${MISCONFIGURED_APP_URL}/api/ping`,
    env: { ...appEnv, ...MISCONFIGURED_ENV },
    reuseExistingServer: false,
    stdout: "pipe" as const,
    timeout: 60_000,
  },
];

if (REMOTE_BASE_URL) {
  console.log(
    `Testing ${REMOTE_BASE_URL}: no local servers are started, and the tests that need them are skipped (listed as skipped, with the reason in the report).`,
  );
}

export default defineConfig({
  projects: REMOTE_BASE_URL ? remoteProjects : localProjects,
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: REMOTE_BASE_URL ?? APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: { executablePath: chromiumPath, args: CHROMIUM_FLAGS },
  },
  webServer: REMOTE_BASE_URL ? undefined : localServers,
});
