import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

import { expect, type Page } from "@playwright/test";

import { DEMO_APP } from "../../lib/demo-app";
import { buildChatAppToken } from "../../lib/token";
import { EMULATOR_PORT, EMULATOR_URL } from "../../e2e/servers";

/** The two builds of the pinned SDK a fidelity test runs against. */
export const SDK_BUILDS = [
  { name: "full", file: "node_modules/agora-chat/Agora-chat.js" },
  { name: "miniCore", file: "node_modules/agora-chat/miniCore/miniCore.js" },
] as const;

export type SdkBuild = (typeof SDK_BUILDS)[number];

export const SOCKET_URL = `ws://127.0.0.1:${EMULATOR_PORT}/websocket`;

/** An SDK event as the page recorded it. */
export interface SdkEvent {
  name: string;
  /** The error type, for onError. */
  type?: number;
  from?: string;
  text?: string;
}

/** What an SDK promise settled with, as the page reports it. */
export interface SdkOutcome {
  ok: boolean;
  /** The error type when it rejected, if the SDK gave one. */
  type?: number;
  /** The error's message, to explain a failure. */
  message?: string;
  expire?: number;
}

interface ConnectionSettings {
  build: SdkBuild["name"];
  appKey: string;
  url: string;
  apiUrl: string;
}

/** The page's side: one SDK connection per id, and what each one saw. */
interface FidelityPage {
  create(id: string, settings: ConnectionSettings): void;
  open(id: string, user: string, token: string): Promise<SdkOutcome>;
  renew(id: string, token: string): Promise<SdkOutcome>;
  sendText(id: string, to: string, text: string): Promise<SdkOutcome>;
  close(id: string): void;
  events(id: string): SdkEvent[];
}

declare global {
  interface Window {
    fidelity: FidelityPage;
    websdk: { default: SdkModule };
  }
}

// Loose on purpose: the two builds' types differ and only these are used.
interface SdkConnection {
  open(params: Record<string, string>): Promise<unknown>;
  renewToken(token: string): Promise<{ expire?: number }>;
  send(message: unknown): Promise<unknown>;
  close(): void;
  addEventHandler(id: string, handlers: Record<string, unknown>): void;
  Message?: { create(options: Record<string, string>): unknown };
}

interface SdkModule {
  new (options: Record<string, unknown>): SdkConnection;
  connection: new (options: Record<string, unknown>) => SdkConnection;
  message: { create(options: Record<string, string>): unknown };
}

/** A chat username no other test uses, so tests can run in parallel. */
export function uniqueUser(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

/** Registers users in the emulator through its Agora REST API. */
export async function registerUsers(...usernames: string[]): Promise<void> {
  const response = await fetch(`${EMULATOR_URL}/demo/tokenlab/users`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${buildChatAppToken(DEMO_APP, 600)}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify(
      usernames.map((username) => ({ username, password: "secret" })),
    ),
  });
  expect(response.status, await response.text()).toBe(200);
}

