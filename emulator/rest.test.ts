import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { DEMO_APP } from "../lib/demo-app";
import { buildChatAppToken, buildChatUserToken } from "../lib/token";
import { startEmulator, type RunningEmulator } from "./server";
import { appBaseUrl, callRest, registerUser } from "./testing/rest-client";

const OTHER_CERTIFICATE = "0123456789abcdef0123456789abcdef";

let emulator: RunningEmulator;
let clock: number;
let logLines: string[];
let base: string;

beforeEach(async () => {
  clock = Date.now();
  logLines = [];
  emulator = await startEmulator({
    port: 0,
    now: () => clock,
    log: (line) => logLines.push(line),
  });
  base = appBaseUrl(emulator.url, DEMO_APP.appKey);
});

afterEach(async () => {
  await emulator.close();
});

const appToken = (ttl = 600) => buildChatAppToken(DEMO_APP, ttl);

const foreignAppToken = () =>
  buildChatAppToken({ ...DEMO_APP, appCertificate: OTHER_CERTIFICATE }, 600);

async function exchange(
  bearer: string,
  body: unknown = { grant_type: "agora" },
) {
  return callRest(`${base}/token`, { method: "POST", bearer, body });
}

describe("health", () => {
  it("answers the readiness probe", async () => {
    const { status, body } = await callRest(`${emulator.url}/health`);

    expect(status).toBe(200);
    expect(body).toEqual({ ok: true });
  });
});

describe("POST /{org}/{app}/token", () => {
  it("exchanges a Chat app token for an access token that lasts as long", async () => {
    const { status, body } = await exchange(appToken(600));

    expect(status).toBe(200);
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.expires_in).toBeGreaterThanOrEqual(599);
    expect(body.expires_in).toBeLessThanOrEqual(600);
    const expectedExpiry = clock + (body.expires_in as number) * 1000;
    expect(
      Math.abs((body.expire_timestamp as number) - expectedExpiry),
    ).toBeLessThan(1000);
  });

  it("refuses an expired app token with 401 unauthorized", async () => {
    const token = appToken(60);
    clock += 61_000;

    const { status, body } = await exchange(token);

    expect(status).toBe(401);
    expect(body.error).toBe("unauthorized");
  });

  it("refuses an app token signed with another certificate", async () => {
    const { status, body } = await exchange(foreignAppToken());

    expect(status).toBe(401);
    expect(body).toMatchObject({
      error: "unauthorized",
      exception: "UnauthorizedException",
      timestamp: clock,
      duration: expect.any(Number),
      error_description: expect.any(String),
    });
  });

  it("refuses a user token as the app credential", async () => {
    const { status } = await exchange(
      buildChatUserToken(DEMO_APP, "alice", 600),
    );

    expect(status).toBe(401);
  });

  it("refuses a grant_type other than agora with 400 illegal_argument", async () => {
    const { status, body } = await exchange(appToken(), {
      grant_type: "password",
    });

    expect(status).toBe(400);
    expect(body.error).toBe("illegal_argument");
  });

  it("refuses a body that is not JSON with 400", async () => {
    const response = await fetch(`${base}/token`, {
      method: "POST",
      headers: { Authorization: `Bearer ${appToken()}` },
      body: "{not json",
    });

    expect(response.status).toBe(400);
    expect((await response.json()).error).toBe("json_parse");
  });
});

describe("users", () => {
  it("registers a user with an exchanged access token and finds it", async () => {
    const { body: exchanged } = await exchange(appToken());
    const bearer = exchanged.access_token as string;

    const created = await callRest(`${base}/users`, {
      method: "POST",
      bearer,
      body: { username: "alice", password: "secret" },
    });
    const found = await callRest(`${base}/users/alice`, { bearer });

    expect(created.status).toBe(200);
    const [entity] = created.body.entities as Record<string, unknown>[];
    expect(entity).toMatchObject({
      username: "alice",
      type: "user",
      activated: true,
    });
    expect(entity?.uuid).toMatch(/^[0-9a-f-]{36}$/);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({
      action: "get",
      count: 1,
      entities: [{ uuid: entity?.uuid, username: "alice", activated: true }],
    });
  });

  it("accepts a Chat app token directly as the Bearer", async () => {
    const uuid = await registerUser(emulator.url, DEMO_APP, "bob");

    const { status, body } = await callRest(`${base}/users/bob`, {
      bearer: appToken(),
    });

    expect(status).toBe(200);
    expect(body.entities).toEqual([expect.objectContaining({ uuid })]);
  });

  it("registers an array of users at once", async () => {
    const { status, body } = await callRest(`${base}/users`, {
      method: "POST",
      bearer: appToken(),
      body: [
        { username: "carol", password: "a" },
        { username: "dave", password: "b" },
      ],
    });

    expect(status).toBe(200);
    const names = (body.entities as { username: string }[]).map(
      (e) => e.username,
    );
    expect(names).toEqual(["carol", "dave"]);
  });

  it("answers 404 service_resource_not_found for an absent user", async () => {
    const { status, body } = await callRest(`${base}/users/nobody`, {
      bearer: appToken(),
    });

    expect(status).toBe(404);
    expect(body.error).toBe("service_resource_not_found");
  });

  it("answers 401 for a missing, unknown or expired bearer", async () => {
    const { body: exchanged } = await exchange(appToken(60));
    const accessToken = exchanged.access_token as string;

    const missing = await callRest(`${base}/users/alice`);
    const unknown = await callRest(`${base}/users/alice`, { bearer: "nope" });
    const foreign = await callRest(`${base}/users/alice`, {
      bearer: foreignAppToken(),
    });
    clock += 61_000;
    const expired = await callRest(`${base}/users/alice`, {
      bearer: accessToken,
    });

    const statuses = [missing, unknown, foreign, expired].map((r) => r.status);
    expect(statuses).toEqual([401, 401, 401, 401]);
    expect(expired.body.error).toBe("unauthorized");
  });

  it("refuses a second user with the same name", async () => {
    await registerUser(emulator.url, DEMO_APP, "alice");

    const { status, body } = await callRest(`${base}/users`, {
      method: "POST",
      bearer: appToken(),
      body: { username: "alice", password: "other" },
    });

    expect(status).toBe(400);
    expect(body.error).toBe("duplicate_unique_property_exists");
  });

  it.each([
    ["upper case", { username: "Alice", password: "x" }],
    ["a space", { username: "al ice", password: "x" }],
    ["65 characters", { username: "a".repeat(65), password: "x" }],
    ["an empty name", { username: "", password: "x" }],
    ["an empty password", { username: "alice", password: "" }],
    ["no password", { username: "alice" }],
  ])("refuses a registration with %s as illegal_argument", async (_, body) => {
    const response = await callRest(`${base}/users`, {
      method: "POST",
      bearer: appToken(),
      body,
    });

    expect(response.status).toBe(400);
    expect(response.body.error).toBe("illegal_argument");
    expect(response.body.error_description).toMatch(/username|password/);
  });

  it("explains which characters a username may have", async () => {
    const { body } = await callRest(`${base}/users`, {
      method: "POST",
      bearer: appToken(),
      body: { username: "Alice", password: "x" },
    });

    expect(body.error_description).toContain("lower-case a-z, digits 0-9");
  });
});

