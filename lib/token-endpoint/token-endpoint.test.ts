import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { readServerConfig } from "../config";
import { startStubUpstream } from "../testing/stub-upstream";
import { createTokenEndpoint } from "./handle-token-request";

let emulator: RunningEmulator;
let logLines: string[];

beforeEach(async () => {
  emulator = await startEmulator({ port: 0, log: () => {} });
  logLines = [];
  const capture = (line: unknown) => void logLines.push(String(line));
  vi.spyOn(console, "log").mockImplementation(capture);
  vi.spyOn(console, "error").mockImplementation(capture);
});

afterEach(async () => {
  vi.restoreAllMocks();
  await emulator.close();
});

function endpoint(env: Record<string, string> = {}) {
  return createTokenEndpoint(
    readServerConfig({ AGORA_EMULATOR_URL: emulator.url, ...env }),
  );
}

function tokenRequest(
  name: string,
  init: { headers?: Record<string, string>; query?: string } = {},
) {
  const url = `http://app.test/api/chat/user/${name}/token${init.query ?? ""}`;

  return new Request(url, {
    headers: { host: "app.test", ...init.headers },
  });
}

function lastLogRecord() {
  return JSON.parse(logLines.at(-1)!);
}

describe("token endpoint", () => {
  it("answers plain text and logs one line without the token", async () => {
    const response = await endpoint().get(tokenRequest("alice"), "alice");
    const token = await response.text();

    expect(response.status).toBe(200);
    expect(token).toMatch(/^007/);
    expect(logLines).toHaveLength(1);
    expect(logLines[0]).not.toContain(token);
    expect(lastLogRecord()).toMatchObject({
      event: "token_request",
      user: "alice",
      outcome: "issued",
      status: 200,
      upstreamCalls: 3,
      durationMs: expect.any(Number),
    });
  });

  it("logs zero upstream calls for a user it already knows", async () => {
    const tokens = endpoint();
    await tokens.get(tokenRequest("bob"), "bob");

    await tokens.get(tokenRequest("bob"), "bob");

    expect(lastLogRecord()).toMatchObject({
      outcome: "issued",
      upstreamCalls: 0,
    });
  });

  it.each([
    ["upper case", "Alice"],
    ["an empty name", ""],
    ["65 characters", "a".repeat(65)],
    ["a slash", "a/b"],
    ["a dot-dot path", "../admin"],
    ["only a dot", "."],
    ["only dots", ".."],
    ["unicode", "ålice"],
    ["a space", "al ice"],
  ])("refuses %s with 400 and no upstream call", async (_what, name) => {
    const response = await endpoint().get(tokenRequest("x"), name);
    const body = await response.json();

    expect(response.status).toBe(400);
    expect(body).toMatchObject({ error: "invalid_username" });
    expect(body.message).toContain("1 to 64 characters of lower-case a-z");
    expect(lastLogRecord()).toMatchObject({ user: null, upstreamCalls: 0 });
  });

  it.each(["0", "-5", "1.5", "86401", "soon", ""])(
    "refuses ttl=%j with 400",
    async (ttl) => {
      const request = tokenRequest("carl", { query: `?ttl=${ttl}` });

      const response = await endpoint().get(request, "carl");

      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: "invalid_ttl" });
      expect(lastLogRecord().upstreamCalls).toBe(0);
    },
  );
});

describe("rate limit", () => {
  it("answers 429 with Retry-After past the limit, per client", async () => {
    const tokens = endpoint({ AGORA_TOKEN_RATE_LIMIT_PER_MINUTE: "2" });
    const from = (ip: string) =>
      tokenRequest("dana", {
        headers: { "x-forwarded-for": `${ip}, 10.0.0.1` },
      });

    await tokens.get(from("198.51.100.7"), "dana");
    await tokens.get(from("198.51.100.7"), "dana");
    const limited = await tokens.get(from("198.51.100.7"), "dana");
    const other = await tokens.get(from("198.51.100.8"), "dana");

    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ error: "rate_limited" });
    expect(other.status).toBe(200);
  });

  it("holds a client that lies about its address to the total limit", async () => {
    const tokens = endpoint({
      AGORA_TOKEN_RATE_LIMIT_PER_MINUTE: "1",
      AGORA_TOKEN_RATE_LIMIT_TOTAL_PER_MINUTE: "3",
    });
    const spoofed = (n: number) =>
      tokenRequest("ivan", { headers: { "x-forwarded-for": `10.0.0.${n}` } });

    const statuses = [];
    for (let n = 1; n <= 4; n++) {
      statuses.push((await tokens.get(spoofed(n), "ivan")).status);
    }
    const limited = await tokens.get(spoofed(9), "ivan");

    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(await limited.json()).toMatchObject({
      message: expect.stringContaining("at most 3 per minute"),
    });
  });

  it("can be turned off", async () => {
    const tokens = endpoint({ AGORA_TOKEN_RATE_LIMIT_PER_MINUTE: "0" });

    const statuses = [];
    for (let i = 0; i < 40; i++) {
      statuses.push((await tokens.get(tokenRequest("eve"), "eve")).status);
    }

    expect(new Set(statuses)).toEqual(new Set([200]));
  });
});

