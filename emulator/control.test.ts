import Long from "long";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { DEMO_APP } from "../lib/demo-app";
import { buildChatAppToken, buildChatUserToken } from "../lib/token";
import {
  Command,
  ErrorCode,
  NameSpace,
  StatisticsOperation,
  decodeMessage,
} from "./protocol";
import { startEmulator, type RunningEmulator } from "./server";
import { ProtocolClient } from "./testing/protocol-client";
import { appBaseUrl, callRest, registerUser } from "./testing/rest-client";

let emulator: RunningEmulator;
let logLines: string[];
const clients: ProtocolClient[] = [];

beforeEach(async () => {
  logLines = [];
  emulator = await startEmulator({
    control: true,
    log: (line) => logLines.push(line),
  });
  await registerUser(emulator.url, DEMO_APP, "alice");
  await registerUser(emulator.url, DEMO_APP, "bob");
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await emulator.close();
});

const control = (path: string, body?: unknown, method = "POST") =>
  callRest(`${emulator.url}/_emulator/${path}`, { method, body });

async function loginAs(user: string, ttlSeconds = 600) {
  const client = await ProtocolClient.connect(emulator.socketUrl);
  clients.push(client);
  const token = buildChatUserToken(DEMO_APP, user, ttlSeconds);
  const reply = await client.login({ appKey: DEMO_APP.appKey, user, token });

  return { client, reply, token };
}

const expiryOf = (reply: { authToken?: string }) =>
  JSON.parse(reply.authToken ?? "{}").expires_in as number;

const base = () => appBaseUrl(emulator.url, DEMO_APP.appKey);

const getUser = (name: string) =>
  callRest(`${base()}/users/${name}`, {
    bearer: buildChatAppToken(DEMO_APP, 60),
  });

describe("when disabled", () => {
  it("answers 404 on every /_emulator path", async () => {
    const plain = await startEmulator({ log: () => {} });

    const reset = await callRest(`${plain.url}/_emulator/reset`, {
      method: "POST",
    });
    const calls = await callRest(`${plain.url}/_emulator/calls`);
    await plain.close();

    expect(reset.status).toBe(404);
    expect(calls.status).toBe(404);
  });
});

describe("state", () => {
  it("lists users and live sessions", async () => {
    await loginAs("alice");

    const users = await control("users", undefined, "GET");
    const sessions = await control("sessions", undefined, "GET");

    expect(users.body.users).toEqual([
      {
        username: "alice",
        uuid: expect.any(String),
        created: expect.any(Number),
      },
      {
        username: "bob",
        uuid: expect.any(String),
        created: expect.any(Number),
      },
    ]);
    expect(sessions.body.sessions).toEqual([
      {
        username: "alice",
        resource: expect.stringMatching(/^webim_web_/),
        expiresAt: expect.any(Number),
      },
    ]);
  });

  it("resets users, sessions, faults, counters and the clock", async () => {
    const { client } = await loginAs("alice");
    await control("faults", { endpoint: "get_user", count: 5, status: 503 });
    await control("clock", { shiftMs: 60_000 });
    await getUser("alice");

    const reset = await control("reset");

    expect(reset).toEqual({ status: 200, body: { ok: true } });
    await client.closed;
    expect((await control("users", undefined, "GET")).body.users).toEqual([]);
    expect((await control("sessions", undefined, "GET")).body.sessions).toEqual(
      [],
    );
    expect((await control("calls", undefined, "GET")).body.calls).toEqual({
      exchange_token: 0,
      get_user: 0,
      register_user: 0,
      renew_token: 0,
    });
    expect((await getUser("alice")).status).toBe(404);
    const clock = await control("clock", { shiftMs: 0 });
    expect(Math.abs((clock.body.now as number) - Date.now())).toBeLessThan(
      1000,
    );
  });
});

describe("kick", () => {
  it.each([
    ["removed", StatisticsOperation.USER_REMOVED],
    ["login_another_device", StatisticsOperation.USER_LOGIN_ANOTHER_DEVICE],
    ["password_changed", StatisticsOperation.USER_KICKED_BY_CHANGE_PASSWORD],
    ["other_device", StatisticsOperation.USER_KICKED_BY_OTHER_DEVICE],
  ])("pushes %s as operation %i and closes", async (reason, operation) => {
    const { client } = await loginAs("alice");

    const answer = await control("users/alice/kick", { reason });
    const push = await client.nextPush(Command.SYNC, "CommSyncDL");

    expect(answer).toEqual({ status: 200, body: { ok: true, sessions: 1 } });
    const [meta] = push.metas ?? [];
    expect(meta?.ns).toBe(NameSpace.STATISTIC);
    expect(meta?.to).toMatchObject({ name: "alice", domain: "easemob.com" });
    const body = decodeMessage(
      "StatisticsBody",
      meta?.payload ?? new Uint8Array(),
    );
    expect(body.operation).toBe(operation);
    await client.closed;
  });

  it("deletes the user it removes", async () => {
    await control("users/alice/kick", { reason: "removed" });

    expect((await getUser("alice")).status).toBe(404);
    expect((await getUser("bob")).status).toBe(200);
  });

  it("names the bad field and the unknown user", async () => {
    const badReason = await control("users/alice/kick", { reason: "bored" });
    const unknown = await control("users/carol/kick", { reason: "removed" });

    expect(badReason.status).toBe(400);
    expect(badReason.body.error_description).toMatch(/^reason: reason must be/);
    expect(unknown.status).toBe(404);
  });

  it("logs the oldest of five devices out as logged in elsewhere", async () => {
    const devices = [];
    for (let i = 0; i < 5; i++) devices.push(await loginAs("alice"));

    const push = await devices[0]!.client.nextPush(Command.SYNC, "CommSyncDL");
    const body = decodeMessage(
      "StatisticsBody",
      push.metas?.[0]?.payload ?? new Uint8Array(),
    );

    expect(body.operation).toBe(StatisticsOperation.USER_LOGIN_ANOTHER_DEVICE);
    await devices[0]!.client.closed;
    expect(
      (await control("sessions", undefined, "GET")).body.sessions,
    ).toHaveLength(4);
  });
});

