import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface StubAnswer {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering, to provoke timeouts. */
  delayMs?: number;
}

export interface StubCall {
  method: string;
  path: string;
  bearer: string;
}

export interface StubUpstream {
  url: string;
  calls: StubCall[];
  close(): Promise<void>;
}

/**
 * A real HTTP server on 127.0.0.1 that answers as `answer` decides, for
 * upstream failures the emulator does not produce. It records every call.
 */
export async function startStubUpstream(
  answer: (call: StubCall) => StubAnswer,
): Promise<StubUpstream> {
  const calls: StubCall[] = [];
  const server = createServer((request, response) => {
    const call = describe(request);
    calls.push(call);
    const { status = 200, body = {}, headers = {}, delayMs = 0 } = answer(call);

    setTimeout(() => {
      response.writeHead(status, {
        "Content-Type": "application/json",
        ...headers,
      });
      response.end(JSON.stringify(body));
    }, delayMs);
  });
  await listen(server);
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    close: () => close(server),
  };
}

function describe(request: IncomingMessage): StubCall {
  const bearer = request.headers.authorization?.replace(/^Bearer /, "") ?? "";

  return { method: request.method ?? "", path: request.url ?? "", bearer };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();

  return new Promise((resolve) => server.close(() => resolve()));
}

/** A URL on 127.0.0.1 where nothing listens: connections are refused. */
export async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await listen(probe);
  const { port } = probe.address() as AddressInfo;
  await close(probe);

  return `http://127.0.0.1:${port}`;
}
