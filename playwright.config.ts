import { existsSync } from "node:fs";

import { defineConfig, devices } from "@playwright/test";

import { APP_PORT, APP_URL, EMULATOR_PORT, EMULATOR_URL } from "./e2e/servers";

// Debian's Chromium when present; otherwise Playwright's own browser.
const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const executablePath =
  process.env.CHROMIUM_PATH ??
  (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

export default defineConfig({
  projects: [
    { name: "app", testDir: "e2e" },
    // The pinned agora-chat SDK, both builds, against the emulator alone.
    { name: "sdk-fidelity", testDir: "emulator/fidelity" },
  ],
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"], ["html", { open: "never" }]] : "list",
  use: {
    baseURL: APP_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: [
    {
      command: "npm run emulator",
      url: `${EMULATOR_URL}/health`,
      env: {
        AGORA_EMULATOR_PORT: String(EMULATOR_PORT),
        // Tests reset it, kick users and inject REST faults through it.
        AGORA_EMULATOR_CONTROL: "1",
      },
      reuseExistingServer: false,
      stdout: "pipe",
      timeout: 30_000,
    },
    {
      command: `npm run build && npm run start -- --port ${APP_PORT} --hostname 127.0.0.1`,
      url: APP_URL,
      env: {
        AGORA_EMULATOR_URL: EMULATOR_URL,
        NEXT_TELEMETRY_DISABLED: "1",
      },
      reuseExistingServer: false,
      stdout: "pipe",
      timeout: 240_000,
    },
  ],
});
