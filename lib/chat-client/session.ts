import { nextRetryDelay } from "./backoff";
import { serverNow, type ClockOffset } from "./clock";
import { willExpireMoment, type TokenSpan } from "./lifetime";
import {
  explainSdkError,
  sdkErrorCode,
  sdkErrorMessage,
  type ErrorContext,
  type ErrorExplanation,
} from "./sdk-errors";
import { loadChatSdk, type ChatSdk } from "./on-demand";
import type { TimedGrant, TokenGrant } from "./token-api";
import { TokenTimers } from "./token-timers";

type Connection = InstanceType<ChatSdk["connection"]>;

export type SessionState =
  | "signed-out"
  | "connecting"
  | "connected"
  | "renewing"
  | "reconnecting"
  | "expired"
  | "disconnected"
  | "failed";

export type LogLevel = "info" | "success" | "warning" | "error";

export type EventKind =
  | "logging-in"
  | "token-fetched"
  | "connected"
  | "will-expire"
  | "renewal-retry"
  | "renewed"
  | "expired"
  | "logged-in-again"
  | "disconnected"
  | "reconnecting"
  | "reconnected"
  | "logged-out"
  | "error";

/** One step of the session, as the timeline shows it. */
export interface SessionEvent {
  kind: EventKind;
  level: LogLevel;
  text: string;
  /** Epoch ms on the server's clock. */
  at: number;
  explanation?: ErrorExplanation;
}

/** A token this session used, with what it says about itself. */
export interface SessionToken extends TokenSpan {
  ttlSeconds: number;
  claims: TokenGrant["claims"];
}

export interface ChatMessage {
  id: string;
  direction: "sent" | "received";
  from: string;
  to: string;
  text: string;
  at: number;
}

export interface SessionListener {
  onState(state: SessionState): void;
  onEvent(event: SessionEvent): void;
  /** Every token of this session, oldest first; the last one is in use. */
  onTokens(tokens: SessionToken[]): void;
  onClock(clock: ClockOffset): void;
  onMessage(message: ChatMessage): void;
}

/** Where the SDK connects; the server hands these to the page. */
export interface ChatEndpoints {
  appKey: string;
  socketUrl: string | null;
  sdkRestUrl: string | null;
}

export type TokenSource = (
  user: string,
  ttlSeconds: number,
) => Promise<TimedGrant>;

interface ReceivedText {
  id: string;
  from?: string;
  to: string;
  msg: string;
  time: number;
}

/** Attempts and first delay for fetching a token to log in again. */
const RELOGIN_ATTEMPTS = 5;
const RELOGIN_FIRST_DELAY_MS = 500;

/** How early the SDK may report expiry before a clock error is the cause. */
const EXPIRY_SLACK_MS = 1_000;

const CLOCK_AHEAD: Omit<ErrorExplanation, "code"> = {
  meaning:
    "agora-chat times a token's expiry with this browser's clock, which runs ahead of the server's, so it ends the session early.",
  advice:
    "Set this device's clock right, or use tokens that live longer than the clock error.",
};

/**
 * One user's Agora Chat login, kept alive by renewing its token at 80 % of
 * its life on the server's clock (or when the SDK warns, if that comes
 * first), and by logging in again when the token ran out anyway.
 */
export class ChatSession {
  private sdk: ChatSdk | null = null;
  private connection: Connection | null = null;
  private state: SessionState = "signed-out";
  private tokens: SessionToken[] = [];
  private clockOffsetMs = 0;
  // Ids of the tokens whose renewal or expiry is being handled, so that
  // the SDK's events and the page's timers act once per token.
  private renewalClaimedBy = -1;
  private expiryClaimedBy = -1;
  private readonly timers = new TokenTimers();
  private isClosed = false;

  constructor(
    private readonly config: ChatEndpoints,
    private readonly user: string,
    private readonly ttlSeconds: number,
    private readonly fetchToken: TokenSource,
    private readonly listener: SessionListener,
  ) {}

  /** Loads the SDK and fetches a token side by side, then logs in. */
  async login(): Promise<void> {
    this.report("connecting");
    this.event("logging-in", "info", `Logging in as ${this.user}`);

    try {
      const [connection, timed] = await Promise.all([
        this.createConnection(),
        this.fetchToken(this.user, this.ttlSeconds),
      ]);
      this.connection = connection;
      await this.open(timed, "login");
    } catch (error) {
      this.report("failed");
      this.event("error", "error", `Login failed: ${errorText(error)}`);
    }
  }

  /** Closes the connection; nothing this session does is reported after. */
  logout(): void {
    this.isClosed = true;
    this.timers.clear();
    this.connection?.close();
    this.listener.onTokens([]);
    this.listener.onState("signed-out");
    this.listener.onEvent({
      kind: "logged-out",
      level: "info",
      text: "Logged out",
      at: this.now(),
    });
  }

