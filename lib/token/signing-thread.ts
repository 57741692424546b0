import { Worker } from "node:worker_threads";

import { AppError } from "../errors";
import type { UserTokenRequest } from "./build";

interface Waiter {
  resolve(token: string | null): void;
  reject(error: Error): void;
}

interface Batch {
  requests: UserTokenRequest[];
  waiters: Waiter[];
}

/**
 * Runs the official token builder on a worker thread. Signing is most of a
 * token request's own CPU time (a deflate and three HMACs), and on the
 * event loop that time is taken from every other request the server is
 * serving. Requests that arrive in one turn of the event loop travel as
 * one message: a message per request cost this thread more than signing
 * had. The worker answers batches in the order they were sent.
 */
export class SigningThread {
  private worker: Worker | null = null;
  private collecting: Batch | null = null;
  private readonly sent: Batch[] = [];

  constructor(private readonly spawn: () => Worker = spawnSigner) {}

  /** The token, or null when the builder threw for this request. */
  build(request: UserTokenRequest): Promise<string | null> {
    const batch = this.collecting ?? this.collect();

    return new Promise((resolve, reject) => {
      batch.requests.push(request);
      batch.waiters.push({ resolve, reject });
    });
  }

  private collect(): Batch {
    const batch: Batch = { requests: [], waiters: [] };
    this.collecting = batch;
    // After this turn's I/O callbacks, so a busy server sends few messages.
    setImmediate(() => this.send(batch));

    return batch;
  }

  private send(batch: Batch): void {
    this.collecting = null;

    try {
      const worker = this.worker ?? this.start();
      worker.postMessage(batch.requests);
      this.sent.push(batch);
      // Awaited answers keep the process alive; an idle signer does not.
      worker.ref();
    } catch (error) {
      // Runs from setImmediate: a throw here would crash the server.
      console.error("[token] cannot reach the signing thread:", error);
      this.fail([batch]);
    }
  }

  private start(): Worker {
    const worker = this.spawn();

    worker.on("message", (tokens: (string | null)[]) => {
      // A replaced worker's late answer would be matched to the wrong
      // batch, handing one user another's token; its batches failed.
      if (this.worker !== worker) return;

      const batch = this.sent.shift();
      batch?.waiters.forEach((waiter, i) => waiter.resolve(tokens[i] ?? null));
      if (this.sent.length === 0) worker.unref();
    });
    worker.on("error", (error) => this.lose(worker, error));
    worker.on("exit", (code) => this.lose(worker, `exit code ${code}`));
    // An answer that cannot be read would leave its batch waiting forever.
    worker.on("messageerror", (error) => {
      this.lose(worker, error);
      void worker.terminate();
    });

    this.worker = worker;
    return worker;
  }

  // Whatever the worker had not answered is lost with it; those requests
  // fail, and the next one starts a new worker.
  private lose(worker: Worker, reason: unknown): void {
    if (this.worker !== worker) return;
    this.worker = null;

    console.error("[token] the signing thread stopped:", reason);
    this.fail(this.sent.splice(0));
  }

  private fail(batches: Batch[]): void {
    const error = new AppError(
      "token_signer_unavailable",
      500,
      "The token signing thread stopped; ask again",
    );

    for (const batch of batches) {
      batch.waiters.forEach((waiter) => waiter.reject(error));
    }
  }

  /** Stops the worker; requests it had not answered fail. For tests. */
  async stop(): Promise<void> {
    const worker = this.worker;
    this.worker = null;

    this.fail(this.sent.splice(0));
    await worker?.terminate();
  }
}

function spawnSigner(): Worker {
  // Written out in full so that Next.js bundles the file as a worker entry.
  return new Worker(new URL("./sign-worker.mjs", import.meta.url));
}

let shared: SigningThread | undefined;

/** The signing thread of this process, started on first use. */
export function getSigningThread(): SigningThread {
  shared ??= new SigningThread();

  return shared;
}
