import "server-only";

import { randomBytes } from "node:crypto";

import { getServerConfig, type ServerConfig } from "../config";
import {
  buildChatAppToken,
  buildChatUserToken,
  decodeToken,
  type ChatPrivilege,
} from "../token";
import {
  exchangeAppToken,
  findUserUuid,
  registerUser,
  type ChatRestTarget,
} from "./chat-rest";

/** The app token only has to live through the few REST calls below. */
const APP_TOKEN_TTL_SECONDS = 300;

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
 * Agora's token flow: authenticate this server with an app token, find the
 * user (registering it when Agora says it is absent) and sign a user token
 * for its UUID. The lifetime is capped at the server's configured maximum.
 */
export async function issueUserToken(
  username: string,
  requestedTtlSeconds?: number,
  config: ServerConfig = getServerConfig(),
): Promise<IssuedUserToken> {
  const target = restTarget(config);
  const ttlSeconds = Math.min(
    requestedTtlSeconds ?? config.maxTokenTtlSeconds,
    config.maxTokenTtlSeconds,
  );

  const appToken = buildChatAppToken(config.signing, APP_TOKEN_TTL_SECONDS);
  const { accessToken } = await exchangeAppToken(target, appToken);
  const uuid = await findOrRegisterUser(target, accessToken, username);

  const token = buildChatUserToken(config.signing, uuid, ttlSeconds);

  return describeIssued(token, username, uuid, ttlSeconds);
}

function describeIssued(
  token: string,
  user: string,
  uuid: string,
  ttlSeconds: number,
): IssuedUserToken {
  const decoded = decodeToken(token);
  const privileges = Object.keys(decoded.chat?.privileges ?? {});

  return {
    token,
    user,
    uuid,
    issuedAt: decoded.issuedAt * 1000,
    expiresAt: decoded.expiresAt * 1000,
    ttlSeconds,
    serverTime: Date.now(),
    claims: {
      appId: decoded.appId,
      chatUserId: decoded.chat?.userId ?? "",
      privileges: privileges as ChatPrivilege[],
    },
  };
}

async function findOrRegisterUser(
  target: ChatRestTarget,
  bearer: string,
  username: string,
): Promise<string> {
  const existing = await findUserUuid(target, bearer, username);
  if (existing) return existing;

  // Users log in with tokens only; the password just satisfies the API.
  const password = randomBytes(24).toString("base64url");

  return registerUser(target, bearer, username, password);
}

function restTarget(config: ServerConfig): ChatRestTarget {
  return {
    baseUrl: config.restBaseUrl,
    orgName: config.orgName,
    appName: config.appName,
  };
}
