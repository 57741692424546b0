import type AgoraChatSdk from "agora-chat";

import type { PublicChatConfig } from "../public-config";
import type { TokenGrant } from "./token-api";

type Connection = InstanceType<(typeof AgoraChatSdk)["connection"]>;

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

export interface SessionListener {
  onState(state: SessionState): void;
  onLog(level: LogLevel, text: string): void;
  /** Epoch ms of the current token's expiry, or null when there is none. */
  onTokenExpiry(expiresAt: number | null): void;
}

export type TokenSource = (
  user: string,
  ttlSeconds: number,
) => Promise<TokenGrant>;

interface SdkError {
  type?: number;
  message?: string;
}

/** Attempts and first delay for fetching a token to log in again. */
const RELOGIN_ATTEMPTS = 5;
const RELOGIN_FIRST_DELAY_MS = 500;

/**
 * One user's Agora Chat login, kept alive by renewing its token when the
 * SDK warns, and by logging in again when the token ran out anyway.
 */
export class ChatSession {
  private connection: Connection | null = null;
  private isClosed = false;

  constructor(
    private readonly config: PublicChatConfig,
    private readonly user: string,
    private readonly ttlSeconds: number,
    private readonly fetchToken: TokenSource,
    private readonly listener: SessionListener,
  ) {}

  /** Fetches a token and opens the connection. */
  async login(): Promise<void> {
    this.connection = await this.createConnection();
    await this.connect("Connected");
  }

  /** Closes the connection; nothing this session does is reported after. */
  logout(): void {
    this.isClosed = true;
    this.connection?.close();
    this.listener.onTokenExpiry(null);
    this.listener.onState("signed-out");
    this.listener.onLog("info", "Logged out");
  }

  private async createConnection(): Promise<Connection> {
    // The SDK touches `self` when imported, so it is loaded here, in the
    // browser, and only once someone logs in.
    const { default: AgoraChat } = await import("agora-chat");
    AgoraChat.logger.setLevel(3);

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
      onConnected: () => this.report("connected"),
      onDisconnected: () => this.onDisconnected(),
      onReconnecting: () => {
        this.report("reconnecting");
        this.log("warning", "Connection lost; the SDK is reconnecting");
      },
      onError: (error: SdkError) => {
        this.log("error", `SDK error ${describeSdkError(error)}`);
      },
      onTokenWillExpire: () => void this.renew(),
      onTokenExpired: () => void this.loginAgainAfterExpiry(),
    };
  }

  private async connect(successText: string): Promise<void> {
    const grant = await this.fetchToken(this.user, this.ttlSeconds);
    if (this.isClosed) return;

    this.log("info", `Fetched a token valid for ${grant.ttlSeconds} s`);
    this.listener.onTokenExpiry(grant.expiresAt);
    this.report("connecting");

    try {
      await this.connection!.open({
        user: this.user,
        accessToken: grant.token,
      });
      this.log("success", `${successText} as ${this.user}`);
    } catch (error) {
      this.report("failed");
      this.listener.onTokenExpiry(null);
      this.log("error", `Login failed: SDK error ${describeSdkError(error)}`);
    }
  }

  private async renew(): Promise<void> {
    this.report("renewing");
    this.log("warning", "Token will expire soon; fetching a new one");

    let grant: TokenGrant;
    try {
      grant = await this.fetchToken(this.user, this.ttlSeconds);
    } catch (error) {
      this.report("connected");
      this.log(
        "error",
        `Renewal failed: ${errorText(error)}. The session will log in again when the token expires`,
      );
      return;
    }

    try {
      const result = await this.connection!.renewToken(grant.token);
      const expiresAt = result.expire ?? grant.expiresAt;
      this.listener.onTokenExpiry(expiresAt);
      this.report("connected");
      this.log(
        "success",
        `Token renewed; it now expires at ${clock(expiresAt)}`,
      );
    } catch (error) {
      this.report("connected");
      this.log(
        "error",
        `Renewal refused: SDK error ${describeSdkError(error)}`,
      );
    }
  }

  // renewToken only works on an open connection, and the SDK closes it as
  // it reports expiry, so the way back is a fresh login.
  private async loginAgainAfterExpiry(): Promise<void> {
    this.report("expired");
    this.listener.onTokenExpiry(null);
    this.log(
      "warning",
      "Token expired; the SDK closed the connection. Logging in again",
    );

    for (let attempt = 1; attempt <= RELOGIN_ATTEMPTS; attempt++) {
      if (this.isClosed) return;
      try {
        await this.connect("Logged in again");
        return;
      } catch (error) {
        this.log(
          "error",
          `Could not fetch a token (attempt ${attempt} of ${RELOGIN_ATTEMPTS}): ${errorText(error)}`,
        );
        await delay(RELOGIN_FIRST_DELAY_MS * 2 ** (attempt - 1));
      }
    }

    this.report("failed");
  }

  private onDisconnected(): void {
    if (this.isClosed) return;

    this.log("info", "Disconnected");
  }

  private report(state: SessionState): void {
    if (!this.isClosed) this.listener.onState(state);
  }

  private log(level: LogLevel, text: string): void {
    if (!this.isClosed) this.listener.onLog(level, text);
  }
}

function describeSdkError(error: unknown): string {
  const { type, message } = (error ?? {}) as SdkError;
  const detail = message ? ` (${message})` : "";

  return `${type ?? "unknown"}${detail}`;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function clock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString();
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
