import type { RawData, WebSocket } from "ws";

import type { EmulatorContext } from "../context";
import { isoTime, logValue } from "../log";
import {
  Command,
  ErrorCode,
  StatisticsOperation,
  type CommUnreadDL,
  type ProtocolMessageName,
  type ProtocolMessages,
} from "../protocol";
import type { LiveSession } from "../sessions";
import { encodeFrame, userJid } from "./frames";
import { checkLogin } from "./login";
import { FrameError, parseOrThrow, parsePayload } from "./parse";
import {
  frameSchema,
  loginGuidSchema,
  provisionRequestSchema,
  syncUploadSchema,
  type ClientFrame,
} from "./schemas";
import { answerSync, statisticPush } from "./sync";

export interface ConnectionOptions {
  /** How long a socket may stay open without logging in. */
  loginTimeoutMs: number;
  /** Bytes a client may leave unread before its socket is dropped. */
  maxBufferedBytes: number;
  /** Sessions one user may have; a new login evicts the oldest. */
  maxDevicesPerUser: number;
}

/** Serves one SDK WebSocket from PROVISION until it closes. */
export function serveConnection(
  socket: WebSocket,
  context: EmulatorContext,
  options: ConnectionOptions,
): void {
  const connection = new ClientConnection(socket, context, options);
  const loginTimer = setTimeout(
    () => connection.close("no login in time"),
    options.loginTimeoutMs,
  );

  socket.on("message", (data, isBinary) => {
    connection.receive(data, isBinary);
    if (connection.isLoggedIn) clearTimeout(loginTimer);
  });
  socket.on("close", () => {
    clearTimeout(loginTimer);
    connection.forget();
  });
  socket.on("error", (error) => connection.close(`socket error ${error}`));
}

type SessionState = Pick<
  LiveSession,
  "username" | "resource" | "token" | "expiresAt"
>;

class ClientConnection {
  private session: LiveSession | null = null;
  private isClosing = false;

  constructor(
    private readonly socket: WebSocket,
    private readonly context: EmulatorContext,
    private readonly options: ConnectionOptions,
  ) {}

  get isLoggedIn(): boolean {
    return this.session !== null;
  }

  receive(data: RawData, isBinary: boolean): void {
    if (this.isClosing) return;

    try {
      if (!isBinary) throw new FrameError("text frame; MSync is binary");
      this.dispatch(parsePayload("MSync", toBytes(data), frameSchema));
    } catch (error) {
      this.closeAfter(error);
    }
  }

  /** Closes the socket once, logging why unless the reason is logged. */
  close(reason?: string): void {
    if (this.isClosing) return;

    this.stopServing(reason);
    this.socket.close();
  }

  /** Drops the session from the registry once the socket is gone. */
  forget(): void {
    if (this.session) this.context.sessions.remove(this.session);
  }

  private stopServing(reason?: string): void {
    this.isClosing = true;
    this.forget();
    if (!reason) return;

    const user = this.session?.username ?? "-";
    this.context.log(`close socket user=${user} reason=${reason}`);
  }

  // No close frame: a close handshake cannot get through a full buffer,
  // and a dropped network sends none either.
  private terminate(reason?: string): void {
    if (this.isClosing) return;

    this.stopServing(reason);
    this.socket.terminate();
  }

  private dispatch(frame: ClientFrame): void {
    const session = this.session;
    if (!session) return this.login(frame);

    switch (frame.command) {
      case Command.UNREAD:
        return this.send(Command.UNREAD, "CommUnreadDL", this.unread(session));
      case Command.SYNC:
        return this.sync(frame, session);
      default:
        throw new FrameError(`unexpected command ${frame.command} after login`);
    }
  }

