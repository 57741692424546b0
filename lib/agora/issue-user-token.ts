import "server-only";

import { getServerConfig, type ServerConfig } from "../config";
import type { ChatPrivilege } from "../token";
import { signChatUserToken } from "../token/sign-user-token";
import type { ChatRestTarget, UpstreamTrace } from "./chat-rest";
import { ChatCredential } from "./credential";
import { UserDirectory } from "./user-directory";

/** A signed user token and what it says; every time is epoch ms. */
export interface IssuedUserToken {
  token: string;
  user: string;
  uuid: string;
  issuedAt: number;
  expiresAt: number;
  ttlSeconds: number;
  /** This server's clock when it answered, so a client can measure skew. */
  serverTime: number;
  claims: {
    appId: string;
    chatUserId: string;
    privileges: ChatPrivilege[];
  };
}

/**
 * Agora's token flow with almost no upstream work: the server's Chat
 * credential and users' UUIDs are cached, so a known user costs no REST
 * call and a new one a lookup and a registration.
 */
export class TokenIssuer {
  private readonly users: UserDirectory;

  constructor(private readonly config: ServerConfig) {
    const target = restTarget(config);
    const credential = new ChatCredential({
      flow: config.authFlow,
      signing: config.signing,
      target,
    });
    this.users = new UserDirectory(target, credential, config.userCacheSeconds);
  }

  /** Signs a user token, capped at the configured maximum lifetime. */
  async issue(
    username: string,
    requestedTtlSeconds: number | undefined,
    trace: UpstreamTrace,
  ): Promise<IssuedUserToken> {
    const { maxTokenTtlSeconds, signing, authFlow } = this.config;
    const ttlSeconds = Math.min(
      requestedTtlSeconds ?? maxTokenTtlSeconds,
      maxTokenTtlSeconds,
    );

    const uuid = await this.users.uuidOf(username, trace);
    // The older flow signs the UUID; Agora's current one signs the name.
    const subject = authFlow === "app-token" ? username : uuid;
    const signed = await signChatUserToken(signing, subject, ttlSeconds);

    return {
      token: signed.token,
      user: username,
      uuid,
      issuedAt: signed.issuedAt * 1000,
      expiresAt: signed.expiresAt * 1000,
      ttlSeconds,
      serverTime: Date.now(),
      claims: {
        appId: signing.appId,
        chatUserId: subject,
        privileges: ["user"],
      },
    };
  }

  /** Throws the AppError that keeps this server from issuing tokens. */
  async checkUpstream(trace: UpstreamTrace): Promise<void> {
    await this.users.checkAccess(trace);
  }
}

let sharedIssuer: TokenIssuer | undefined;

/** The issuer of this server process, built on first use. */
export function getTokenIssuer(): TokenIssuer {
  sharedIssuer ??= new TokenIssuer(getServerConfig());

  return sharedIssuer;
}

function restTarget(config: ServerConfig): ChatRestTarget {
  return {
    baseUrl: config.restBaseUrl,
    orgName: config.orgName,
    appName: config.appName,
    timeoutMs: config.restTimeoutMs,
  };
}
