import Long from "long";
import { afterEach, beforeEach, describe, expect, it } from "vitest";

import { DEMO_APP } from "../lib/demo-app";
import { buildChatUserToken } from "../lib/token";
import { decodeMessage, ErrorCode, NameSpace } from "./protocol";
import { MAX_WAITING_PER_RECIPIENT } from "./mailbox";
import { startEmulator, type RunningEmulator } from "./server";
import { ProtocolClient } from "./testing/protocol-client";
import { appBaseUrl, callRest, registerUser } from "./testing/rest-client";

const OTHER_CERTIFICATE = "0123456789abcdef0123456789abcdef";

let emulator: RunningEmulator;
let clock: number;
let logLines: string[];
let socketUrl: string;
let uuids: Record<string, string>;
const clients: ProtocolClient[] = [];

beforeEach(async () => {
  clock = Date.now();
  logLines = [];
  emulator = await startEmulator({
    port: 0,
    now: () => clock,
    log: (line) => logLines.push(line),
  });
  socketUrl = `${emulator.url.replace("http", "ws")}/websocket`;
  uuids = {
    alice: await registerUser(emulator.url, DEMO_APP, "alice"),
    bob: await registerUser(emulator.url, DEMO_APP, "bob"),
  };
});

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await emulator.close();
});

async function connect(): Promise<ProtocolClient> {
  const client = await ProtocolClient.connect(socketUrl);
  clients.push(client);

  return client;
}

async function loginAs(user: string, ttlSeconds = 600) {
  const client = await connect();
  const token = buildChatUserToken(DEMO_APP, uuids[user] ?? user, ttlSeconds);
  const reply = await client.login({ appKey: DEMO_APP.appKey, user, token });

  return { client, reply, token };
}

const textOf = (payload: Uint8Array | undefined) =>
  decodeMessage("MessageBody", payload ?? new Uint8Array()).contents?.[0]?.text;

