import { afterEach, describe, expect, it } from "vitest";
import { WebSocket } from "ws";

import { DEMO_APP } from "../lib/demo-app";
import { buildChatUserToken } from "../lib/token";
import { Command, ErrorCode, encodeMessage } from "./protocol";
import {
  startEmulator,
  type EmulatorOptions,
  type RunningEmulator,
} from "./server";
import { encodeFrame, userJid } from "./socket/frames";
import { ProtocolClient } from "./testing/protocol-client";
import { registerUser } from "./testing/rest-client";

let emulator: RunningEmulator;
let logLines: string[];
const clients: ProtocolClient[] = [];

async function start(options: EmulatorOptions = {}) {
  logLines = [];
  emulator = await startEmulator({
    ...options,
    log: (line) => logLines.push(line),
  });
  await registerUser(emulator.url, DEMO_APP, "alice");
  await registerUser(emulator.url, DEMO_APP, "bob");
}

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await emulator.close();
});

async function connect(): Promise<ProtocolClient> {
  const client = await ProtocolClient.connect(emulator.socketUrl);
  clients.push(client);

  return client;
}

async function loginAs(user: string): Promise<ProtocolClient> {
  const client = await connect();
  const token = buildChatUserToken(DEMO_APP, user, 600);
  const reply = await client.login({ appKey: DEMO_APP.appKey, user, token });
  expect(reply.status?.errorCode ?? ErrorCode.OK).toBe(ErrorCode.OK);

  return client;
}

const closeLines = (pattern: RegExp) =>
  logLines.filter(
    (line) => line.includes("close socket") && pattern.test(line),
  );

async function expectStillServing(client: ProtocolClient) {
  const unread = await client.unread();

  expect(unread.status).toEqual({ errorCode: ErrorCode.OK });
}

describe("a peer that misbehaves is closed alone and logged once", () => {
  it("bytes that are not an MSync frame", async () => {
    await start();
    const healthy = await loginAs("bob");
    const broken = await loginAs("alice");

    broken.sendRaw(new Uint8Array([0x0a, 0xff, 0xff, 0xff, 0x0f]));

    await broken.closed;
    await expectStillServing(healthy);
    expect(closeLines(/user=alice .*does not decode/)).toHaveLength(1);
  });

  it("a text frame", async () => {
    await start();
    const healthy = await loginAs("bob");
    const socket = new WebSocket(emulator.socketUrl);
    await new Promise((resolve) => socket.once("open", resolve));

    socket.send("hello");

    await new Promise((resolve) => socket.once("close", resolve));
    await expectStillServing(healthy);
    expect(closeLines(/text frame/)).toHaveLength(1);
  });

  it("a frame before login", async () => {
    await start();
    const healthy = await loginAs("bob");
    const early = await connect();

    await expect(early.unread()).rejects.toThrow(/closed/);

    await expectStillServing(healthy);
    expect(closeLines(/user=- reason=command 1 before PROVISION/)).toHaveLength(
      1,
    );
  });

  it("a PROVISION with no user in its guid", async () => {
    await start();
    const healthy = await loginAs("bob");
    const anonymous = await connect();

    anonymous.sendRaw(
      encodeMessage("MSync", {
        command: Command.PROVISION,
        payload: encodeMessage("Provision", { resource: "webim_web_1" }),
      }),
    );

    await anonymous.closed;
    await expectStillServing(healthy);
    expect(closeLines(/login guid is invalid/)).toHaveLength(1);
  });

  it("a frame over the 1 MiB limit", async () => {
    await start();
    const healthy = await loginAs("bob");
    const big = await loginAs("alice");

    big.sendRaw(new Uint8Array(1024 * 1024 + 1));

    await expect(big.closed).resolves.toBe(1009);
    await expectStillServing(healthy);
    expect(closeLines(/user=alice .*Max payload size exceeded/)).toHaveLength(
      1,
    );
  });

  it("a login that never comes", async () => {
    await start({ loginTimeoutMs: 100 });
    const healthy = await loginAs("bob");
    const silent = await connect();

    await silent.closed;

    await expectStillServing(healthy);
    expect(closeLines(/user=- reason=no login in time/)).toHaveLength(1);
  });

  it("a client that stops reading while messages pile up for it", async () => {
    await start({ maxBufferedBytes: 256 * 1024 });
    const sender = await loginAs("alice");
    const stalled = await loginAs("bob");
    stalled.stopReading();
    const pullFromAlice = encodeFrame(Command.SYNC, "CommSyncUL", {
      queue: userJid(DEMO_APP.appKey, "alice"),
    });
    // A paused client cannot notice its socket closing, so the emulator's
    // log says when it gave up.
    const isDropped = () => closeLines(/user=bob /).length > 0;

    // Each round leaves 900 KB unread at bob's end, until the kernel's
    // buffers are full and the emulator's own queue passes the cap.
    for (let round = 0; round < 80 && !isDropped(); round++) {
      await sender.sendText("bob", "x".repeat(900 * 1024));
      stalled.sendRaw(pullFromAlice);
      await sender.unread();
    }

    expect(isDropped()).toBe(true);
    await expectStillServing(sender);
    expect(closeLines(/user=bob reason=client not reading/)).toHaveLength(1);
  });
});
