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

  store(recipient: string, sender: string, message: StoredMessage): void {
    const inbox = this.inboxOf(recipient);
    const queue = inbox.get(sender) ?? [];
    queue.push(message);
    inbox.set(sender, queue);
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
