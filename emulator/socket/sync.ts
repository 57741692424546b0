import type Long from "long";
import { z } from "zod";

import type { EmulatorContext } from "../context";
import type { StoredMessage } from "../mailbox";
import {
  ErrorCode,
  NameSpace,
  encodeMessage,
  toUInt64,
  type CommSyncDL,
  type MessageBody,
} from "../protocol";
import { userJid } from "./frames";
import { parseOrThrow, parsePayload } from "./parse";
import { chatMetaSchema, type syncUploadSchema } from "./schemas";

export interface SessionIdentity {
  username: string;
  resource: string;
}

type SyncUpload = z.output<typeof syncUploadSchema>;
type MetaUpload = NonNullable<SyncUpload["meta"]>;

// Only used to refuse bytes that are not a MessageBody at all; the bytes
// themselves are delivered unchanged.
const messageBodySchema = z.object({
  type: z.number().optional(),
  contents: z.array(z.object({ type: z.number().optional() })),
});

/** Answers a SYNC: acks an uploaded meta, or hands out a queue's messages. */
export function answerSync(
  upload: SyncUpload,
  sender: SessionIdentity,
  context: EmulatorContext,
): CommSyncDL {
  if (upload.queue) return pullQueue(upload.queue.name, sender, context);

  return acceptMeta(upload.meta as MetaUpload, sender, context);
}

// Statistic and other metas are acked and dropped: nothing in login,
// renewal or one-to-one text reads them back.
function acceptMeta(
  meta: MetaUpload,
  sender: SessionIdentity,
  context: EmulatorContext,
): CommSyncDL {
  const serverId = context.nextServerId();
  if (meta.ns === NameSpace.CHAT) deliverChat(meta, serverId, sender, context);

  return {
    status: { errorCode: ErrorCode.OK },
    metaId: meta.id,
    serverId,
    timestamp: toUInt64(context.now()),
  };
}

function deliverChat(
  upload: MetaUpload,
  serverId: Long,
  sender: SessionIdentity,
  context: EmulatorContext,
): void {
  const meta = parseOrThrow("chat meta", upload, chatMetaSchema);
  parsePayload("MessageBody", meta.payload, messageBodySchema);

  const recipient = meta.to.name;
  if (!context.users.has(recipient)) {
    context.log(
      `drop message from=${sender.username} reason=unknown_recipient`,
    );
    return;
  }

  const { appKey } = context.app;
  const isStored = context.mailbox.store(recipient, sender.username, {
    serverId,
    from: userJid(appKey, sender.username, sender.resource),
    to: userJid(appKey, recipient),
    timestamp: context.now(),
    payload: namingSender(meta.payload, appKey, sender),
  });
  if (!isStored) {
    context.log(`drop message from=${sender.username} reason=inbox_full`);
    return;
  }

  for (const session of context.sessions.forUser(recipient)) {
    session.notifyQueue(sender.username);
  }
}

// The SDK shows the sender the body names, so a client could claim to be
// anyone. A second `from` field is appended: protobuf merges repeated
// occurrences of a message field, the last value of each of its fields
// winning, so the body names the logged-in sender while every field this
// emulator does not model passes through untouched.
function namingSender(
  payload: Uint8Array,
  appKey: string,
  sender: SessionIdentity,
): Uint8Array {
  const from = userJid(appKey, sender.username, sender.resource);
  const override = encodeMessage("MessageBody", {
    from: { clientResource: "", ...from },
  } as MessageBody);

  return Buffer.concat([payload, override]);
}

function pullQueue(
  queueOwner: string,
  puller: SessionIdentity,
  context: EmulatorContext,
): CommSyncDL {
  const messages = context.mailbox.takeAll(puller.username, queueOwner);

  // Everything is handed out at once, so every pull is the last page.
  return {
    status: { errorCode: ErrorCode.OK },
    queue: userJid(context.app.appKey, queueOwner),
    metas: messages.map(toChatMeta),
    isLast: true,
    timestamp: toUInt64(context.now()),
  };
}

/**
 * An unasked-for SYNC answer carrying one STATISTIC meta, the way the
 * server tells a client it was removed or logged out by another login.
 */
export function statisticPush(
  username: string,
  operation: number,
  context: EmulatorContext,
): CommSyncDL {
  const { appKey } = context.app;
  const now = toUInt64(context.now());

  return {
    status: { errorCode: ErrorCode.OK },
    queue: userJid(appKey, username),
    metas: [
      {
        id: context.nextServerId(),
        // The SDK reads the sender's name and the recipient's domain.
        from: userJid(appKey, "admin"),
        to: userJid(appKey, username),
        timestamp: now,
        ns: NameSpace.STATISTIC,
        payload: encodeMessage("StatisticsBody", { operation }),
      },
    ],
    isLast: true,
    timestamp: now,
  };
}

function toChatMeta(message: StoredMessage) {
  return {
    id: message.serverId,
    from: message.from,
    to: message.to,
    timestamp: toUInt64(message.timestamp),
    ns: NameSpace.CHAT,
    payload: message.payload,
  };
}
