import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Duplex } from "node:stream";

import { WebSocketServer } from "ws";
import { z } from "zod";

import { DEMO_APP } from "../lib/demo-app";
import { createContext, type EmulatedApp } from "./context";
import { createLogger, type LogSink } from "./log";
import { routesFor } from "./rest/routes";
import { handleRestRequest } from "./rest/router";
import { serveConnection } from "./socket/connection";

export const SOCKET_PATH = "/websocket";

// The SDK's frames are small; 1 MiB leaves room for long texts while
// keeping one client from making the emulator buffer without bound.
const MAX_FRAME_BYTES = 1024 * 1024;

// The SDK itself gives up on a PROVISION reply after 10 s.
const DEFAULT_LOGIN_TIMEOUT_MS = 10_000;

// Four frames of the largest size: enough for any burst the SDK causes,
// small enough that a thousand stalled clients stay in memory.
const DEFAULT_MAX_BUFFERED_BYTES = 4 * MAX_FRAME_BYTES;

// Agora's default; the console lets an app raise it to 10 per platform.
const DEFAULT_MAX_DEVICES_PER_USER = 4;

const isFunction = (value: unknown) => typeof value === "function";

const optionsSchema = z.object({
  port: z.number().int().min(0).max(65_535).default(0),
  host: z.string().min(1).default("127.0.0.1"),
  app: z
    .object({
      appId: z.string().min(1),
      appCertificate: z.string().min(1),
      appKey: z
        .string()
        .regex(/^[^#\s/]+#[^#\s/]+$/, "appKey must look like org#app"),
    })
    .default(DEMO_APP),
  now: z.custom<() => number>(isFunction, "now must be a function").optional(),
  log: z.custom<LogSink>(isFunction, "log must be a function").optional(),
  loginTimeoutMs: z.number().int().positive().default(DEFAULT_LOGIN_TIMEOUT_MS),
  maxBufferedBytes: z
    .number()
    .int()
    .positive()
    .default(DEFAULT_MAX_BUFFERED_BYTES),
  maxDevicesPerUser: z
    .number()
    .int()
    .min(1)
    .max(10)
    .default(DEFAULT_MAX_DEVICES_PER_USER),
  /** Serves the test-only /_emulator API. */
  control: z.boolean().default(false),
});

export type EmulatorOptions = z.input<typeof optionsSchema>;

export interface RunningEmulator {
  /** The REST base URL, e.g. http://127.0.0.1:4010. */
  url: string;
  /** The SDK's socket URL, e.g. ws://127.0.0.1:4010/websocket. */
  socketUrl: string;
  port: number;
  close(): Promise<void>;
}

/** Starts an Agora Chat emulator: REST and the SDK's socket on one port. */
export async function startEmulator(
  options: EmulatorOptions = {},
): Promise<RunningEmulator> {
  const settings = parseOptions(options);
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
  });
  const context = createContext({
    app: describeApp(settings.app),
    baseNow: settings.now ?? Date.now,
    log: createLogger(settings.log),
    disconnectAll: () => {
      for (const client of sockets.clients) client.terminate();
    },
  });
  sockets.on("connection", (socket) => {
    serveConnection(socket, context, settings);
  });

  const routes = routesFor(settings);
  const server = createServer((request, response) => {
    handleRestRequest(routes, request, response, context).catch((error) => {
      context.log(`error answering ${request.method} ${request.url}: ${error}`);
      response.destroy();
    });
  });
  server.on("upgrade", (request, socket, head) => {
    if (isSocketPath(request)) {
      sockets.handleUpgrade(request, socket, head, (client) => {
        sockets.emit("connection", client, request);
      });
    } else {
      refuseUpgrade(socket);
    }
  });

  const port = await listen(server, settings.port, settings.host);
  const authority = `${hostForUrl(settings.host)}:${port}`;

  return {
    url: `http://${authority}`,
    socketUrl: `ws://${authority}${SOCKET_PATH}`,
    port,
    close: () => closeAll(server, sockets),
  };
}

function parseOptions(options: EmulatorOptions) {
  const result = optionsSchema.safeParse(options);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => {
    return `${issue.path.join(".") || "options"}: ${issue.message}`;
  });
  throw new Error(`Invalid emulator options: ${issues.join("; ")}`);
}

function describeApp(app: z.output<typeof optionsSchema>["app"]): EmulatedApp {
  const [orgName = "", appName = ""] = app.appKey.split("#");

  return { ...app, orgName, appName };
}

function isSocketPath(request: IncomingMessage): boolean {
  const path = new URL(request.url ?? "/", "http://emulator").pathname;

  return path === SOCKET_PATH;
}

function refuseUpgrade(socket: Duplex): void {
  socket.end("HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n");
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function hostForUrl(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

async function closeAll(
  server: Server,
  sockets: WebSocketServer,
): Promise<void> {
  for (const client of sockets.clients) client.terminate();
  sockets.close();
  server.closeAllConnections();

  await new Promise<void>((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
  });
}
