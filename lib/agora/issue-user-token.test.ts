import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { readServerConfig } from "../config";
import { DEMO_APP } from "../demo-app";
import { checkChatToken, decodeToken } from "../token";
import { issueUserToken } from "./issue-user-token";

let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, log: () => {} });
});

afterEach(async () => {
  await emulator.close();
});

function emulatorConfig(env: Record<string, string> = {}) {
  return readServerConfig({ AGORA_EMULATOR_URL: emulator.url, ...env });
}

describe("issueUserToken against the emulator", () => {
  it("registers a new user and signs a token for its UUID", async () => {
    const issued = await issueUserToken("alice", 60, emulatorConfig());

    const check = checkChatToken(issued.token, {
      credentials: DEMO_APP,
      privilege: "user",
      acceptedUserIds: [issued.uuid],
      now: Date.now() / 1000,
    });
    expect(check.ok).toBe(true);
    expect(issued).toMatchObject({ user: "alice", ttlSeconds: 60 });
    expect(issued.uuid).not.toBe("alice");
    expect(issued.expiresAt).toBe(decodeToken(issued.token).expiresAt * 1000);
    expect(issued.claims).toEqual({
      appId: DEMO_APP.appId,
      chatUserId: issued.uuid,
      privileges: ["user"],
    });
    expect(issued.expiresAt - issued.issuedAt).toBe(60_000);
  });

  it("finds an existing user instead of registering it again", async () => {
    const config = emulatorConfig();

    const first = await issueUserToken("bob", 60, config);
    const second = await issueUserToken("bob", 60, config);

    expect(second.uuid).toBe(first.uuid);
  });

  it("grants no more than the configured lifetime", async () => {
    const config = emulatorConfig({ AGORA_TOKEN_TTL_SECONDS: "120" });

    const capped = await issueUserToken("carol", 86_400, config);
    const unasked = await issueUserToken("carol", undefined, config);

    expect(capped.ttlSeconds).toBe(120);
    expect(unasked.ttlSeconds).toBe(120);
  });

  it("fails with a clear 502 when Agora refuses the app token", async () => {
    const config = readServerConfig({
      AGORA_APP_ID: DEMO_APP.appId,
      AGORA_APP_CERTIFICATE: "0".repeat(32),
      AGORA_CHAT_APP_KEY: DEMO_APP.appKey,
      AGORA_CHAT_REST_HOST: emulator.url,
    });

    await expect(issueUserToken("dave", 60, config)).rejects.toMatchObject({
      code: "upstream_failed",
      status: 502,
      message: expect.stringMatching(/exchange the app token \(HTTP 401/),
    });
  });

  it("fails with 502 when the REST API cannot be reached", async () => {
    const config = readServerConfig({
      AGORA_EMULATOR_URL: `http://127.0.0.1:${await closedPort()}`,
    });

    await expect(issueUserToken("erin", 60, config)).rejects.toMatchObject({
      code: "upstream_unreachable",
      status: 502,
    });
  });
});

async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));

  return port;
}

describe("issueUserToken when the lookup fails", () => {
  let upstream: Server;
  let registrations: number;

  beforeEach(async () => {
    registrations = 0;
    upstream = createServer((request, response) => {
      response.setHeader("Content-Type", "application/json");
      if (request.url?.endsWith("/token")) {
        response.end(JSON.stringify({ access_token: "t", expires_in: 60 }));
      } else if (request.method === "POST") {
        registrations += 1;
        response.end(
          JSON.stringify({ entities: [{ uuid: "u", username: "x" }] }),
        );
      } else {
        // A 404 that does not say "no such user" must not be read as one.
        response.statusCode = 404;
        response.end(
          JSON.stringify({ error: "organization_application_not_found" }),
        );
      }
    });
    await new Promise<void>((resolve) =>
      upstream.listen(0, "127.0.0.1", resolve),
    );
  });

  afterEach(async () => {
    await new Promise((resolve) => upstream.close(resolve));
  });

  it("reports the failure and never registers the user", async () => {
    const { port } = upstream.address() as AddressInfo;
    const config = readServerConfig({
      AGORA_EMULATOR_URL: `http://127.0.0.1:${port}`,
    });

    await expect(issueUserToken("frank", 60, config)).rejects.toMatchObject({
      code: "upstream_failed",
      message: expect.stringMatching(/look up user 'frank' \(HTTP 404/),
    });
    expect(registrations).toBe(0);
  });
});
