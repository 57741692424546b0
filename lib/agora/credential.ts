import "server-only";

import type { AuthFlow } from "../config";
import { buildChatAppToken, type SigningCredentials } from "../token";
import {
  exchangeAppToken,
  type ChatRestTarget,
  type UpstreamTrace,
} from "./chat-rest";

/** Agora's longest app token; the credential is refreshed well before. */
const APP_TOKEN_TTL_SECONDS = 86_400;

/** Refresh once less than this share of the lifetime, or a minute, is left. */
const REFRESH_SHARE = 0.1;
const MIN_REFRESH_MARGIN_MS = 60_000;

interface HeldCredential {
  bearer: string;
  issuedAt: number;
  expiresAt: number;
}

export interface CredentialSettings {
  flow: AuthFlow;
  signing: SigningCredentials;
  target: ChatRestTarget;
  now?: () => number;
}

/**
 * The Bearer this server shows the Chat REST API: the exchanged Chat token
 * or, in the app-token flow, the app token itself. It is reused until
 * shortly before it expires; callers that find it missing or stale share
 * one refresh.
 */
export class ChatCredential {
  private held: HeldCredential | null = null;
  private refreshing: Promise<HeldCredential> | null = null;
  private readonly now: () => number;

  constructor(private readonly settings: CredentialSettings) {
    this.now = settings.now ?? Date.now;
  }

  /** The Bearer to use, and whether it came from the cache. */
  async get(
    trace: UpstreamTrace,
  ): Promise<{ bearer: string; wasCached: boolean }> {
    if (this.held && !this.isStale(this.held)) {
      return { bearer: this.held.bearer, wasCached: true };
    }

    this.refreshing ??= this.refresh(trace).finally(() => {
      this.refreshing = null;
    });

    return { bearer: (await this.refreshing).bearer, wasCached: false };
  }

  /** Forgets `bearer` after Agora refused it, so the next get refreshes. */
  discard(bearer: string): void {
    if (this.held?.bearer === bearer) this.held = null;
  }

  private async refresh(trace: UpstreamTrace): Promise<HeldCredential> {
    const { flow, signing, target } = this.settings;
    const issuedAt = this.now();
    const appToken = buildChatAppToken(signing, APP_TOKEN_TTL_SECONDS);

    const held =
      flow === "app-token"
        ? {
            bearer: appToken,
            issuedAt,
            expiresAt: issuedAt + APP_TOKEN_TTL_SECONDS * 1000,
          }
        : await this.exchange(appToken, issuedAt, target, trace);
    this.held = held;

    return held;
  }

  private async exchange(
    appToken: string,
    issuedAt: number,
    target: ChatRestTarget,
    trace: UpstreamTrace,
  ): Promise<HeldCredential> {
    const exchanged = await exchangeAppToken(target, appToken, trace);

    return {
      bearer: exchanged.accessToken,
      issuedAt,
      expiresAt: issuedAt + exchanged.expiresInSeconds * 1000,
    };
  }

  private isStale(held: HeldCredential): boolean {
    const lifetime = held.expiresAt - held.issuedAt;
    const margin = Math.max(lifetime * REFRESH_SHARE, MIN_REFRESH_MARGIN_MS);

    return this.now() >= held.expiresAt - margin;
  }
}
