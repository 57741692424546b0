import { randomUUID } from "node:crypto";
import { z } from "zod";

export interface ChatUser {
  uuid: string;
  username: string;
  created: number;
}

// Agora's rule for user ids; upper case is refused rather than folded.
export const usernameSchema = z
  .string({ error: "username must be a string" })
  .regex(
    /^[a-z0-9_.-]{1,64}$/,
    "username must be 1 to 64 characters of a-z, 0-9, '_', '-' and '.'",
  );

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
}