describe("login", () => {
  it("accepts a valid token and answers its expiry in epoch ms", async () => {
    const { reply } = await loginAs("alice", 600);

    expect(reply.status?.errorCode ?? ErrorCode.OK).toBe(ErrorCode.OK);
    expect(reply.resource).toMatch(/^webim_web_/);
    const { expires_in } = JSON.parse(reply.authToken ?? "{}");
    const tokenExpiry = Math.floor(Date.now() / 1000) * 1000 + 600_000;
    expect(Math.abs(expires_in - tokenExpiry)).toBeLessThanOrEqual(1000);
    expect(expires_in % 1000).toBe(0);
    const loginLines = logLines.filter((l) =>
      l.startsWith("[emulator] login user=alice resource=webim_web_"),
    );
    expect(loginLines).toHaveLength(1);
    expect(loginLines[0]).toMatch(/expires=\d{4}-\d\d-\d\dT.*Z$/);
  });

  it("accepts a token signed with the username", async () => {
    const client = await connect();
    const token = buildChatUserToken(DEMO_APP, "bob", 60);

    const reply = await client.login({
      appKey: DEMO_APP.appKey,
      user: "bob",
      token,
    });

    expect(reply.status?.errorCode ?? ErrorCode.OK).toBe(ErrorCode.OK);
  });

  it("refuses an expired token with 'Sorry, token expired' and closes", async () => {
    const client = await connect();
    const token = buildChatUserToken(DEMO_APP, uuids.alice!, 60);
    clock += 61_000;

    const reply = await client.login({
      appKey: DEMO_APP.appKey,
      user: "alice",
      token,
    });

    expect(reply.status).toEqual({
      errorCode: ErrorCode.FAIL,
      reason: "Sorry, token expired",
    });
    await expect(client.closed).resolves.toBeTypeOf("number");
    expect(
      logLines.filter((l) =>
        l.startsWith("[emulator] reject login user=alice reason=expired"),
      ),
    ).toHaveLength(1);
  });

  it("refuses a token signed with another certificate as not matching", async () => {
    const client = await connect();
    const foreign = { ...DEMO_APP, appCertificate: OTHER_CERTIFICATE };
    const token = buildChatUserToken(foreign, uuids.alice!, 60);

    const reply = await client.login({
      appKey: DEMO_APP.appKey,
      user: "alice",
      token,
    });

    expect(reply.status).toEqual({
      errorCode: ErrorCode.FAIL,
      reason: "Sorry, token or password does not match login info",
    });
    await client.closed;
  });

  it("refuses a token issued for another user as not matching", async () => {
    const client = await connect();
    const token = buildChatUserToken(DEMO_APP, uuids.bob!, 60);

    const reply = await client.login({
      appKey: DEMO_APP.appKey,
      user: "alice",
      token,
    });

    expect(reply.status?.reason).toBe(
      "Sorry, token or password does not match login info",
    );
    await client.closed;
  });

  it("refuses a valid token for a user who is not registered", async () => {
    const client = await connect();
    const token = buildChatUserToken(DEMO_APP, "carol", 60);

    const reply = await client.login({
      appKey: DEMO_APP.appKey,
      user: "carol",
      token,
    });

    expect(reply.status).toEqual({
      errorCode: ErrorCode.FAIL,
      reason: "Sorry, user not found",
    });
    await client.closed;
  });

  it("refuses another app key as UNAUTHORIZED", async () => {
    const client = await connect();
    const token = buildChatUserToken(DEMO_APP, uuids.alice!, 60);

    const reply = await client.login({
      appKey: "other#app",
      user: "alice",
      token,
    });

    expect(reply.status?.errorCode).toBe(ErrorCode.UNAUTHORIZED);
    await client.closed;
  });

  it("never writes a token into the log", async () => {
    const { token } = await loginAs("alice");
    const rejected = await connect();
    await rejected.login({ appKey: DEMO_APP.appKey, user: "bob", token });

    expect(logLines.join("\n")).not.toContain(token);
    expect(logLines.join("\n")).not.toContain(DEMO_APP.appCertificate);
  });

  it("closes a socket whose first frame is not PROVISION", async () => {
    const client = await connect();

    await expect(client.unread()).rejects.toThrow(/closed/);
    await client.closed;
  });

  it("closes a socket that never logs in", async () => {
    await emulator.close();
    emulator = await startEmulator({
      port: 0,
      loginTimeoutMs: 50,
      log: () => {},
    });
    const client = await ProtocolClient.connect(
      `${emulator.url.replace("http", "ws")}/websocket`,
    );

    await expect(client.closed).resolves.toBeTypeOf("number");
  });
});

describe("after login", () => {
  it("answers UNREAD with OK, no queues and the server's time", async () => {
    const { client } = await loginAs("alice");

    const unread = await client.unread();

    expect(unread.status).toEqual({ errorCode: ErrorCode.OK });
    expect(unread.unread).toEqual([]);
    expect(Long.fromValue(unread.timestamp ?? 0).toNumber()).toBe(clock);
  });

  it("acks a statistic meta with its id and a server id", async () => {
    const { client } = await loginAs("alice");

    const ack = await client.sendStatistic();

    expect(ack.status).toEqual({ errorCode: ErrorCode.OK });
    expect(ack.metaId).toBeDefined();
    expect(Long.fromValue(ack.serverId ?? 0).isZero()).toBe(false);
    expect(Long.fromValue(ack.timestamp ?? 0).toNumber()).toBe(clock);
  });

  it("extends the session's expiry through the renewal call", async () => {
    const { client, reply } = await loginAs("alice", 60);
    const firstExpiry = JSON.parse(reply.authToken ?? "{}").expires_in;
    const newToken = buildChatUserToken(DEMO_APP, uuids.alice!, 3600);

    const { status, body } = await callRest(
      `${appBaseUrl(emulator.url, DEMO_APP.appKey)}/sdk/users/alice/token/expires`,
      { bearer: newToken },
    );

    expect(status).toBe(200);
    expect(body.expire_timestamp).toBeGreaterThan(firstExpiry + 3_000_000);
    expect((await client.unread()).status?.errorCode).toBe(ErrorCode.OK);
  });

  it("closes a socket that sends a malformed frame, and only that one", async () => {
    const { client: broken } = await loginAs("alice");
    const { client: healthy } = await loginAs("bob");

    broken.sendRaw(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f]));

    await expect(broken.closed).resolves.toBeTypeOf("number");
    expect((await healthy.unread()).status?.errorCode).toBe(ErrorCode.OK);
    expect(
      logLines.filter((l) => l.includes("close socket user=alice")),
    ).toHaveLength(1);
  });
});

