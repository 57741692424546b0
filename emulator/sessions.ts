/** What the rest of the emulator may do with a logged-in socket. */
export interface LiveSession {
  readonly username: string;
  readonly resource: string;
  /** The user token the session logged in or last renewed with. */
  token: string;
  /** Epoch ms when the session's token runs out; renewal moves it. */
  expiresAt: number;
  /** Tells the client that `sender`'s queue has messages to pull. */
  notifyQueue(sender: string): void;
  /** Pushes a StatisticsBody `operation` to the client, then closes. */
  kick(operation: number): void;
  /** Closes the socket with no close frame, as a network failure would. */
  drop(): void;
  /** Makes the client see its token expire now, then closes. */
  expireNow(): void;
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

  /** A user's sessions in the order they logged in, oldest first. */
  forUser(username: string): LiveSession[] {
    return [...(this.byUser.get(username) ?? [])];
  }

  all(): LiveSession[] {
    return [...this.byUser.values()].flatMap((sessions) => [...sessions]);
  }

  clear(): void {
    this.byUser.clear();
  }
}
