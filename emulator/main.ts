import { readCliSettings, USAGE, UsageError, type CliSettings } from "./cli";
import { createLogger } from "./log";
import { startEmulator, type RunningEmulator } from "./server";

const log = createLogger();

async function main(): Promise<void> {
  const request = readCliSettings(process.argv.slice(2), process.env);
  if (request.help) {
    process.stdout.write(USAGE);
    return;
  }

  const { settings } = request;
  const emulator = await startEmulator({
    port: settings.port,
    host: settings.host,
    app: {
      appKey: settings.appKey,
      appId: settings.appId,
      appCertificate: settings.appCertificate,
    },
    maxDevicesPerUser: settings.maxDevicesPerUser,
    control: settings.control,
  });
  printStartBanner(emulator, settings);

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

// The certificate is printed on purpose: it is the emulator's own, signs
// tokens only an emulator accepts, and a client setup needs it.
function printStartBanner(emulator: RunningEmulator, settings: CliSettings) {
  const control = settings.control
    ? `on at ${emulator.url}/_emulator`
    : "off (--control)";

  log(`listening rest=${emulator.url} socket=${emulator.socketUrl}`);
  log(`  REST URL (apiUrl)   ${emulator.url}`);
  log(`  socket URL (url)    ${emulator.socketUrl}`);
  log(`  app key             ${settings.appKey}`);
  log(`  app id              ${settings.appId}`);
  log(`  app certificate     ${settings.appCertificate}`);
  log(`  control API         ${control}`);
  log("  emulator-only credentials: never use them with real Agora");
}

main().catch((error) => {
  const reason = error instanceof Error ? error.message : String(error);
  const hint = error instanceof UsageError ? " (see --help)" : "";
  log(`failed to start: ${reason}${hint}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
