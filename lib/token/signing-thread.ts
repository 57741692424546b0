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

/** A running worker and the batches it has not answered, oldest first. */
interface Signer {
  worker: Worker;
  unanswered: Batch[];
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
  private signer: Signer | null = null;
  private collecting: Batch | null = null;

  constructor(private readonly spawn: () => Worker = spawnSigner) {}

  /** The token, or null when the builder threw for this request. */
  build(request: UserTokenRequest): Promise<string | null> {
    const batch = this.collecting ?? this.collect();

    return new Promise((resolve, reject) => {
      batch.requests.push(request);
      batch.waiters.push({ resolve, reject });
    });
  }

  /** Starts the worker now, so the first request does not wait for it. */
  warmUp(): void {
    try {
      this.signer ??= this.start();
    } catch (error) {
      // Requests will try again, and fail with a 500 if it still cannot.
      console.error("[token] cannot start the signing thread:", error);
    }
  }

  /** Stops the worker; requests not yet answered fail. */
  async stop(): Promise<void> {
    const { signer, collecting } = this;
    this.signer = null;
    this.collecting = null;

    const unanswered = signer?.unanswered.splice(0) ?? [];
    fail(collecting ? [...unanswered, collecting] : unanswered);
    await signer?.worker.terminate();
  }

  private collect(): Batch {
    const batch: Batch = { requests: [], waiters: [] };
    this.collecting = batch;
    // After this turn's I/O callbacks, so a busy server sends few messages.
    setImmediate(() => this.send(batch));

    return batch;
  }

  private send(batch: Batch): void {
    // stop() has already failed it.
    if (this.collecting !== batch) return;
    this.collecting = null;

    try {
      const signer = (this.signer ??= this.start());
      signer.worker.postMessage(batch.requests);
      signer.unanswered.push(batch);
      // Awaited answers keep the process alive; an idle signer does not.
      signer.worker.ref();
    } catch (error) {
      // Runs from setImmediate: a throw here would crash the server.
      console.error("[token] cannot reach the signing thread:", error);
      fail([batch]);
    }
  }

  private start(): Signer {
    const signer: Signer = { worker: this.spawn(), unanswered: [] };
    const { worker, unanswered } = signer;
    worker.unref();

    // Each worker answers only its own batches, so an answer that comes
    // after it was replaced can never reach another worker's requests.
    worker.on("message", (tokens: (string | null)[]) => {
      const batch = unanswered.shift();
      batch?.waiters.forEach((waiter, i) => waiter.resolve(tokens[i] ?? null));
      if (unanswered.length === 0) worker.unref();
    });
    worker.on("error", (error) => this.lose(signer, error));
    worker.on("exit", (code) => this.lose(signer, `exit code ${code}`));
    // An answer that cannot be read would leave its batch waiting forever.
    worker.on("messageerror", (error) => {
      this.lose(signer, error);
      void worker.terminate();
    });

    return signer;
  }

  // Whatever the worker had not answered is lost with it; those requests
  // fail, and the next one starts a new worker.
  private lose(signer: Signer, reason: unknown): void {
    const wasCurrent = this.signer === signer;
    if (wasCurrent) this.signer = null;
    // A worker stop() ended has nothing left to report.
    if (!wasCurrent && signer.unanswered.length === 0) return;

    console.error("[token] the signing thread stopped:", reason);
    fail(signer.unanswered.splice(0));
  }
}

function fail(batches: Batch[]): void {
  const error = new AppError(
    "token_signer_unavailable",
    500,
    "The token signing thread stopped; ask again",
  );

  for (const batch of batches) {
    batch.waiters.forEach((waiter) => waiter.reject(error));
  }
}

function spawnSigner(): Worker {
  // Written out in full so that Next.js bundles the file as a worker entry.
  return new Worker(new URL("./sign-worker.mjs", import.meta.url));
}

// Kept on globalThis: Next.js may evaluate this module more than once in
// one process (per bundle layer, and again in `next dev` after an edit),
// and each copy must use the same worker rather than start another.
const SHARED = Symbol.for("agora-chat-token-lab.signing-thread");
const holder = globalThis as { [SHARED]?: SigningThread };

/** The signing thread of this process, started on first use. */
export function getSigningThread(): SigningThread {
  holder[SHARED] ??= new SigningThread();

  return holder[SHARED];
}