describe("access code", () => {
  const guarded = () => endpoint({ AGORA_ACCESS_CODE: "correct-horse" });

  it("asks for the code when it is missing, before any upstream call", async () => {
    const response = await guarded().get(tokenRequest("finn"), "finn");

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: "access_code_required",
    });
    expect(lastLogRecord().upstreamCalls).toBe(0);
  });

  it("refuses a wrong code", async () => {
    const request = tokenRequest("finn", {
      headers: { "x-access-code": "wrong-horse" },
    });

    const response = await guarded().get(request, "finn");

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      error: "access_code_invalid",
    });
  });

  it("issues a token for the right code", async () => {
    const request = tokenRequest("finn", {
      headers: { "x-access-code": "correct-horse" },
    });

    const response = await guarded().get(request, "finn");

    expect(response.status).toBe(200);
  });
});

describe("CORS", () => {
  const allowing = () =>
    endpoint({ AGORA_CORS_ORIGINS: "https://allowed.example" });

  it("adds no CORS headers for same-origin requests", async () => {
    const request = tokenRequest("gus", {
      headers: { origin: "http://app.test" },
    });

    const response = await allowing().get(request, "gus");

    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("echoes an allowed origin", async () => {
    const request = tokenRequest("gus", {
      headers: { origin: "https://allowed.example" },
    });

    const response = await allowing().get(request, "gus");

    expect(response.status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(
      "https://allowed.example",
    );
    expect(response.headers.get("vary")).toBe("Origin");
  });

  it("refuses any other origin with 403 before minting", async () => {
    const request = tokenRequest("gus", {
      headers: { origin: "https://evil.example" },
    });

    const response = await allowing().get(request, "gus");

    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: "origin_not_allowed",
    });
    expect(lastLogRecord().upstreamCalls).toBe(0);
  });

  it("is same-origin only by default", async () => {
    const request = tokenRequest("gus", {
      headers: { origin: "https://allowed.example" },
    });

    const response = await endpoint().get(request, "gus");

    expect(response.status).toBe(403);
  });

  it("answers an allowed preflight with the methods and headers", () => {
    const request = new Request("http://app.test/api/chat/user/gus/token", {
      method: "OPTIONS",
      headers: {
        host: "app.test",
        origin: "https://allowed.example",
        "access-control-request-method": "GET",
      },
    });

    const response = allowing().preflight(request);

    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(
      "https://allowed.example",
    );
    expect(response.headers.get("access-control-allow-methods")).toContain(
      "GET",
    );
    expect(response.headers.get("access-control-allow-headers")).toContain(
      "x-access-code",
    );
  });

  it("refuses a preflight from another origin", () => {
    const request = new Request("http://app.test/api/chat/user/gus/token", {
      method: "OPTIONS",
      headers: { host: "app.test", origin: "https://evil.example" },
    });

    expect(allowing().preflight(request).status).toBe(403);
  });
});

describe("upstream failures", () => {
  it("answers 503 with Retry-After when Agora rate-limits the server", async () => {
    const upstream = await startStubUpstream(() => ({
      status: 429,
      body: { error: "reach_limit" },
      headers: { "Retry-After": "4" },
    }));
    const tokens = createTokenEndpoint(
      readServerConfig({ AGORA_EMULATOR_URL: upstream.url }),
    );

    const response = await tokens.get(tokenRequest("hal"), "hal");
    await upstream.close();

    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("4");
    expect(await response.json()).toMatchObject({
      error: "upstream_rate_limited",
      message: expect.stringContaining("exchange the app token"),
    });
    expect(lastLogRecord()).toMatchObject({ status: 503, upstreamCalls: 3 });
  });
});
