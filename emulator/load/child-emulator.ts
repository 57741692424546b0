import { spawn, type ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createInterface } from "node:readline";

const BIN = new URL("../bin.mjs", import.meta.url).pathname;

const START_TIMEOUT_MS = 20_000;

/** An emulator in a process of its own, so its memory can be measured. */
export interface ChildEmulator {
  url: string;
  socketUrl: string;
  pid: number;
  /** Resident memory of the emulator process, in bytes. */
  residentBytes(): Promise<number>;
  stop(): Promise<void>;
}

/** Starts `agora-chat-emulator --port 0` and waits for its URLs. */
export function startChildEmulator(): Promise<ChildEmulator> {
  const child = spawn(process.execPath, [BIN, "--port", "0"], {
    stdio: ["ignore", "pipe", "inherit"],
  });

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error("the emulator did not start in 20 s"));
    }, START_TIMEOUT_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the emulator exited with ${code} before listening`));
    });

    // Every line must be read, or a full pipe would stall the emulator.
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => {
      const match = /listening rest=(\S+) socket=(\S+)/.exec(line);
      if (!match) return;

      clearTimeout(timer);
      child.removeAllListeners("exit");
      resolve(childHandle(child, match[1]!, match[2]!));
    });
  });
}

function childHandle(
  child: ChildProcess,
  url: string,
  socketUrl: string,
): ChildEmulator {
  const pid = child.pid ?? 0;

  return {
    url,
    socketUrl,
    pid,
    residentBytes: () => residentBytesOf(pid),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

// Linux only: VmRSS in /proc is the honest figure for another process.
async function residentBytesOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
  if (!match) throw new Error(`no VmRSS for process ${pid}`);

  return Number(match[1]) * 1024;
}