/** Calls the emulator's control API and returns the parsed answer. */
export async function control(path: string, body?: unknown) {
  const response = await fetch(`${EMULATOR_URL}/_emulator/${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  expect(response.status, `control ${path}`).toBe(200);

  return response.json();
}

/** Opens a blank page that has loaded one build of the SDK. */
export async function openSdkPage(page: Page, build: SdkBuild): Promise<void> {
  if (process.env.AGORA_FIDELITY_DEBUG) {
    page.on("console", (line) => console.log(`[page] ${line.text()}`));
  }

  await page.addInitScript(installFidelityPage);
  await page.goto(`${await pageServerUrl()}/${build.name}`);
}

let pageServer: Promise<string> | null = null;

// A real loopback server, not a routed URL: Chromium lets only a page that
// came from a local address open a socket to 127.0.0.1. Its own port also
// makes the SDK's REST call cross-origin, so CORS is exercised too.
function pageServerUrl(): Promise<string> {
  pageServer ??= new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      const build = SDK_BUILDS.find((b) => request.url === `/${b.name}.js`);
      if (build) {
        response.writeHead(200, { "Content-Type": "text/javascript" });
        response.end(readFileSync(path.resolve(build.file)));
        return;
      }

      const name = (request.url ?? "/").slice(1);
      response.writeHead(200, { "Content-Type": "text/html" });
      response.end(
        `<!doctype html><title>sdk</title><script src="/${name}.js"></script>`,
      );
    });
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
  });

  return pageServer;
}

/** The page-side handle of one SDK connection. */
export class SdkClient {
  constructor(
    private readonly page: Page,
    readonly id: string,
  ) {}

  /** Creates an SDK connection pointed at the emulator. */
  static async create(
    page: Page,
    build: SdkBuild,
    appKey: string = DEMO_APP.appKey,
  ): Promise<SdkClient> {
    const id = randomBytes(4).toString("hex");
    const settings: ConnectionSettings = {
      build: build.name,
      appKey,
      url: SOCKET_URL,
      apiUrl: EMULATOR_URL,
    };
    await page.evaluate(
      ([id, settings]) => window.fidelity.create(id, settings),
      [id, settings] as const,
    );

    return new SdkClient(page, id);
  }

  open(user: string, token: string): Promise<SdkOutcome> {
    return this.page.evaluate(
      ([id, user, token]) => window.fidelity.open(id, user, token),
      [this.id, user, token] as const,
    );
  }

  renew(token: string): Promise<SdkOutcome> {
    return this.page.evaluate(
      ([id, token]) => window.fidelity.renew(id, token),
      [this.id, token] as const,
    );
  }

  sendText(to: string, text: string): Promise<SdkOutcome> {
    return this.page.evaluate(
      ([id, to, text]) => window.fidelity.sendText(id, to, text),
      [this.id, to, text] as const,
    );
  }

  close(): Promise<void> {
    return this.page.evaluate((id) => window.fidelity.close(id), this.id);
  }

  events(): Promise<SdkEvent[]> {
    return this.page.evaluate((id) => window.fidelity.events(id), this.id);
  }

  /** The names of the events so far, in order. */
  async eventNames(): Promise<string[]> {
    return (await this.events()).map((event) => event.name);
  }

  /** Waits until an event with this name (and these fields) was seen. */
  async waitForEvent(
    name: string,
    fields: Partial<SdkEvent> = {},
    timeout = 10_000,
  ): Promise<SdkEvent> {
    await expect
      .poll(async () => findEvent(await this.events(), name, fields), {
        // Steady and short: a test may have to act soon after the event.
        intervals: [100],
        timeout,
        message: `waiting for ${name} ${JSON.stringify(fields)}`,
      })
      .toBeTruthy();

    return findEvent(await this.events(), name, fields) as SdkEvent;
  }

  /** How many times an event fired so far. */
  async countOf(name: string): Promise<number> {
    return (await this.eventNames()).filter((seen) => seen === name).length;
  }
}

function findEvent(
  events: SdkEvent[],
  name: string,
  fields: Partial<SdkEvent>,
): SdkEvent | undefined {
  return events.find((event) => {
    if (event.name !== name) return false;

    return Object.entries(fields).every(
      ([key, value]) => event[key as keyof SdkEvent] === value,
    );
  });
}

// Runs inside the page, serialized by Playwright: it may use nothing from
// this module's scope.
function installFidelityPage(): void {
  const connections = new Map<string, SdkConnection>();
  const seen = new Map<string, SdkEvent[]>();
  const builds = new Map<string, ConnectionSettings["build"]>();

  const typeOf = (error: unknown) => {
    const type = (error as { type?: unknown } | null)?.type;
    return typeof type === "number" ? type : undefined;
  };
  const outcomeOf = (promise: Promise<unknown>): Promise<SdkOutcome> =>
    promise.then(
      (value) => ({
        ok: true,
        expire: (value as { expire?: number } | null)?.expire,
      }),
      (error) => ({
        ok: false,
        type: typeOf(error),
        message: String(
          (error as { message?: unknown } | null)?.message ?? error,
        ),
      }),
    );
  const connectionOf = (id: string) => {
    const connection = connections.get(id);
    if (!connection) throw new Error(`no SDK connection ${id}`);
    return connection;
  };

  window.fidelity = {
    create(id, settings) {
      const sdk = window.websdk.default;
      const options = {
        appKey: settings.appKey,
        isHttpDNS: false,
        url: settings.url,
        apiUrl: settings.apiUrl,
      };
      const connection =
        settings.build === "miniCore"
          ? new sdk(options)
          : new sdk.connection(options);
      const events: SdkEvent[] = [];
      const record = (name: string) => () => events.push({ name });

      connection.addEventHandler("fidelity", {
        onConnected: record("onConnected"),
        onDisconnected: record("onDisconnected"),
        onReconnecting: record("onReconnecting"),
        onTokenWillExpire: record("onTokenWillExpire"),
        onTokenExpired: record("onTokenExpired"),
        onError: (error: unknown) => {
          events.push({ name: "onError", type: typeOf(error) });
        },
        onTextMessage: (message: { from?: string; msg?: string }) => {
          events.push({
            name: "onTextMessage",
            from: message.from,
            text: message.msg,
          });
        },
      });
      connections.set(id, connection);
      seen.set(id, events);
      builds.set(id, settings.build);
    },

    open(id, user, token) {
      // miniCore names the user `username`; the full build `user`.
      const params: Record<string, string> =
        builds.get(id) === "miniCore"
          ? { username: user, accessToken: token }
          : { user, accessToken: token };
      return outcomeOf(connectionOf(id).open(params));
    },

    renew(id, token) {
      return outcomeOf(connectionOf(id).renewToken(token));
    },

    sendText(id, to, text) {
      const connection = connectionOf(id);
      const options = { type: "txt", chatType: "singleChat", to, msg: text };
      const message = connection.Message
        ? connection.Message.create(options)
        : window.websdk.default.message.create(options);
      return outcomeOf(connection.send(message));
    },

    close(id) {
      connectionOf(id).close();
    },

    events(id) {
      return [...(seen.get(id) ?? [])];
    },
  };
}