  /** Sends a one-to-one text; false when the SDK could not send it. */
  async sendText(to: string, text: string): Promise<boolean> {
    if (!this.sdk || !this.connection) return false;

    const message = this.sdk.message.create({
      type: "txt",
      chatType: "singleChat",
      to,
      msg: text,
    });

    try {
      const sent = await this.connection.send(message);
      const id = sent.serverMsgId || sent.localMsgId;
      const at = this.now();
      this.listener.onMessage({
        id,
        direction: "sent",
        from: this.user,
        to,
        text,
        at,
      });
      return true;
    } catch (error) {
      this.reportSdkError(`Sending to ${to} failed`, error, "message");
      return false;
    }
  }

  private async createConnection(): Promise<Connection> {
    const AgoraChat = await loadChatSdk();
    this.sdk = AgoraChat;

    const connection = new AgoraChat.connection(this.connectionOptions());
    connection.addEventHandler("token-lab", this.sdkHandlers());

    return connection;
  }

  private connectionOptions() {
    const { appKey, socketUrl, sdkRestUrl } = this.config;
    if (!socketUrl || !sdkRestUrl) return { appKey };

    // With discovery off the SDK uses these URLs exactly as given.
    return { appKey, isHttpDNS: false, url: socketUrl, apiUrl: sdkRestUrl };
  }

  private sdkHandlers() {
    return {
      onConnected: () => this.onConnected(),
      onDisconnected: () => this.onDisconnected(),
      onReconnecting: () => {
        this.report("reconnecting");
        this.event(
          "reconnecting",
          "warning",
          "Connection lost; the SDK is reconnecting",
        );
      },
      onError: (error: unknown) =>
        this.reportSdkError("SDK error", error, "session"),
      onTokenWillExpire: () => void this.renew("the SDK warned"),
      onTokenExpired: () => void this.onExpired("sdk"),
      onTextMessage: (message: ReceivedText) => this.onTextMessage(message),
    };
  }

  private async open(timed: TimedGrant, mode: "login" | "relogin") {
    if (this.isClosed) return;

    const token = this.adopt(timed);
    this.event(
      "token-fetched",
      "info",
      `Fetched a token valid for ${token.ttlSeconds} s, until ${clock(token.expiresAt)}`,
    );

    try {
      await this.connection!.open({
        user: this.user,
        accessToken: timed.grant.token,
      });
    } catch (error) {
      this.report("failed");
      this.reportSdkError("Login failed", error, "login");
      return;
    }

    this.armTimers(token);
    this.report("connected");
    if (mode === "login") {
      this.event("connected", "success", `Connected as ${this.user}`);
    } else {
      this.event(
        "logged-in-again",
        "success",
        `Logged in again as ${this.user}`,
      );
    }
  }

  private async renew(trigger: string): Promise<void> {
    const token = this.currentToken();
    if (!token || !this.isLive(token) || this.renewalClaimedBy === token.id) {
      return;
    }
    this.renewalClaimedBy = token.id;

    this.report("renewing");
    this.event(
      "will-expire",
      "warning",
      `Token will expire at ${clock(token.expiresAt)} (${trigger}); fetching a new one`,
    );

    for (let attempt = 1; ; attempt++) {
      const failure = await this.tryRenewal(token);
      if (failure === null || !this.isLive(token)) return;

      const delay = nextRetryDelay(attempt, this.now(), token.expiresAt);
      if (delay === null) return this.giveUpRenewal(token, failure);

      this.event(
        "renewal-retry",
        "warning",
        `Renewal failed (attempt ${attempt}): ${failure}. Retrying in ${delay} ms`,
      );
      await wait(delay);
      if (!this.isLive(token)) return;
    }
  }

  /** One try at renewing `old`: null when it worked, else the reason. */
  private async tryRenewal(old: SessionToken): Promise<string | null> {
    let timed: TimedGrant;
    try {
      timed = await this.fetchToken(this.user, this.ttlSeconds);
    } catch (error) {
      return errorText(error);
    }
    if (!this.isLive(old)) return null;

    try {
      await this.connection!.renewToken(timed.grant.token);
    } catch (error) {
      if (sdkErrorCode(error) === null) {
        return "the SDK renews only while the connection is open";
      }
      this.reportSdkError("Renewal refused", error, "renewal");
      return `SDK error ${sdkErrorCode(error)}`;
    }

    this.completeRenewal(old, timed);
    return null;
  }

  private completeRenewal(old: SessionToken, timed: TimedGrant): void {
    const renewedAt = this.now();
    this.tokens = this.tokens.map((token) =>
      token.id === old.id ? { ...token, renewedAt } : token,
    );
    const token = this.adopt(timed);

    this.armTimers(token);
    this.report("connected");
    this.event(
      "renewed",
      "success",
      `Token renewed; it now expires at ${clock(token.expiresAt)} (was ${clock(old.expiresAt)})`,
    );
  }

  private giveUpRenewal(token: SessionToken, failure: string): void {
    this.report("connected");
    this.event(
      "error",
      "error",
      `Renewal failed: ${failure}. No retry fits before the token expires at ${clock(token.expiresAt)}; the session will log in again then`,
    );
  }

