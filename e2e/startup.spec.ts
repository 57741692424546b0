import { spawn } from "node:child_process";

import { expect, skipWhenRemote, test } from "./fixtures";

// Runs the production build the suite's web server made, with one bad
// setting, and expects the server to refuse to start.
skipWhenRemote("it starts a server of its own from the local build");

test("refuses to start with a bad AGORA_ setting, naming it", async () => {
  const server = spawn("npx", ["next", "start", "--port", "3199"], {
    env: { ...process.env, AGORA_TOKEN_TTL_SECONDS: "forever" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  server.stdout.on("data", (chunk) => (output += chunk));
  server.stderr.on("data", (chunk) => (output += chunk));

  const exitCode = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => {
      server.kill();
      resolve(null);
    }, 20_000);
    server.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });

  expect(exitCode).toBe(1);
  expect(output).toContain("AGORA_TOKEN_TTL_SECONDS must be a whole number");
});