describe("socket limits", () => {
  it("closes a socket that sends a frame over 1 MiB", async () => {
    const { client } = await loginAs("alice");

    client.sendRaw(new Uint8Array(1024 * 1024 + 1));

    await expect(client.closed).resolves.toBe(1009);
  });

  it("refuses a WebSocket upgrade on any path but /websocket", async () => {
    const wrongPath = `${emulator.url.replace("http", "ws")}/socket`;

    await expect(ProtocolClient.connect(wrongPath)).rejects.toThrow(/404/);
  });
});

describe("one-to-one text", () => {
  it("notices bob live, and delivers the message once", async () => {
    const { client: alice } = await loginAs("alice");
    const { client: bob } = await loginAs("bob");

    const ack = await alice.sendText("bob", "hi bob");
    const notice = await bob.nextNotice();
    const first = await bob.pull("alice");
    const second = await bob.pull("alice");

    expect(ack.status).toEqual({ errorCode: ErrorCode.OK });
    expect(notice.queue).toMatchObject({
      appKey: DEMO_APP.appKey,
      name: "alice",
    });
    expect(first.isLast).toBe(true);
    expect(first.metas).toHaveLength(1);
    const [meta] = first.metas ?? [];
    expect(meta?.ns).toBe(NameSpace.CHAT);
    expect(meta?.from).toMatchObject({
      name: "alice",
      clientResource: expect.stringMatching(/^webim_web_/),
    });
    expect(meta?.to).toMatchObject({ name: "bob" });
    expect(
      Long.fromValue(meta?.id ?? 0).equals(Long.fromValue(ack.serverId ?? 0)),
    ).toBe(true);
    expect(textOf(meta?.payload)).toBe("hi bob");
    expect(second.metas).toEqual([]);
    expect(second.isLast).toBe(true);
  });

  it("keeps messages for bob while offline and lists them in UNREAD", async () => {
    const { client: alice } = await loginAs("alice");
    await alice.sendText("bob", "one");
    await alice.sendText("bob", "two");

    const { client: bob } = await loginAs("bob");
    const unread = await bob.unread();
    const pulled = await bob.pull("alice");

    expect(unread.unread).toEqual([
      { queue: expect.objectContaining({ name: "alice" }), n: 2 },
    ]);
    expect(pulled.metas?.map((m) => textOf(m.payload))).toEqual(["one", "two"]);
    expect((await bob.unread()).unread).toEqual([]);
  });

  it("makes the body name the real sender when a client forges it", async () => {
    const { client: alice } = await loginAs("alice");
    const { client: bob } = await loginAs("bob");

    await alice.sendText("bob", "hi, I am carol", "carol");
    const pulled = await bob.pull("alice");
    const payload = pulled.metas?.[0]?.payload ?? new Uint8Array();

    expect(decodeMessage("MessageBody", payload).from).toMatchObject({
      name: "alice",
    });
    expect(textOf(payload)).toBe("hi, I am carol");
  });

  it("keeps at most 500 waiting messages for one recipient", async () => {
    const { client: alice } = await loginAs("alice");

    for (let n = 0; n <= MAX_WAITING_PER_RECIPIENT; n++) {
      await alice.sendText("bob", `message ${n}`);
    }
    const { client: bob } = await loginAs("bob");

    expect((await bob.unread()).unread).toEqual([
      expect.objectContaining({ n: MAX_WAITING_PER_RECIPIENT }),
    ]);
  });
});