describe("routing", () => {
  it("answers 404 organization_application_not_found for another app", async () => {
    const { status, body } = await callRest(
      `${emulator.url}/other/app/users/alice`,
      { bearer: appToken() },
    );

    expect(status).toBe(404);
    expect(body.error).toBe("organization_application_not_found");
  });

  it("answers 404 JSON for an unknown path and 405 for a wrong method", async () => {
    const unknown = await callRest(`${emulator.url}/nothing/here/at/all`);
    const wrongMethod = await callRest(`${base}/token`);

    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toEqual(expect.any(String));
    expect(wrongMethod.status).toBe(405);
  });

  it("answers a CORS preflight with 204 and allows any origin", async () => {
    const preflight = await fetch(`${base}/sdk/users/alice/token/expires`, {
      method: "OPTIONS",
      headers: {
        Origin: "http://localhost:3000",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "authorization, content-type",
      },
    });
    const normal = await fetch(`${emulator.url}/health`);

    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toBe(
      "Authorization, Content-Type",
    );
    expect(preflight.headers.get("access-control-allow-methods")).toContain(
      "POST",
    );
    expect(normal.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("GET /{org}/{app}/sdk/users/{username}/token/expires", () => {
  const renew = (username: string, bearer: string) =>
    callRest(`${base}/sdk/users/${username}/token/expires`, { bearer });

  it("answers the new token's expiry in ms for a token signed with the UUID", async () => {
    const uuid = await registerUser(emulator.url, DEMO_APP, "alice");
    const token = buildChatUserToken(DEMO_APP, uuid, 300);

    const { status, body } = await renew("alice", token);

    expect(status).toBe(200);
    expect(Object.keys(body)).toEqual(["expire_timestamp"]);
    expect(
      Math.abs((body.expire_timestamp as number) - (Date.now() + 300_000)),
    ).toBeLessThan(2000);
    expect(
      logLines.filter((l) =>
        l.startsWith("[emulator] renew user=alice expires="),
      ),
    ).toHaveLength(1);
  });

  it("accepts a token signed with the username", async () => {
    await registerUser(emulator.url, DEMO_APP, "alice");

    const { status } = await renew(
      "alice",
      buildChatUserToken(DEMO_APP, "alice", 60),
    );

    expect(status).toBe(200);
  });

  it("answers 401 for another user's, an expired or a foreign token, or an unknown user", async () => {
    const aliceUuid = await registerUser(emulator.url, DEMO_APP, "alice");
    const bobUuid = await registerUser(emulator.url, DEMO_APP, "bob");
    const foreign = { ...DEMO_APP, appCertificate: OTHER_CERTIFICATE };

    const otherUser = await renew(
      "alice",
      buildChatUserToken(DEMO_APP, bobUuid, 60),
    );
    const wrongCertificate = await renew(
      "alice",
      buildChatUserToken(foreign, aliceUuid, 60),
    );
    const unknownUser = await renew(
      "zed",
      buildChatUserToken(DEMO_APP, "zed", 60),
    );
    const expiring = buildChatUserToken(DEMO_APP, aliceUuid, 60);
    clock += 61_000;
    const expired = await renew("alice", expiring);

    const results = [otherUser, wrongCertificate, unknownUser, expired];
    expect(results.map((r) => r.status)).toEqual([401, 401, 401, 401]);
    expect(expired.body.error).toBe("unauthorized");
  });

  it("never writes a token into the log", async () => {
    const uuid = await registerUser(emulator.url, DEMO_APP, "alice");
    const token = buildChatUserToken(DEMO_APP, uuid, 60);

    await renew("alice", token);
    await renew("alice", "garbage-token");

    expect(logLines.join("\n")).not.toContain(token);
    expect(logLines.join("\n")).not.toContain(DEMO_APP.appCertificate);
  });
});
