import "server-only";

import { getServerConfig, type ServerConfig } from "./config";
import { isAppError } from "./errors";
import { getSigningThread } from "./token/signing-thread";

/**
 * Validates the environment once as the server starts. A bad setting stops
 * the server with a message naming the variable, rather than failing each
 * request later; an open public deployment is announced loudly.
 */
export function checkConfigurationAtStartup(): void {
  let config: ServerConfig;
  try {
    config = getServerConfig();
  } catch (error) {
    // Whatever went wrong, a server that cannot read its settings must not
    // stay up answering 500s.
    const reason = isAppError(error) ? error.message : String(error);
    console.error(`[config] ${reason}. See .env.example.`);
    process.exit(1);
  }

  console.log(describeMode(config));
  if (config.publicConfig.isOpenToAnyone) warnOpenToAnyone();
}

/** Starts the token signing thread, so no request waits for it. */
export function startTokenSigning(): void {
  getSigningThread().warmUp();
}

function describeMode(config: ServerConfig): string {
  if (config.mode === "emulator") {
    return `[config] emulator mode: Agora Chat emulator at ${config.restBaseUrl}`;
  }

  return `[config] Agora mode: app key ${config.appKey}, REST ${config.restBaseUrl}, ${config.authFlow} flow`;
}

function warnOpenToAnyone(): void {
  console.warn(
    [
      "",
      "[config] WARNING: this public deployment uses real Agora credentials",
      "[config] and has no AGORA_ACCESS_CODE: anyone who finds the URL can get",
      "[config] Agora Chat tokens for any username. Set AGORA_ACCESS_CODE.",
      "",
    ].join("\n"),
  );
}