describe("sessions", () => {
  it("drops a user's socket without a close frame", async () => {
    const { client } = await loginAs("alice");

    const answer = await control("sessions/alice/drop");

    expect(answer.body).toEqual({ ok: true, sessions: 1 });
    await expect(client.closed).resolves.toBe(1006);
  });

  it("answers 404 for a user with no live session", async () => {
    expect((await control("sessions/bob/drop")).status).toBe(404);
    expect((await control("sessions/bob/expire")).status).toBe(404);
  });

  it("expires a session: UNREAD at its expiry, then refuses the token", async () => {
    const { client, reply, token } = await loginAs("alice");

    await control("sessions/alice/expire");
    const push = await client.nextPush(Command.UNREAD, "CommUnreadDL");
    await client.closed;
    const again = await ProtocolClient.connect(emulator.socketUrl);
    clients.push(again);
    const refused = await again.login({
      appKey: DEMO_APP.appKey,
      user: "alice",
      token,
    });

    expect(
      Long.fromValue(push.timestamp ?? 0).toNumber(),
    ).toBeGreaterThanOrEqual(expiryOf(reply));
    expect(refused.status).toEqual({
      errorCode: ErrorCode.FAIL,
      reason: "Sorry, token expired",
    });
    expect((await loginAs("alice")).reply.status?.errorCode).toBe(ErrorCode.OK);
  });

  it("refuses to renew with a token it expired", async () => {
    const { token } = await loginAs("alice");
    await control("sessions/alice/expire");

    const renewal = await callRest(`${base()}/sdk/users/alice/token/expires`, {
      bearer: token,
    });

    expect(renewal.status).toBe(401);
  });
});

describe("clock", () => {
  it("shifts reply timestamps and token checks", async () => {
    const { client } = await loginAs("alice", 60);

    await control("clock", { shiftMs: 120_000 });
    const unread = await client.unread();
    const late = await ProtocolClient.connect(emulator.socketUrl);
    clients.push(late);
    const refused = await late.login({
      appKey: DEMO_APP.appKey,
      user: "bob",
      token: buildChatUserToken(DEMO_APP, "bob", 60),
    });

    const timestamp = Long.fromValue(unread.timestamp ?? 0).toNumber();
    expect(timestamp - Date.now()).toBeGreaterThan(119_000);
    expect(refused.status?.reason).toBe("Sorry, token expired");
  });

  it("refuses a shift that is not a whole number", async () => {
    const answer = await control("clock", { shiftMs: "soon" });

    expect(answer.status).toBe(400);
    expect(answer.body.error_description).toMatch(/^shiftMs: /);
  });
});

describe("faults and calls", () => {
  it("fails the next calls with the status and a default error", async () => {
    await control("faults", { endpoint: "get_user", count: 2, status: 429 });

    const first = await getUser("alice");
    const second = await getUser("alice");
    const third = await getUser("alice");

    expect(first.status).toBe(429);
    expect(first.body).toMatchObject({
      error: "reach_limit",
      exception: "ReachLimitException",
    });
    expect(second.status).toBe(429);
    expect(third.status).toBe(200);
    expect((await control("calls", undefined, "GET")).body.calls).toMatchObject(
      {
        get_user: 3,
      },
    );
  });

  it("queues faults in order and uses a given error code", async () => {
    await control("faults", { endpoint: "get_user", count: 1, status: 503 });
    await control("faults", {
      endpoint: "get_user",
      count: 1,
      status: 401,
      error: "token_expired",
    });

    const first = await getUser("alice");
    const second = await getUser("alice");

    expect([first.status, first.body.error]).toEqual([
      503,
      "service_unavailable",
    ]);
    expect([second.status, second.body.error]).toEqual([401, "token_expired"]);
  });

  it("delays a call and then answers it normally", async () => {
    await control("faults", { endpoint: "get_user", count: 1, delayMs: 300 });

    const startedAt = Date.now();
    const answer = await getUser("alice");

    expect(answer.status).toBe(200);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(290);
  });

  it("clears queued faults", async () => {
    await control("faults", { endpoint: "get_user", count: 3, status: 500 });

    await control("faults", undefined, "DELETE");

    expect((await getUser("alice")).status).toBe(200);
  });

  it("counts the renewal and registration calls", async () => {
    await loginAs("alice");
    const token = buildChatUserToken(DEMO_APP, "alice", 600);
    await callRest(`${base()}/sdk/users/alice/token/expires`, {
      bearer: token,
    });

    const { body } = await control("calls", undefined, "GET");

    expect(body.calls).toEqual({
      exchange_token: 0,
      get_user: 0,
      register_user: 2,
      renew_token: 1,
    });
  });

  it.each([
    [{ endpoint: "get_users", count: 1 }, /^endpoint: /],
    [{ endpoint: "get_user", count: 0 }, /^count: /],
    [{ endpoint: "get_user", count: 1, status: 302 }, /^status: /],
    [{ endpoint: "get_user", count: 1, delayMs: 60_000 }, /^delayMs: /],
  ])("refuses %j naming the field", async (body, message) => {
    const answer = await control("faults", body);

    expect(answer.status).toBe(400);
    expect(answer.body.error_description).toMatch(message);
  });
});
