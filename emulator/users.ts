import { randomUUID } from "node:crypto";

export interface ChatUser {
  uuid: string;
  username: string;
  created: number;
}

/** The registered chat users of the one emulated app, in memory only. */
export class UserDirectory {
  private readonly byName = new Map<string, ChatUser>();

  find(username: string): ChatUser | undefined {
    return this.byName.get(username);
  }

  has(username: string): boolean {
    return this.byName.has(username);
  }

  register(username: string, createdAt: number): ChatUser {
    const user = { uuid: randomUUID(), username, created: createdAt };
    this.byName.set(username, user);

    return user;
  }

  remove(username: string): boolean {
    return this.byName.delete(username);
  }

  list(): ChatUser[] {
    return [...this.byName.values()];
  }

  clear(): void {
    this.byName.clear();
  }
}
