import {
  AccessToken2,
  ServiceChat,
  kChatServiceType,
} from "agora-token/src/AccessToken2";

import { AppError } from "../errors";

export type ChatPrivilege = "user" | "app";

/** What an AccessToken2 says, with every time as Unix seconds. */
export interface DecodedToken {
  appId: string;
  issuedAt: number;
  expiresAt: number;
  salt: number;
  /** The chat service of the token, or null when it has none. */
  chat: {
    userId: string;
    privileges: Partial<Record<ChatPrivilege, { expiresAt: number }>>;
  } | null;
}

const PRIVILEGE_NAMES: Record<number, ChatPrivilege> = {
  [ServiceChat.kPrivilegeUser]: "user",
  [ServiceChat.kPrivilegeApp]: "app",
};

/** Reads an AccessToken2 without checking its signature. */
export function decodeToken(token: string): DecodedToken {
  const parsed = parse(token);
  const chat = parsed.services.find(
    (service) => service.service_type() === kChatServiceType,
  );

  return {
    appId: parsed.appId.toString(),
    issuedAt: parsed.issueTs,
    // AccessToken2 stores lifetimes relative to the issue time.
    expiresAt: parsed.issueTs + parsed.expire,
    salt: parsed.salt,
    chat: chat ? describeChatService(chat, parsed.issueTs) : null,
  };
}

/** True when `token` was signed with `appCertificate`. */
export function isSignedWith(token: string, appCertificate: string): boolean {
  return parse(token).verifySignature(appCertificate);
}

/**
 * Real chat tokens are a few hundred characters. The parser inflates
 * whatever it gets, so a long string could be a zip bomb: it is refused
 * before any decompression.
 */
export const MAX_TOKEN_LENGTH = 2_048;

function parse(token: string): AccessToken2 {
  if (typeof token === "string" && token.length > MAX_TOKEN_LENGTH) {
    throw new AppError(
      "token_malformed",
      400,
      `Not an AccessToken2: longer than ${MAX_TOKEN_LENGTH} characters`,
    );
  }

  const parsed = new AccessToken2("", "", 0, 0);
  if (typeof token === "string" && parsed.from_string(token)) return parsed;

  throw new AppError(
    "token_malformed",
    400,
    "Not an AccessToken2: expected '007' followed by base64 of zlib data",
  );
}

function describeChatService(service: ServiceChat, issuedAt: number) {
  const privileges: NonNullable<DecodedToken["chat"]>["privileges"] = {};
  for (const [key, lifetime] of Object.entries(service.__privileges)) {
    const name = PRIVILEGE_NAMES[Number(key)];
    if (name) privileges[name] = { expiresAt: issuedAt + lifetime };
  }

  return { userId: service.__user_id.toString(), privileges };
}
