import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { startEmulator, type RunningEmulator } from "../emulator/server";
import { TokenIssuer } from "./agora/issue-user-token";
import { readServerConfig } from "./config";
import { DEMO_APP } from "./demo-app";
import { closedPortUrl } from "./testing/stub-upstream";
import { createHealthCheck, misconfiguredReport } from "./health";

let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, log: () => {} });
});

afterEach(async () => {
  await emulator.close();
});

function healthOf(env: Record<string, string>) {
  const config = readServerConfig(env);

  return createHealthCheck(config, new TokenIssuer(config), env);
}

function agoraEnv(overrides: Record<string, string> = {}) {
  return {
    AGORA_APP_ID: DEMO_APP.appId,
    AGORA_APP_CERTIFICATE: DEMO_APP.appCertificate,
    AGORA_CHAT_APP_KEY: DEMO_APP.appKey,
    AGORA_CHAT_REST_HOST: emulator.url,
    ...overrides,
  };
}

describe("health report", () => {
  it("is healthy in emulator mode with the emulator up", async () => {
    const report = await healthOf({ AGORA_EMULATOR_URL: emulator.url })();

    expect(report).toMatchObject({
      ok: true,
      mode: "emulator",
      authFlow: "exchange",
      tokenTtlSeconds: 3600,
      upstream: { ok: true },
    });
    expect(report.settings.AGORA_APP_ID).toBe(false);
  });

  it("is healthy in Agora mode and names the settings present, not their values", async () => {
    const env = agoraEnv();

    const report = await healthOf(env)();

    expect(report).toMatchObject({ ok: true, mode: "agora" });
    expect(report.settings).toMatchObject({
      AGORA_APP_ID: true,
      AGORA_APP_CERTIFICATE: true,
      AGORA_CHAT_APP_KEY: true,
      AGORA_CHAT_REST_HOST: true,
      AGORA_ACCESS_CODE: false,
    });
    expect(JSON.stringify(report)).not.toContain(DEMO_APP.appCertificate);
  });

  it("is unhealthy when Agora refuses the credentials", async () => {
    const report = await healthOf(
      agoraEnv({ AGORA_APP_CERTIFICATE: "0".repeat(32) }),
    )();

    expect(report).toMatchObject({
      ok: false,
      mode: "agora",
      upstream: { ok: false, error: "upstream_unauthorized" },
    });
  });

  it("is unhealthy when the REST API cannot be reached", async () => {
    const url = await closedPortUrl();

    const report = await healthOf({ AGORA_EMULATOR_URL: url })();

    expect(report).toMatchObject({
      ok: false,
      upstream: { ok: false, error: "upstream_unreachable" },
    });
  });

  it("reuses a recent check instead of asking Agora again", async () => {
    const report = healthOf({ AGORA_EMULATOR_URL: emulator.url });
    const first = await report();
    await emulator.close();

    const second = await report();
    emulator = await startEmulator({ port: 0, log: () => {} });

    expect(second.upstream).toEqual(first.upstream);
  });

  it("describes a server whose settings cannot be read", () => {
    const report = misconfiguredReport(
      { AGORA_APP_ID: "x" },
      "AGORA_APP_ID must be 32 hexadecimal characters",
    );

    expect(report).toMatchObject({
      ok: false,
      mode: "unknown",
      configError: expect.stringContaining("AGORA_APP_ID"),
      settings: { AGORA_APP_ID: true, AGORA_APP_CERTIFICATE: false },
    });
  });
});
