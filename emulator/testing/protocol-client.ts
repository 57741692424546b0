import { Socket } from "node:net";

import { WebSocket } from "ws";

import {
  Command,
  ContentType,
  MessageType,
  NameSpace,
  decodeMessage,
  encodeMessage,
  toUInt64,
  type CommNotice,
  type CommSyncDL,
  type CommSyncUL,
  type CommUnreadDL,
  type MSync,
  type ProtocolMessageName,
  type ProtocolMessages,
  type Provision,
} from "../protocol";
import { encodeFrame, userJid } from "../socket/frames";

export interface LoginDetails {
  appKey: string;
  user: string;
  token: string;
  resource?: string;
}

interface Waiter {
  command: number;
  resolve: (frame: MSync) => void;
  reject: (error: Error) => void;
}

const DEFAULT_WAIT_MS = 2_000;

/**
 * A small client of the SDK's socket protocol, speaking it the way
 * agora-chat 1.4.0 does, for tests and load scripts.
 */
export class ProtocolClient {
  /** Resolves with the close code once the server closes the socket. */
  readonly closed: Promise<number>;

  private readonly received: MSync[] = [];
  private readonly waiters: Waiter[] = [];
  private appKey = "";
  private user = "";
  private nextMetaId = Date.now() * 1000;

  private constructor(private readonly socket: WebSocket) {
    socket.on("message", (data) => this.receive(data as Buffer));
    this.closed = new Promise((resolve) => {
      socket.on("close", (code) => {
        this.failWaiters(new Error(`socket closed (${code})`));
        resolve(code);
      });
    });
  }

  /** Opens a socket to `url` (ws://host:port/websocket). */
  static connect(url: string): Promise<ProtocolClient> {
    const socket = new WebSocket(url);

    return new Promise((resolve, reject) => {
      socket.once("open", () => resolve(new ProtocolClient(socket)));
      socket.once("error", reject);
    });
  }

  /** Sends PROVISION as the SDK does and returns the server's Provision. */
  async login(details: LoginDetails): Promise<Provision> {
    this.appKey = details.appKey;
    this.user = details.user;
    const resource = details.resource ?? `webim_web_${Date.now()}`;
    const auth = `$t$${details.token}`;

    this.sendFrame({
      version: 0,
      guid: userJid(details.appKey, details.user, resource),
      auth,
      command: Command.PROVISION,
      encryptType: [0],
      payload: encodeMessage("Provision", {
        osType: 16,
        version: "1.4.0",
        deviceUuid: `device-${resource}`,
        deviceName: "webim",
        resource,
        authToken: JSON.stringify({ token: auth }),
        sessionId: `${Date.now()}`,
      }),
    });

    const reply = await this.next(Command.PROVISION);
    return decodeMessage("Provision", reply.payload ?? new Uint8Array());
  }

  /** Sends UNREAD (also the SDK's heartbeat) and returns the reply. */
  async unread(): Promise<CommUnreadDL> {
    this.sendFrame({ command: Command.UNREAD });

    const reply = await this.next(Command.UNREAD);
    return decodeMessage("CommUnreadDL", reply.payload ?? new Uint8Array());
  }

  /** Uploads a STATISTIC meta, as the SDK does after login. */
  sendStatistic(): Promise<CommSyncDL> {
    return this.sync({
      meta: {
        id: this.newMetaId(),
        ns: NameSpace.STATISTIC,
        payload: encodeMessage("StatisticsBody", { operation: 0 }),
      },
    });
  }

  /** Sends a one-to-one text message and returns the server's ack. */
  /** `claimedSender` forges the body's sender, as a hostile client would. */
  sendText(
    to: string,
    text: string,
    claimedSender = this.user,
  ): Promise<CommSyncDL> {
    const body = encodeMessage("MessageBody", {
      type: MessageType.CHAT,
      from: userJid(this.appKey, claimedSender),
      to: userJid(this.appKey, to),
      contents: [{ type: ContentType.TEXT, text }],
    });

    return this.sync({
      meta: {
        id: this.newMetaId(),
        to: userJid(this.appKey, to),
        ns: NameSpace.CHAT,
        payload: body,
      },
    });
  }

  /** Pulls the queue of messages from `sender`. */
  pull(sender: string): Promise<CommSyncDL> {
    return this.sync({ queue: userJid(this.appKey, sender) });
  }

  /** Waits for the next NOTICE pushed by the server. */
  async nextNotice(timeoutMs = DEFAULT_WAIT_MS): Promise<CommNotice> {
    const frame = await this.next(Command.NOTICE, timeoutMs);

    return decodeMessage("CommNotice", frame.payload ?? new Uint8Array());
  }

  /** Waits for a frame the server sends unasked, decoded as `name`. */
  async nextPush<N extends ProtocolMessageName>(
    command: number,
    name: N,
    timeoutMs = DEFAULT_WAIT_MS,
  ): Promise<ProtocolMessages[N]> {
    const frame = await this.next(command, timeoutMs);

    return decodeMessage(name, frame.payload ?? new Uint8Array());
  }

  /** Sends bytes as they are, e.g. a frame that is not an MSync. */
  sendRaw(bytes: Uint8Array): void {
    this.socket.send(bytes);
  }

  /**
   * Stops reading from the TCP socket while still writing to it, like a
   * client whose event loop is stuck. ws keeps the socket private.
   */
  stopReading(): void {
    const tcp: unknown = Reflect.get(this.socket, "_socket");
    if (!(tcp instanceof Socket)) throw new Error("no TCP socket to pause");

    tcp.pause();
  }

  close(): void {
    this.socket.close();
  }

  private async sync(upload: CommSyncUL): Promise<CommSyncDL> {
    this.socket.send(encodeFrame(Command.SYNC, "CommSyncUL", upload));

    const reply = await this.next(Command.SYNC);
    return decodeMessage("CommSyncDL", reply.payload ?? new Uint8Array());
  }

  private sendFrame(frame: MSync): void {
    this.socket.send(encodeMessage("MSync", frame));
  }

  private newMetaId() {
    return toUInt64(++this.nextMetaId);
  }

  private next(command: number, timeoutMs = DEFAULT_WAIT_MS): Promise<MSync> {
    const index = this.received.findIndex((f) => f.command === command);
    if (index >= 0) return Promise.resolve(this.received.splice(index, 1)[0]!);

    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.removeWaiter(waiter);
        reject(
          new Error(`no frame with command ${command} in ${timeoutMs} ms`),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        command,
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.push(waiter);
    });
  }

  private removeWaiter(waiter: Waiter): void {
    const index = this.waiters.indexOf(waiter);
    if (index >= 0) this.waiters.splice(index, 1);
  }

  private receive(data: Buffer): void {
    const frame = decodeMessage("MSync", data);
    const command = frame.command ?? Command.SYNC;
    frame.command = command;

    const index = this.waiters.findIndex((w) => w.command === command);
    if (index < 0) {
      this.received.push(frame);
      return;
    }

    const [waiter] = this.waiters.splice(index, 1);
    waiter?.resolve(frame);
  }

  private failWaiters(error: Error): void {
    for (const waiter of this.waiters.splice(0)) waiter.reject(error);
  }
}
