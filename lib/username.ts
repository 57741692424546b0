import { z } from "zod";

import { AppError } from "./errors";

/** Agora Chat's rule for user IDs. */
export const USERNAME_RULE =
  "1 to 64 characters of lower-case a-z, digits 0-9, '_', '-' and '.', not only dots";

export const usernameSchema = z
  .string()
  .regex(/^[a-z0-9_.-]{1,64}$/, `A username must be ${USERNAME_RULE}`)
  // "." and ".." would turn users/{name} into another path of the API.
  .refine((name) => !/^\.+$/.test(name), {
    error: `A username must be ${USERNAME_RULE}`,
  });

/** Returns `value` when it is a valid Agora Chat username, else a 400. */
export function parseUsername(value: unknown): string {
  const result = usernameSchema.safeParse(value);
  if (result.success) return result.data;

  const shown = JSON.stringify(String(value).slice(0, 70));

  throw new AppError(
    "invalid_username",
    400,
    `Invalid username ${shown}: it must be ${USERNAME_RULE}`,
  );
}
