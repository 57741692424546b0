import type Long from "long";

import type { Jid } from "./protocol";

export interface StoredMessage {
  serverId: Long;
  from: Jid;
  to: Jid;
  timestamp: number;
  /** The sender's MessageBody bytes, delivered unchanged. */
  payload: Uint8Array;
}

/**
 * Undelivered messages one recipient may have waiting, from everyone
 * together; past it new ones are dropped, so one flood cannot take the
 * process's memory (frames are up to 1 MiB each).
 */
export const MAX_WAITING_PER_RECIPIENT = 500;

export interface UnreadQueue {
  sender: string;
  count: number;
}

/**
 * Undelivered one-to-one messages, one queue per recipient and sender, as
 * the SDK pulls them by the sender's JID. Delivered messages are removed.
 */
export class Mailbox {
  private readonly inboxes = new Map<string, Map<string, StoredMessage[]>>();

  /** Keeps `message` for `recipient`; false when their inbox is full. */
  store(recipient: string, sender: string, message: StoredMessage): boolean {
    const inbox = this.inboxOf(recipient);
    const waiting = [...inbox.values()].reduce((n, q) => n + q.length, 0);
    if (waiting >= MAX_WAITING_PER_RECIPIENT) return false;

    const queue = inbox.get(sender) ?? [];
    queue.push(message);
    inbox.set(sender, queue);

    return true;
  }

  unreadQueues(recipient: string): UnreadQueue[] {
    const inbox = this.inboxes.get(recipient);
    if (!inbox) return [];

    return [...inbox].map(([sender, queue]) => ({
      sender,
      count: queue.length,
    }));
  }

  takeAll(recipient: string, sender: string): StoredMessage[] {
    const inbox = this.inboxes.get(recipient);
    const queue = inbox?.get(sender) ?? [];
    inbox?.delete(sender);

    return queue;
  }

  /** Drops everything waiting for `recipient`, e.g. a removed user. */
  forget(recipient: string): void {
    this.inboxes.delete(recipient);
  }

  clear(): void {
    this.inboxes.clear();
  }

  private inboxOf(recipient: string): Map<string, StoredMessage[]> {
    const known = this.inboxes.get(recipient);
    if (known) return known;

    const inbox = new Map<string, StoredMessage[]>();
    this.inboxes.set(recipient, inbox);

    return inbox;
  }
}
