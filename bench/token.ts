// npm run bench:token — the token route against a trivial route of the
// same app, and the upstream calls it makes, on a production build.
import autocannon from "autocannon";

import { startBenchServers } from "./servers";

const ROUNDS = 3;
const ROUND_SECONDS = 5;
const CONNECTIONS = 32;
const WARM_USERS = 500;
const NEW_USERS = 500;
const TARGET_RATIO = 0.8;

type Counts = Record<string, number>;

interface Sample {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  failures: number;
}

async function main() {
  const servers = await startBenchServers({
    appPort: 3510,
    emulatorPort: 4510,
    // One client drives all the load: the rate limits are off here.
    appEnv: {
      AGORA_TOKEN_RATE_LIMIT_PER_MINUTE: "0",
      AGORA_TOKEN_RATE_LIMIT_TOTAL_PER_MINUTE: "0",
      // Emulator mode rechecks users after 30 s; the run takes longer.
      AGORA_USER_CACHE_SECONDS: "600",
    },
  });

  try {
    await report(servers.appUrl, servers.emulatorUrl);
  } finally {
    await servers.stop();
  }
}

async function report(appUrl: string, emulatorUrl: string) {
  const counts = () => callCounts(emulatorUrl);
  const warmUsers = Array.from({ length: WARM_USERS }, (_, i) => `warm-${i}`);
  await load(appUrl, tokenPaths(warmUsers), { amount: WARM_USERS });

  const beforeWarm = await counts();
  const ping: Sample[] = [];
  const token: Sample[] = [];
  // Alternating rounds keep drift (JIT, GC, the other core) off the ratio.
  for (let round = 0; round < ROUNDS; round++) {
    ping.push(await load(appUrl, () => "/api/ping"));
    token.push(await load(appUrl, tokenPaths(warmUsers)));
  }
  const warmCalls = upstreamCalls(beforeWarm, await counts());

  const beforeNew = await counts();
  const newUsers = await load(appUrl, tokenPaths(freshNames()), {
    amount: NEW_USERS,
  });
  const newCalls = upstreamCalls(beforeNew, await counts());

  printTable(combine(ping), combine(token), newUsers, warmCalls, newCalls);
}

function tokenPaths(users: string[]): () => string {
  let next = 0;

  return () => `/api/chat/user/${users[next++ % users.length]}/token`;
}

function freshNames(): string[] {
  const run = Date.now().toString(36);

  return Array.from({ length: NEW_USERS }, (_, i) => `new-${run}-${i}`);
}

async function load(
  baseUrl: string,
  nextPath: () => string,
  limit: { amount?: number } = {},
): Promise<Sample> {
  const result = await autocannon({
    url: baseUrl,
    connections: CONNECTIONS,
    ...(limit.amount ? { amount: limit.amount } : { duration: ROUND_SECONDS }),
    requests: [
      { setupRequest: (request) => ({ ...request, path: nextPath() }) },
    ],
  });

  return {
    requests: result.requests.total,
    seconds: result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  };
}

function combine(samples: Sample[]): Sample {
  const sum = (pick: (sample: Sample) => number) =>
    samples.reduce((total, sample) => total + pick(sample), 0);

  return {
    requests: sum((sample) => sample.requests),
    seconds: sum((sample) => sample.seconds),
    p50: sum((sample) => sample.p50) / samples.length,
    p99: Math.max(...samples.map((sample) => sample.p99)),
    failures: sum((sample) => sample.failures),
  };
}

async function callCounts(emulatorUrl: string): Promise<Counts> {
  const response = await fetch(`${emulatorUrl}/_emulator/calls`);

  return (await response.json()).calls;
}

function upstreamCalls(before: Counts, after: Counts): number {
  // The SDK's renewal call is not the token server's upstream work.
  const serverEndpoints = ["exchange_token", "get_user", "register_user"];

  return serverEndpoints.reduce(
    (total, name) => total + (after[name]! - before[name]!),
    0,
  );
}

function printTable(
  ping: Sample,
  token: Sample,
  newUsers: Sample,
  warmCalls: number,
  newCalls: number,
) {
  const rps = (sample: Sample) => sample.requests / sample.seconds;
  const ratio = rps(token) / rps(ping);
  const warmPerRequest = warmCalls / token.requests;
  const newPerRequest = newCalls / newUsers.requests;
  const row = (name: string, sample: Sample, calls: string) =>
    `| ${name.padEnd(22)} | ${rps(sample).toFixed(0).padStart(7)} | ${sample.p50.toFixed(1).padStart(7)} | ${sample.p99.toFixed(1).padStart(7)} | ${calls.padStart(14)} | ${String(sample.failures).padStart(8)} |`;

  console.log(`
| route                  |   req/s | p50 ms  | p99 ms  | upstream/req   | failures |
| ---------------------- | ------- | ------- | ------- | -------------- | -------- |
${row("GET /api/ping", ping, "-")}
${row("token, warm users", token, warmPerRequest.toFixed(3))}
${row("token, new users", newUsers, newPerRequest.toFixed(3))}

token/ping throughput ratio: ${ratio.toFixed(2)} (target >= ${TARGET_RATIO})
${verdict(ratio, warmCalls, newPerRequest, [ping, token, newUsers])}`);
}

function verdict(
  ratio: number,
  warmCalls: number,
  newPerRequest: number,
  samples: Sample[],
): string {
  const checks = [
    [ratio >= TARGET_RATIO, `ratio ${ratio.toFixed(2)} >= ${TARGET_RATIO}`],
    [warmCalls === 0, `warm users made ${warmCalls} upstream calls (0)`],
    // Lookup and registration; the credential was refreshed in warm-up.
    [newPerRequest <= 2, `new users ${newPerRequest.toFixed(3)} calls (<= 2)`],
    [samples.every((s) => s.failures === 0), "no failed request"],
  ] as const;

  return checks
    .map(([passed, text]) => `${passed ? "PASS" : "FAIL"} ${text}`)
    .join("\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
