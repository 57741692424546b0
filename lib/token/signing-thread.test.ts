import { spawnSync } from "node:child_process";
import { EventEmitter } from "node:events";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
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

  it("sends the requests of one turn as one message", async () => {
    const worker = new ScriptedWorker();
    const thread = signingThread(() => scripted(worker));

    // Never answered: afterEach's stop() fails them.
    const unanswered = (promise: Promise<unknown>) => promise.catch(() => {});
    unanswered(thread.build(request("alice")));
    unanswered(thread.build(request("bob")));
    await nextTurn();
    unanswered(thread.build(request("carol")));
    await nextTurn();

    const users = (batch: unknown) =>
      (batch as UserTokenRequest[]).map((one) => one.userId);
    expect(worker.received.map(users)).toEqual([["alice", "bob"], ["carol"]]);
  });

  it("starts the worker on warm-up, before any request", () => {
    const spawn = vi.fn(() => scripted(new ScriptedWorker()));
    const thread = signingThread(spawn);

    thread.warmUp();
    thread.warmUp();

    expect(spawn).toHaveBeenCalledTimes(1);
  });

  it("fails a request that stop() caught before it was sent", async () => {
    const spawn = vi.fn(realSigner);
    const thread = signingThread(spawn);

    const caught = thread.build(request("alice"));
    await thread.stop();

    await expect(caught).rejects.toMatchObject({
      code: "token_signer_unavailable",
    });
    await nextTurn();
    expect(spawn).not.toHaveBeenCalled();
  });

  it("lets a script exit once its token is signed, and not before", () => {
    const script = join(tmpdir(), `sign-once-${process.pid}.mts`);
    const signer = fileURLToPath(
      new URL("./sign-user-token.ts", import.meta.url),
    );
    writeFileSync(
      script,
      [
        `import { signChatUserToken } from ${JSON.stringify(signer)};`,
        `const credentials = ${JSON.stringify(CREDENTIALS)};`,
        // The second request finds the worker started and idle.
        `await signChatUserToken(credentials, "alice", 60);`,
        `await new Promise((resolve) => setTimeout(resolve, 100));`,
        `const signed = await signChatUserToken(credentials, "alice", 60);`,
        `console.log(signed.token);`,
      ].join("\n"),
    );

    const run = spawnSync(process.execPath, ["--import", "tsx", script], {
      encoding: "utf8",
      timeout: 20_000,
    });

    expect(run.status).toBe(0);
    expectTokenFor(run.stdout.trim(), "alice");
  }, 30_000);

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
