import { parseArgs } from "node:util";

import { z } from "zod";

import { DEMO_APP } from "../../lib/demo-app";
import { buildChatAppToken, buildChatUserToken } from "../../lib/token";
import { ErrorCode } from "../protocol";
import { ProtocolClient } from "../testing/protocol-client";
import { appBaseUrl, callRest } from "../testing/rest-client";
import { startChildEmulator, type ChildEmulator } from "./child-emulator";
import { forEachConcurrently, formatTable, percentile } from "./stats";

// What issue "load" asks of the emulator on a small machine.
const TARGET = { p99LoginMs: 100, residentMb: 300 };

// Agora registers at most 60 users per batch call.
const REGISTRATION_BATCH = 50;

const REPLY_TIMEOUT_MS = 10_000;

const optionsSchema = z.object({
  sessions: z.coerce
    .number({ error: "--sessions must be a number" })
    .int("--sessions must be a whole number")
    .min(2, "--sessions must be at least 2")
    .default(1000),
  concurrency: z.coerce
    .number({ error: "--concurrency must be a number" })
    .int("--concurrency must be a whole number")
    .min(1, "--concurrency must be at least 1")
    // More logins in flight only queue up on two cores: the rate stays
    // near 950/s and each login waits longer.
    .default(20),
  messages: z.coerce
    .number({ error: "--messages must be a number" })
    .int("--messages must be a whole number")
    .min(1, "--messages must be at least 1")
    .default(5),
});

type LoadOptions = z.output<typeof optionsSchema>;

interface LoggedIn {
  user: string;
  client: ProtocolClient;
}

interface Results {
  sessions: number;
  loginSeconds: number;
  loginLatenciesMs: number[];
  sent: number;
  delivered: number;
  exchangeSeconds: number;
  errors: string[];
  peakResidentBytes: number;
}

async function main(): Promise<void> {
  const options = readOptions();
  const emulator = await startChildEmulator();
  const memory = sampleMemory(emulator);

  try {
    const results = await runLoad(emulator, options);
    results.peakResidentBytes = await memory.stop();
    const passed = report(results, options);
    process.exitCode = passed ? 0 : 1;
  } finally {
    await memory.stop();
    await emulator.stop();
  }
}

function readOptions(): LoadOptions {
  const { values } = parseArgs({
    options: {
      sessions: { type: "string" },
      concurrency: { type: "string" },
      messages: { type: "string" },
    },
  });
  const result = optionsSchema.safeParse(values);
  if (result.success) return result.data;

  throw new Error(result.error.issues.map((i) => i.message).join("; "));
}

async function runLoad(
  emulator: ChildEmulator,
  options: LoadOptions,
): Promise<Results> {
  const users = Array.from({ length: options.sessions }, (_, i) => {
    return `load-${String(i).padStart(5, "0")}`;
  });
  await registerAll(emulator.url, users);
  const tokens = users.map((user) => buildChatUserToken(DEMO_APP, user, 3600));

  const errors: string[] = [];
  const login = await logInAll(emulator, users, tokens, options, errors);
  const exchange = await exchangeMessages(login.sessions, options, errors);
  for (const { client } of login.sessions) client.close();

  return {
    sessions: login.sessions.length,
    loginSeconds: login.seconds,
    loginLatenciesMs: login.latenciesMs,
    ...exchange,
    errors,
    peakResidentBytes: 0,
  };
}

async function registerAll(url: string, users: string[]): Promise<void> {
  const bearer = buildChatAppToken(DEMO_APP, 600);

  for (let start = 0; start < users.length; start += REGISTRATION_BATCH) {
    const batch = users.slice(start, start + REGISTRATION_BATCH);
    const { status } = await callRest(
      `${appBaseUrl(url, DEMO_APP.appKey)}/users`,
      {
        method: "POST",
        bearer,
        body: batch.map((username) => ({ username, password: "load" })),
      },
    );
    if (status !== 200) throw new Error(`registering users failed: ${status}`);
  }
}

