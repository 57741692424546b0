import type Long from "long";

import { AccessTokenStore } from "./access-tokens";
import type { Logger } from "./log";
import { Mailbox } from "./mailbox";
import { toUInt64 } from "./protocol";
import { SessionRegistry } from "./sessions";
import { UserDirectory } from "./users";

export interface EmulatedApp {
  appId: string;
  appCertificate: string;
  /** `org#app`, the SDK's appKey. */
  appKey: string;
  orgName: string;
  appName: string;
}

/** Everything one running emulator knows; shared by REST and sockets. */
export interface EmulatorContext {
  app: EmulatedApp;
  /** Epoch milliseconds. */
  now: () => number;
  log: Logger;
  users: UserDirectory;
  accessTokens: AccessTokenStore;
  sessions: SessionRegistry;
  mailbox: Mailbox;
  nextServerId: () => Long;
}

/** A fresh, empty emulator state for one app. */
export function createContext(
  app: EmulatedApp,
  now: () => number,
  log: Logger,
): EmulatorContext {
  // Seeded from the clock so ids stay unique across emulator restarts,
  // as a browser may keep messages from an earlier run.
  let lastServerId = now() * 1000;

  return {
    app,
    now,
    log,
    users: new UserDirectory(),
    accessTokens: new AccessTokenStore(),
    sessions: new SessionRegistry(),
    mailbox: new Mailbox(),
    nextServerId: () => toUInt64(++lastServerId),
  };
}

/** Unix seconds, the unit AccessToken2 expiries are in. */
export function nowSeconds(context: EmulatorContext): number {
  return Math.floor(context.now() / 1000);
}