  private login(frame: ClientFrame): void {
    if (frame.command !== Command.PROVISION) {
      throw new FrameError(`command ${frame.command} before PROVISION`);
    }

    const guid = parseOrThrow("login guid", frame.guid, loginGuidSchema);
    const provision = parsePayload(
      "Provision",
      frame.payload,
      provisionRequestSchema,
    );
    const outcome = checkLogin(
      { guid, auth: frame.auth, provision },
      this.context,
    );

    if (!outcome.ok) {
      this.context.log(
        `reject login user=${logValue(guid.name)} reason=${outcome.logReason}`,
      );
      this.send(Command.PROVISION, "Provision", {
        status: outcome.status,
        resource: provision.resource,
      });
      // The reject line above is the one log line of this login.
      return this.close();
    }

    const { user, resource, token, expiresAt } = outcome;
    this.evictOldestDevices(user.username);
    this.session = this.startSession({
      username: user.username,
      resource,
      token,
      expiresAt,
    });

    this.send(Command.PROVISION, "Provision", {
      status: { errorCode: ErrorCode.OK },
      resource,
      // Epoch ms: the SDK times will-expire and expired from this value.
      authToken: JSON.stringify({ expires_in: expiresAt }),
    });
    this.context.log(
      `login user=${user.username} resource=${logValue(resource)} expires=${isoTime(expiresAt)}`,
    );
  }

  // Agora lets a user be logged in on a few devices at once and logs the
  // earliest one out, with "logged in on another device", past the limit.
  private evictOldestDevices(username: string): void {
    const sessions = this.context.sessions.forUser(username);
    const excess = sessions.length - (this.options.maxDevicesPerUser - 1);

    for (const session of sessions.slice(0, Math.max(excess, 0))) {
      this.context.log(
        `kick user=${username} resource=${logValue(session.resource)} reason=device_limit`,
      );
      session.kick(StatisticsOperation.USER_LOGIN_ANOTHER_DEVICE);
    }
  }

  private startSession(state: SessionState): LiveSession {
    const { appKey } = this.context.app;
    const { username } = state;
    const session: LiveSession = {
      ...state,
      notifyQueue: (sender) => {
        this.send(Command.NOTICE, "CommNotice", {
          queue: userJid(appKey, sender),
        });
      },
      kick: (operation) => {
        const push = statisticPush(username, operation, this.context);
        this.send(Command.SYNC, "CommSyncDL", push);
        this.close();
      },
      drop: () => this.terminate(),
      expireNow: () => this.expireNow(session),
    };
    this.context.sessions.add(session);

    return session;
  }

  // The SDK keeps its own expiry timers and checks the server only through
  // the UNREAD answer's timestamp: one at or past the expiry it was told
  // makes it fire onTokenExpired and close, as its own timer would.
  private expireNow(session: LiveSession): void {
    const now = this.context.now();
    const toldExpiry = session.expiresAt;
    this.context.expiredTokens.add(session.token);
    session.expiresAt = now;

    this.send(Command.UNREAD, "CommUnreadDL", {
      status: { errorCode: ErrorCode.OK },
      unread: [],
      timestamp: Math.max(now, toldExpiry),
    });
    this.close();
  }

  private unread(session: LiveSession): CommUnreadDL {
    const { appKey } = this.context.app;
    const queues = this.context.mailbox.unreadQueues(session.username);

    return {
      status: { errorCode: ErrorCode.OK },
      unread: queues.map(({ sender, count }) => ({
        queue: userJid(appKey, sender),
        n: count,
      })),
      timestamp: this.context.now(),
    };
  }

  private sync(frame: ClientFrame, session: LiveSession): void {
    const upload = parsePayload("CommSyncUL", frame.payload, syncUploadSchema);
    const reply = answerSync(upload, session, this.context);
    this.send(Command.SYNC, "CommSyncDL", reply);
  }

  private send<N extends ProtocolMessageName>(
    command: number,
    name: N,
    payload: ProtocolMessages[N],
  ): void {
    if (this.isClosing) return;

    this.socket.send(encodeFrame(command, name, payload));

    // ws queues without limit; a client that stops reading would make the
    // emulator hold every frame meant for it.
    const buffered = this.socket.bufferedAmount;
    if (buffered > this.options.maxBufferedBytes) {
      this.terminate(`client not reading, ${buffered} bytes unsent`);
    }
  }

  private closeAfter(error: unknown): void {
    if (error instanceof FrameError) return this.close(error.message);

    const reason = error instanceof Error ? error.message : String(error);
    this.close(`internal error: ${reason}`);
  }
}

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return Buffer.concat(data);

  return data instanceof ArrayBuffer ? new Uint8Array(data) : data;
}
