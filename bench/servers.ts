import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";

export interface BenchServers {
  appUrl: string;
  emulatorUrl: string;
  stop(): Promise<void>;
}

/**
 * Builds the app, then starts the emulator (control API on) and `next
 * start` on ports of their own. Building every time keeps a stale build
 * from being measured.
 */
export async function startBenchServers(options: {
  appPort: number;
  emulatorPort: number;
  appEnv?: Record<string, string>;
}): Promise<BenchServers> {
  const emulatorUrl = `http://127.0.0.1:${options.emulatorPort}`;
  const appUrl = `http://127.0.0.1:${options.appPort}`;
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

  // A server already on a port would answer for ours and be measured.
  await ensurePortFree(options.emulatorPort);
  await ensurePortFree(options.appPort);
  await run("npx", ["next", "build"], env);

  const emulator = start("npx", [
    "tsx",
    "emulator/main.ts",
    "--port",
    String(options.emulatorPort),
    "--control",
  ]);
  const app = start(
    "npx",
    ["next", "start", "--port", String(options.appPort), "-H", "127.0.0.1"],
    { ...env, AGORA_EMULATOR_URL: emulatorUrl, ...options.appEnv },
  );
  const children = [emulator, app];

  await Promise.all([
    waitUntilUp(`${emulatorUrl}/health`, children),
    waitUntilUp(`${appUrl}/api/ping`, children),
  ]);

  return { appUrl, emulatorUrl, stop: () => stopAll(children) };
}

function ensurePortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", () =>
      reject(new Error(`port ${port} is in use; stop what listens on it`)),
    );
    probe.listen(port, "127.0.0.1", () => probe.close(() => resolve()));
  });
}

function start(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ChildProcess {
  // Output is dropped: the app logs a line per token request.
  return spawn(command, args, { env, stdio: "ignore", detached: true });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: "inherit" });
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`)),
    );
  });
}

async function waitUntilUp(url: string, children: ChildProcess[]) {
  const deadline = Date.now() + 60_000;

  while (Date.now() < deadline) {
    if (children.some((child) => child.exitCode !== null)) {
      throw new Error(`a server exited before ${url} answered`);
    }
    const isUp = await fetch(url).then(
      (response) => response.ok,
      () => false,
    );
    if (isUp) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  throw new Error(`${url} did not answer within 60 s`);
}

// Each server runs in its own process group, so npx's children go too.
async function stopAll(children: ChildProcess[]) {
  for (const child of children) {
    if (child.pid && child.exitCode === null)
      process.kill(-child.pid, "SIGTERM");
  }
  await Promise.all(
    children.map(
      (child) =>
        new Promise((resolve) =>
          child.exitCode === null ? child.on("exit", resolve) : resolve(null),
        ),
    ),
  );
}
