import { z } from "zod";

import { DEFAULT_EMULATOR_PORT, DEMO_APP } from "../lib/demo-app";
import { createLogger } from "./log";
import { SOCKET_PATH, startEmulator } from "./server";

// An empty variable means "not set", not port 0.
const unsetIfEmpty = (value: unknown) => (value === "" ? undefined : value);

const environmentSchema = z.object({
  AGORA_EMULATOR_PORT: z.preprocess(
    unsetIfEmpty,
    z.coerce
      .number({ error: "AGORA_EMULATOR_PORT must be a port number" })
      .int("AGORA_EMULATOR_PORT must be a whole number")
      .min(0, "AGORA_EMULATOR_PORT must be 0 to 65535")
      .max(65_535, "AGORA_EMULATOR_PORT must be 0 to 65535")
      .default(DEFAULT_EMULATOR_PORT),
  ),
  AGORA_EMULATOR_HOST: z.preprocess(
    unsetIfEmpty,
    z.string().default("127.0.0.1"),
  ),
});

const log = createLogger();

async function main(): Promise<void> {
  const environment = readEnvironment();
  const host = environment.AGORA_EMULATOR_HOST;
  const emulator = await startEmulator({
    port: environment.AGORA_EMULATOR_PORT,
    host,
  });

  const socketUrl = `ws://${new URL(emulator.url).host}${SOCKET_PATH}`;
  log(
    `listening rest=${emulator.url} socket=${socketUrl} appKey=${DEMO_APP.appKey} appId=${DEMO_APP.appId}`,
  );

  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      (error) => {
        log(`failed to stop: ${error}`);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

function readEnvironment() {
  const result = environmentSchema.safeParse(process.env);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => issue.message);
  throw new Error(`Invalid environment: ${issues.join("; ")}`);
}

main().catch((error) => {
  log(`failed to start: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
