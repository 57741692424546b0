import Long from "long";
import protobuf from "protobufjs";

// protobufjs reads and writes uint64 as Long only when it can find `long`;
// ids and millisecond timestamps do not fit a double exactly.
protobuf.util.Long = Long;
protobuf.configure();

const root = protobuf.loadSync(
  new URL("./protocol/msync.proto", import.meta.url).pathname,
);

export const Command = { SYNC: 0, UNREAD: 1, NOTICE: 2, PROVISION: 3 } as const;

export const ErrorCode = {
  OK: 0,
  FAIL: 1,
  UNAUTHORIZED: 2,
  WRONG_PARAMETER: 4,
  TOKEN_EXPIRED: 6,
  PERMISSION_DENIED: 7,
  IM_FORBIDDEN: 12,
} as const;

export const NameSpace = { STATISTIC: 0, CHAT: 1, MUC: 2, ROSTER: 3 } as const;

export const MessageType = { NORMAL: 0, CHAT: 1, GROUPCHAT: 2 } as const;

export const ContentType = { TEXT: 0 } as const;

export const StatisticsOperation = {
  INFORMATION: 0,
  USER_REMOVED: 1,
  USER_LOGIN_ANOTHER_DEVICE: 2,
  USER_KICKED_BY_CHANGE_PASSWORD: 3,
  USER_KICKED_BY_OTHER_DEVICE: 4,
} as const;

/** A uint64 as written; decoding always yields a Long. */
export type UInt64 = Long | number;

export interface Jid {
  appKey?: string;
  name?: string;
  domain?: string;
  clientResource?: string;
}

export interface Status {
  errorCode?: number;
  reason?: string;
}

export interface MSync {
  version?: number;
  guid?: Jid;
  auth?: string;
  command?: number;
  payload?: Uint8Array;
  deviceId?: number;
  encryptType?: number[];
}

export interface Provision {
  osType?: number;
  version?: string;
  compressType?: number[];
  encryptType?: number[];
  status?: Status;
  deviceUuid?: string;
  deviceName?: string;
  resource?: string;
  auth?: string;
  actionVersion?: string;
  authToken?: string;
  sessionId?: string;
  reason?: string;
}

export interface MetaQueue {
  queue?: Jid;
  n?: number;
}

export interface CommUnreadDL {
  status?: Status;
  unread?: MetaQueue[];
  timestamp?: UInt64;
}

export interface Meta {
  id?: UInt64;
  from?: Jid;
  to?: Jid;
  timestamp?: UInt64;
  ns?: number;
  payload?: Uint8Array;
  routetype?: number;
}

export interface CommSyncUL {
  meta?: Meta;
  key?: UInt64;
  queue?: Jid;
}

export interface CommSyncDL {
  status?: Status;
  metaId?: UInt64;
  serverId?: UInt64;
  metas?: Meta[];
  nextKey?: UInt64;
  queue?: Jid;
  isLast?: boolean;
  timestamp?: UInt64;
}

export interface CommNotice {
  queue?: Jid;
}

export interface MessageBody {
  type?: number;
  from?: Jid;
  to?: Jid;
  contents?: { type?: number; text?: string }[];
}

export interface StatisticsBody {
  operation?: number;
}

/** Every message this module encodes and decodes, by its schema name. */
export interface ProtocolMessages {
  MSync: MSync;
  Provision: Provision;
  CommUnreadDL: CommUnreadDL;
  CommSyncUL: CommSyncUL;
  CommSyncDL: CommSyncDL;
  CommNotice: CommNotice;
  Meta: Meta;
  MessageBody: MessageBody;
  StatisticsBody: StatisticsBody;
}

export type ProtocolMessageName = keyof ProtocolMessages;

const types = new Map<ProtocolMessageName, protobuf.Type>();

function typeOf(name: ProtocolMessageName): protobuf.Type {
  const known = types.get(name);
  if (known) return known;

  const type = root.lookupType(`easemob.pb.${name}`);
  types.set(name, type);

  return type;
}

/** Encodes a plain object as the named `easemob.pb` message. */
export function encodeMessage<N extends ProtocolMessageName>(
  name: N,
  value: ProtocolMessages[N],
): Uint8Array {
  const type = typeOf(name);

  return type.encode(type.fromObject(value)).finish();
}

/** Decodes the named `easemob.pb` message; throws on malformed bytes. */
export function decodeMessage<N extends ProtocolMessageName>(
  name: N,
  bytes: Uint8Array,
): ProtocolMessages[N] {
  const type = typeOf(name);
  const message = type.decode(bytes);

  // Absent fields stay absent so callers can tell "unset" from zero.
  return type.toObject(message, { arrays: true }) as ProtocolMessages[N];
}

/** The loaded `msync.proto`, for comparing it with the SDK's schema. */
export function protocolSchema(): protobuf.Root {
  return root;
}

/** A uint64 for the wire from a millisecond timestamp or counter. */
export function toUInt64(value: number): Long {
  return Long.fromNumber(value, true);
}