// A login is timed as the SDK's user waits for it: socket open, PROVISION
// and its answer, then the UNREAD the SDK sends right after.
async function logInAll(
  emulator: ChildEmulator,
  users: string[],
  tokens: string[],
  options: LoadOptions,
  errors: string[],
) {
  const sessions: LoggedIn[] = [];
  const latenciesMs: number[] = [];
  const startedAt = performance.now();

  await forEachConcurrently(users, options.concurrency, async (user, i) => {
    const loginStartedAt = performance.now();
    try {
      const client = await ProtocolClient.connect(emulator.socketUrl);
      const appKey = DEMO_APP.appKey;
      const reply = await client.login({ appKey, user, token: tokens[i]! });
      const code = reply.status?.errorCode ?? ErrorCode.OK;
      if (code !== ErrorCode.OK) throw new Error(`login ${user}: ${code}`);

      latenciesMs.push(performance.now() - loginStartedAt);
      await client.unread();
      sessions.push({ user, client });
    } catch (error) {
      errors.push(`login ${user}: ${describeError(error)}`);
    }
  });

  return {
    sessions,
    latenciesMs,
    seconds: (performance.now() - startedAt) / 1000,
  };
}

// Every user sends to the next one, all at once; then every recipient
// pulls what its NOTICEs announce, as the SDK does.
async function exchangeMessages(
  sessions: LoggedIn[],
  options: LoadOptions,
  errors: string[],
) {
  const startedAt = performance.now();
  let sent = 0;
  let delivered = 0;

  await Promise.all(
    sessions.map(async ({ user, client }, i) => {
      const peer = sessions[(i + 1) % sessions.length]!.user;
      for (let n = 0; n < options.messages; n++) {
        try {
          await client.sendText(peer, `message ${n} from ${user}`);
          sent++;
        } catch (error) {
          errors.push(`send ${user}: ${describeError(error)}`);
        }
      }
    }),
  );

  await Promise.all(
    sessions.map(async ({ user, client }, i) => {
      const sender = sessions[(i - 1 + sessions.length) % sessions.length]!;
      try {
        const received = await drain(client, sender.user, options.messages);
        delivered += received;
      } catch (error) {
        errors.push(`receive ${user}: ${describeError(error)}`);
      }
    }),
  );

  return {
    sent,
    delivered,
    exchangeSeconds: (performance.now() - startedAt) / 1000,
  };
}

async function drain(
  client: ProtocolClient,
  sender: string,
  expected: number,
): Promise<number> {
  let received = 0;
  while (received < expected) {
    await client.nextNotice(REPLY_TIMEOUT_MS);
    const pulled = await client.pull(sender);
    received += pulled.metas?.length ?? 0;
  }

  return received;
}

function sampleMemory(emulator: ChildEmulator) {
  let peak = 0;
  const sample = () =>
    emulator.residentBytes().then(
      (bytes) => (peak = Math.max(peak, bytes)),
      // The process may already be gone at the very end of a run.
      (error) => console.error(`memory sample failed: ${error}`),
    );
  const timer = setInterval(sample, 200);

  return {
    stop: async () => {
      clearInterval(timer);
      await sample();
      return peak;
    },
  };
}

function report(results: Results, options: LoadOptions): boolean {
  const p50 = percentile(results.loginLatenciesMs, 0.5);
  const p99 = percentile(results.loginLatenciesMs, 0.99);
  const residentMb = results.peakResidentBytes / 1024 / 1024;
  const checks = {
    sessions: results.sessions === options.sessions,
    p99: p99 < TARGET.p99LoginMs,
    delivered:
      results.delivered === results.sent &&
      results.sent === options.sessions * options.messages,
    errors: results.errors.length === 0,
    memory: residentMb < TARGET.residentMb,
  };
  const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL");
  const passed = Object.values(checks).every(Boolean);

  console.log(
    formatTable([
      [
        "sessions",
        `${results.sessions}/${options.sessions}`,
        verdict(checks.sessions),
      ],
      ["login concurrency", String(options.concurrency)],
      ["logins/s", (results.sessions / results.loginSeconds).toFixed(0)],
      ["login p50 (ms)", p50.toFixed(1)],
      [
        "login p99 (ms)",
        p99.toFixed(1),
        `${verdict(checks.p99)} < ${TARGET.p99LoginMs}`,
      ],
      ["messages/s", (results.delivered / results.exchangeSeconds).toFixed(0)],
      [
        "delivered/sent",
        `${results.delivered}/${results.sent}`,
        verdict(checks.delivered),
      ],
      ["errors", String(results.errors.length), verdict(checks.errors)],
      [
        "emulator RSS peak (MB)",
        residentMb.toFixed(0),
        `${verdict(checks.memory)} < ${TARGET.residentMb}`,
      ],
      ["result", passed ? "PASS" : "FAIL"],
    ]),
  );
  for (const error of results.errors.slice(0, 5)) console.log(`  ${error}`);

  return passed;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error) => {
  console.error(`load run failed: ${describeError(error)}`);
  process.exitCode = 1;
});
