import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { startEmulator, type RunningEmulator } from "../../emulator/server";
import { readServerConfig, type ServerConfig } from "../config";
import { DEMO_APP } from "../demo-app";
import {
  closedPortUrl,
  startStubUpstream,
  type StubAnswer,
  type StubCall,
  type StubUpstream,
} from "../testing/stub-upstream";
import { checkChatToken, decodeToken } from "../token";
import type { UpstreamTrace } from "./chat-rest";
import { TokenIssuer } from "./issue-user-token";

// Answers a lookup for the user the path names.
const USER_FOUND = (uuid: string, call: StubCall) => ({
  body: { entities: [{ uuid, username: call.path.split("/").pop() }] },
});
const USER_ABSENT: StubAnswer = {
  status: 404,
  body: { error: "service_resource_not_found" },
};
const EXCHANGED = (token: string): StubAnswer => ({
  body: { access_token: token, expires_in: 3600 },
});

function newTrace(): UpstreamTrace {
  return { calls: 0 };
}

function sumCalls(traces: UpstreamTrace[]): number {
  return traces.reduce((sum, trace) => sum + trace.calls, 0);
}

describe("TokenIssuer against the emulator", () => {
  let emulator: RunningEmulator;

  beforeEach(async () => {
    emulator = await startEmulator({ port: 0, log: () => {} });
  });

  afterEach(async () => {
    await emulator.close();
  });

  function issuerFor(env: Record<string, string> = {}) {
    return new TokenIssuer(
      readServerConfig({ AGORA_EMULATOR_URL: emulator.url, ...env }),
    );
  }

  it("registers a new user and signs a token for its UUID", async () => {
    const issued = await issuerFor().issue("alice", 60, newTrace());

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

  it("costs a new user an exchange, a lookup and a registration, then nothing", async () => {
    const issuer = issuerFor();
    const first = newTrace();
    const again = newTrace();
    const another = newTrace();

    const alice = await issuer.issue("alice", 60, first);
    const aliceAgain = await issuer.issue("alice", 60, again);
    await issuer.issue("bob", 60, another);

    expect(first.calls).toBe(3);
    expect(again.calls).toBe(0);
    expect(another.calls).toBe(2);
    expect(aliceAgain.uuid).toBe(alice.uuid);
  });

  it("registers a new user once under 50 concurrent first requests", async () => {
    const issuer = issuerFor();
    const traces = Array.from({ length: 50 }, newTrace);

    const issued = await Promise.all(
      traces.map((trace) => issuer.issue("crowd", 60, trace)),
    );

    expect(new Set(issued.map((token) => token.uuid)).size).toBe(1);
    expect(sumCalls(traces)).toBe(3);
  });

  it("refreshes the credential once under 50 concurrent requests", async () => {
    const issuer = issuerFor();
    const traces = Array.from({ length: 50 }, newTrace);

    await Promise.all(
      traces.map((trace, index) => issuer.issue(`user-${index}`, 60, trace)),
    );

    // One exchange, then a lookup and a registration for each user.
    expect(sumCalls(traces)).toBe(1 + 50 * 2);
  });

  it("looks a known user up again once its cache entry expired", async () => {
    const issuer = issuerFor({ AGORA_USER_CACHE_SECONDS: "1" });
    await issuer.issue("quinn", 60, newTrace());
    const later = newTrace();

    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await issuer.issue("quinn", 60, later);

    expect(later.calls).toBe(1);
  });

  it("grants no more than the configured lifetime", async () => {
    const issuer = issuerFor({ AGORA_TOKEN_TTL_SECONDS: "120" });

    const capped = await issuer.issue("carol", 86_400, newTrace());
    const unasked = await issuer.issue("carol", undefined, newTrace());

    expect(capped.ttlSeconds).toBe(120);
    expect(unasked.ttlSeconds).toBe(120);
  });

  it("signs the username with the app token as Bearer in the app-token flow", async () => {
    const issuer = issuerFor({ AGORA_CHAT_AUTH_FLOW: "app-token" });
    const trace = newTrace();

    const issued = await issuer.issue("dora", 60, trace);

    expect(decodeToken(issued.token).chat?.userId).toBe("dora");
    // No exchange: a lookup and a registration only.
    expect(trace.calls).toBe(2);
  });

  it("fails with a clear 502 when Agora refuses the app token", async () => {
    const issuer = new TokenIssuer(
      readServerConfig({
        AGORA_APP_ID: DEMO_APP.appId,
        AGORA_APP_CERTIFICATE: "0".repeat(32),
        AGORA_CHAT_APP_KEY: DEMO_APP.appKey,
        AGORA_CHAT_REST_HOST: emulator.url,
      }),
    );

    await expect(issuer.issue("dave", 60, newTrace())).rejects.toMatchObject({
      code: "upstream_unauthorized",
      status: 502,
      message: expect.stringMatching(/exchange the app token \(HTTP 401/),
    });
  });
});

describe("TokenIssuer under upstream faults", () => {
  let upstream: StubUpstream;
  let answer: (call: StubCall) => StubAnswer;

  beforeEach(async () => {
    upstream = await startStubUpstream((call) => answer(call));
  });

  afterEach(async () => {
    await upstream.close();
  });

  function issuer(env: Record<string, string> = {}): TokenIssuer {
    const config: ServerConfig = readServerConfig({
      AGORA_EMULATOR_URL: upstream.url,
      ...env,
    });

    return new TokenIssuer(config);
  }

  const callsTo = (method: string, pathPart: string) =>
    upstream.calls.filter(
      (call) => call.method === method && call.path.includes(pathPart),
    ).length;

  it("never registers a user when the lookup fails with another 404", async () => {
    answer = (call) =>
      call.path.endsWith("/token")
        ? EXCHANGED("t")
        : {
            status: 404,
            body: { error: "organization_application_not_found" },
          };

    await expect(issuer().issue("frank", 60, newTrace())).rejects.toMatchObject(
      {
        code: "upstream_failed",
        status: 502,
        message: expect.stringMatching(/look up user 'frank' \(HTTP 404/),
      },
    );
    expect(callsTo("POST", "/users")).toBe(0);
  });

  it("looks the user up again when a registration races another", async () => {
    let lookups = 0;
    answer = (call) => {
      if (call.path.endsWith("/token")) return EXCHANGED("t");
      if (call.method === "POST") {
        return {
          status: 400,
          body: { error: "duplicate_unique_property_exists" },
        };
      }
      lookups += 1;
      return lookups === 1 ? USER_ABSENT : USER_FOUND("raced-uuid", call);
    };

    const issued = await issuer().issue("gina", 60, newTrace());

    expect(issued.uuid).toBe("raced-uuid");
    expect(callsTo("POST", "/users")).toBe(1);
  });

  it("drops a cached credential Agora refuses and retries once", async () => {
    let exchanges = 0;
    answer = (call) => {
      if (call.path.endsWith("/token")) {
        exchanges += 1;
        return EXCHANGED(`chat-token-${exchanges}`);
      }
      // The first credential is revoked after its first use.
      const isRevoked =
        call.bearer === "chat-token-1" && callsTo("GET", "/users/") > 1;
      return isRevoked
        ? { status: 401, body: { error: "unauthorized" } }
        : USER_FOUND(`uuid-of-${call.path.split("/").pop()}`, call);
    };
    const shared = issuer();

    await shared.issue("hank", 60, newTrace());
    const issued = await shared.issue("ivy", 60, newTrace());

    expect(issued.uuid).toBe("uuid-of-ivy");
    expect(exchanges).toBe(2);
  });

  it("does not retry a 401 on a credential it just fetched", async () => {
    answer = (call) =>
      call.path.endsWith("/token")
        ? EXCHANGED("t")
        : { status: 401, body: { error: "unauthorized" } };

    await expect(issuer().issue("jay", 60, newTrace())).rejects.toMatchObject({
      code: "upstream_unauthorized",
    });
    expect(callsTo("POST", "/token")).toBe(1);
  });

  it("retries a lookup that fails with 5xx, then succeeds", async () => {
    let lookups = 0;
    answer = (call) => {
      if (call.path.endsWith("/token")) return EXCHANGED("t");
      lookups += 1;
      return lookups < 3 ? { status: 503, body: {} } : USER_FOUND("u", call);
    };

    const trace = newTrace();
    const issued = await issuer().issue("kim", 60, trace);

    expect(issued.uuid).toBe("u");
    expect(trace.calls).toBe(1 + 3);
  });

  it("refuses a lookup that answers with another user", async () => {
    answer = (call) =>
      call.path.endsWith("/token")
        ? EXCHANGED("t")
        : { body: { entities: [{ uuid: "theirs", username: "someone" }] } };

    await expect(issuer().issue("pia", 60, newTrace())).rejects.toMatchObject({
      code: "upstream_invalid_response",
      status: 502,
    });
  });

  it("never retries a registration", async () => {
    answer = (call) => {
      if (call.path.endsWith("/token")) return EXCHANGED("t");
      return call.method === "POST" ? { status: 503, body: {} } : USER_ABSENT;
    };

    await expect(issuer().issue("lee", 60, newTrace())).rejects.toMatchObject({
      code: "upstream_unavailable",
      status: 502,
    });
    expect(callsTo("POST", "/users")).toBe(1);
  });

  it("answers 503 with Retry-After when Agora keeps rate-limiting", async () => {
    answer = (call) =>
      call.path.endsWith("/token")
        ? EXCHANGED("t")
        : {
            status: 429,
            body: { error: "reach_limit" },
            headers: { "Retry-After": "7" },
          };

    await expect(issuer().issue("max", 60, newTrace())).rejects.toMatchObject({
      code: "upstream_rate_limited",
      status: 503,
      retryAfterSeconds: 7,
    });
    expect(callsTo("GET", "/users/")).toBe(3);
  });

  it("gives up with 504 when Agora does not answer in time", async () => {
    answer = () => ({ ...EXCHANGED("t"), delayMs: 1_000 });

    await expect(
      issuer({ AGORA_REST_TIMEOUT_MS: "100" }).issue("ned", 60, newTrace()),
    ).rejects.toMatchObject({
      code: "upstream_timeout",
      status: 504,
      message: expect.stringMatching(/within 100 ms/),
    });
  });

  it("fails with 502 when the REST API cannot be reached", async () => {
    const unreachable = new TokenIssuer(
      readServerConfig({ AGORA_EMULATOR_URL: await closedPortUrl() }),
    );

    await expect(
      unreachable.issue("ola", 60, newTrace()),
    ).rejects.toMatchObject({ code: "upstream_unreachable", status: 502 });
  });
});
