import { EventEmitter } from "node:events";
import { Worker } from "node:worker_threads";

import { afterEach, describe, expect, it, vi } from "vitest";

import type { UserTokenRequest } from "./build";
import { decodeToken, isSignedWith } from "./decode";
import { SigningThread } from "./signing-thread";

const CREDENTIALS = {
  appId: "970CA35de60c44645bbae8a215061b33",
  appCertificate: "5CFd2fd1755d40ecb72977518be15d3b",
};

const request = (userId: string): UserTokenRequest => ({
  ...CREDENTIALS,
  userId,
  ttlSeconds: 60,
});

const realSigner = () =>
  new Worker(new URL("./sign-worker.mjs", import.meta.url));

// A worker written inline, for the ways a signer can misbehave.
const inlineWorker = (body: string) =>
  new Worker(
    `const { parentPort } = require("node:worker_threads");\n${body}`,
    { eval: true },
  );

// A stand-in whose answers and exits the test decides.
class ScriptedWorker extends EventEmitter {
  readonly received: unknown[] = [];

  postMessage(batch: unknown) {
    this.received.push(batch);
  }
  ref() {}
  unref() {}
  async terminate() {
    return 0;
  }
}

const scripted = (worker: ScriptedWorker) => worker as unknown as Worker;

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

const threads: SigningThread[] = [];

function signingThread(spawn: () => Worker = realSigner): SigningThread {
  const thread = new SigningThread(spawn);
  threads.push(thread);

  return thread;
}

afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(threads.splice(0).map((thread) => thread.stop()));
});

function expectTokenFor(token: string | null, userId: string) {
  expect(token).not.toBeNull();
  expect(isSignedWith(token!, CREDENTIALS.appCertificate)).toBe(true);
  expect(decodeToken(token!).chat?.userId).toBe(userId);
}

describe("SigningThread", () => {
  it("answers each request of a batch with its own token", async () => {
    const thread = signingThread();
    const users = Array.from({ length: 50 }, (_, i) => `user-${i}`);

    const tokens = await Promise.all(
      users.map((user) => thread.build(request(user))),
    );

    tokens.forEach((token, i) => expectTokenFor(token, users[i]!));
  });

  it("keeps batches sent in different turns apart", async () => {
    const thread = signingThread();
    const first = thread.build(request("first"));
    await nextTurn();
    const second = thread.build(request("second"));

    expectTokenFor(await second, "second");
    expectTokenFor(await first, "first");
  });

  it("fails what a stopped worker held, then starts a new one", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const spawns = [
      () => inlineWorker(`parentPort.on("message", () => process.exit(3));`),
      realSigner,
    ];
    const thread = signingThread(() => spawns.shift()!());

    const lost = thread.build(request("alice"));

    await expect(lost).rejects.toMatchObject({
      code: "token_signer_unavailable",
      status: 500,
    });
    expectTokenFor(await thread.build(request("alice")), "alice");
  });

  it("fails a request, not the process, when no worker starts", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const thread = signingThread(() => {
      throw new Error("no threads here");
    });

    await expect(thread.build(request("alice"))).rejects.toMatchObject({
      code: "token_signer_unavailable",
    });
  });

  it("ignores a late answer from a worker it has replaced", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const [old, fresh] = [new ScriptedWorker(), new ScriptedWorker()];
    const spawns = [old, fresh];
    const thread = signingThread(() => scripted(spawns.shift()!));

    const lost = thread.build(request("alice"));
    await nextTurn();
    old.emit("exit", 1);
    await expect(lost).rejects.toMatchObject({
      code: "token_signer_unavailable",
    });
    const bobs = thread.build(request("bob"));
    await nextTurn();
    old.emit("message", ["007-alices-token"]);
    fresh.emit("message", ["007-bobs-token"]);

    await expect(bobs).resolves.toBe("007-bobs-token");
  });

  it("fails a batch whose answer cannot be read", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const worker = new ScriptedWorker();
    const thread = signingThread(() => scripted(worker));

    const waiting = thread.build(request("alice"));
    await nextTurn();
    worker.emit("messageerror", new Error("cannot deserialize"));

    await expect(waiting).rejects.toMatchObject({
      code: "token_signer_unavailable",
    });
  });

  it("passes on the null answered for a builder that threw", async () => {
    const thread = signingThread(() =>
      inlineWorker(
        `parentPort.on("message", (batch) =>
          parentPort.postMessage(batch.map(() => null)));`,
      ),
    );

    await expect(thread.build(request("alice"))).resolves.toBeNull();
  });
});
