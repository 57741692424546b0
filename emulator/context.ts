import type Long from "long";

import { AccessTokenStore } from "./access-tokens";
import { CallCounter, FaultQueue } from "./control/faults";
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

/** The emulator's notion of time: a base clock plus a test-set shift. */
export interface EmulatorClock {
  shiftMs: number;
}

/** Everything one running emulator knows; shared by REST and sockets. */
export interface EmulatorContext {
  app: EmulatedApp;
  /** Epoch milliseconds: the base clock plus `clock.shiftMs`. */
  now: () => number;
  clock: EmulatorClock;
  log: Logger;
  users: UserDirectory;
  accessTokens: AccessTokenStore;
  sessions: SessionRegistry;
  mailbox: Mailbox;
  /** User tokens the control API expired before their time. */
  expiredTokens: Set<string>;
  faults: FaultQueue;
  calls: CallCounter;
  /** Closes every socket, logged in or not, at once. */
  disconnectAll: () => void;
  nextServerId: () => Long;
}

export interface ContextSettings {
  app: EmulatedApp;
  baseNow: () => number;
  log: Logger;
  disconnectAll: () => void;
}

/** A fresh, empty emulator state for one app. */
export function createContext(settings: ContextSettings): EmulatorContext {
  const clock: EmulatorClock = { shiftMs: 0 };
  const now = () => settings.baseNow() + clock.shiftMs;

  // Seeded from the clock so ids stay unique across emulator restarts,
  // as a browser may keep messages from an earlier run.
  let lastServerId = now() * 1000;

  return {
    app: settings.app,
    now,
    clock,
    log: settings.log,
    users: new UserDirectory(),
    accessTokens: new AccessTokenStore(),
    sessions: new SessionRegistry(),
    mailbox: new Mailbox(),
    expiredTokens: new Set(),
    faults: new FaultQueue(),
    calls: new CallCounter(),
    disconnectAll: settings.disconnectAll,
    nextServerId: () => toUInt64(++lastServerId),
  };
}

/** Forgets every user, token, message, fault and count; closes sockets. */
export function resetContext(context: EmulatorContext): void {
  context.disconnectAll();
  context.sessions.clear();
  context.users.clear();
  context.accessTokens.clear();
  context.mailbox.clear();
  context.expiredTokens.clear();
  context.faults.clear();
  context.calls.clear();
  context.clock.shiftMs = 0;
}

/** Unix seconds, the unit AccessToken2 expiries are in. */
export function nowSeconds(context: EmulatorContext): number {
  return Math.floor(context.now() / 1000);
}