  // renewToken only works on an open connection, and the SDK closes it as
  // it reports expiry, so the way back is a fresh login.
  private async onExpired(source: "sdk" | "page"): Promise<void> {
    const token = this.currentToken();
    if (!token || !this.isLive(token)) return;
    this.expiryClaimedBy = token.id;
    this.timers.clear();

    const lifeLeftMs = token.expiresAt - this.now();
    if (source === "sdk" && lifeLeftMs > EXPIRY_SLACK_MS) {
      if (!this.explainEarlyExpiry(lifeLeftMs)) return;
    }

    // On a slow browser clock the SDK has not noticed yet; real Agora
    // would end the session now, so the page does.
    if (source === "page") this.connection?.close();
    this.report("expired");
    this.event(
      "expired",
      "warning",
      "Token expired; the connection is closed. Logging in again",
    );

    await this.loginAgain();
  }

  /** Reports an expiry the browser's clock caused; false if it recurs. */
  private explainEarlyExpiry(lifeLeftMs: number): boolean {
    const aheadMs = -this.clockOffsetMs;
    const willRecur = this.ttlSeconds * 1_000 <= aheadMs;

    this.event(
      "error",
      "error",
      `The SDK ended the session ${seconds(lifeLeftMs)} s before the token expires: this browser's clock is ${seconds(aheadMs)} s ahead of the server's`,
      { code: null, ...CLOCK_AHEAD },
    );
    if (willRecur) this.report("failed");

    return !willRecur;
  }

  private async loginAgain(): Promise<void> {
    for (let attempt = 1; attempt <= RELOGIN_ATTEMPTS; attempt++) {
      if (this.isClosed) return;

      try {
        const timed = await this.fetchToken(this.user, this.ttlSeconds);
        return await this.open(timed, "relogin");
      } catch (error) {
        this.event(
          "error",
          "error",
          `Could not fetch a token (attempt ${attempt} of ${RELOGIN_ATTEMPTS}): ${errorText(error)}`,
        );
        await wait(RELOGIN_FIRST_DELAY_MS * 2 ** (attempt - 1));
      }
    }

    this.report("failed");
  }

  private onConnected(): void {
    if (this.state !== "reconnecting") return;

    this.report("connected");
    this.event("reconnected", "success", "Reconnected");
  }

  private onDisconnected(): void {
    if (this.isClosed) return;

    this.event("disconnected", "info", "Disconnected");
  }

  private onTextMessage(message: ReceivedText): void {
    if (this.isClosed) return;

    this.listener.onMessage({
      id: message.id,
      direction: "received",
      from: message.from ?? "",
      to: message.to,
      text: message.msg,
      at: Number(message.time) || this.now(),
    });
  }

  private adopt({ grant, clock: measured }: TimedGrant): SessionToken {
    this.clockOffsetMs = measured.offsetMs;
    this.listener.onClock(measured);

    const token: SessionToken = {
      id: this.tokens.length + 1,
      issuedAt: grant.issuedAt,
      expiresAt: grant.expiresAt,
      willExpireAt: willExpireMoment(grant.issuedAt, grant.expiresAt),
      renewedAt: null,
      ttlSeconds: grant.ttlSeconds,
      claims: grant.claims,
    };
    this.tokens = [...this.tokens, token];
    this.listener.onTokens(this.tokens);

    return token;
  }

  private armTimers(token: SessionToken): void {
    this.timers.arm(token, this.clockOffsetMs, {
      onWillExpire: () => void this.renew("80 % of its life has passed"),
      onExpired: () => void this.onExpired("page"),
    });
  }

  private currentToken(): SessionToken | undefined {
    return this.tokens.at(-1);
  }

  /** Whether `token` is still the one in use and has not expired. */
  private isLive(token: SessionToken): boolean {
    return (
      !this.isClosed &&
      this.currentToken()?.id === token.id &&
      this.expiryClaimedBy !== token.id
    );
  }

  private reportSdkError(
    prefix: string,
    error: unknown,
    context: ErrorContext,
  ): void {
    const code = sdkErrorCode(error);
    const message = sdkErrorMessage(error);
    const detail = message ? ` (${message})` : "";

    this.event(
      "error",
      "error",
      `${prefix}: SDK error ${code ?? "unknown"}${detail}`,
      explainSdkError(code, context),
    );
  }

  private now(): number {
    return serverNow(this.clockOffsetMs);
  }

  private report(state: SessionState): void {
    if (this.isClosed) return;

    this.state = state;
    this.listener.onState(state);
  }

  private event(
    kind: EventKind,
    level: LogLevel,
    text: string,
    explanation?: ErrorExplanation,
  ): void {
    if (this.isClosed) return;

    this.listener.onEvent({ kind, level, text, at: this.now(), explanation });
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}

function seconds(ms: number): string {
  return (ms / 1_000).toFixed(1);
}

function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
