/** What the rest of the emulator may do with a logged-in socket. */
export interface LiveSession {
  readonly username: string;
  readonly resource: string;
  /** Epoch ms when the session's token runs out; renewal moves it. */
  expiresAt: number;
  /** Tells the client that `sender`'s queue has messages to pull. */
  notifyQueue(sender: string): void;
}

/** The logged-in sockets, by user, so messages and renewals reach them. */
export class SessionRegistry {
  private readonly byUser = new Map<string, Set<LiveSession>>();

  add(session: LiveSession): void {
    const sessions = this.byUser.get(session.username) ?? new Set();
    sessions.add(session);
    this.byUser.set(session.username, sessions);
  }

  remove(session: LiveSession): void {
    const sessions = this.byUser.get(session.username);
    sessions?.delete(session);
    if (sessions?.size === 0) this.byUser.delete(session.username);
  }

  forUser(username: string): LiveSession[] {
    return [...(this.byUser.get(username) ?? [])];
  }
}
