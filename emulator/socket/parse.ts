import type { z } from "zod";

import { decodeMessage, type ProtocolMessageName } from "../protocol";

/** A frame the emulator cannot accept; the socket that sent it is closed. */
export class FrameError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FrameError";
  }
}

/** Decodes `bytes` as the named message and validates it with `schema`. */
export function parsePayload<S extends z.ZodType>(
  name: ProtocolMessageName,
  bytes: Uint8Array | undefined,
  schema: S,
): z.output<S> {
  const decoded = decodeOrThrow(name, bytes ?? new Uint8Array());

  return parseOrThrow(name, decoded, schema);
}

/** Validates an already decoded value with `schema`. */
export function parseOrThrow<S extends z.ZodType>(
  what: string,
  value: unknown,
  schema: S,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;

  const issues = result.error.issues.map((issue) => issue.message);
  throw new FrameError(`${what} is invalid: ${issues.join("; ")}`);
}

function decodeOrThrow(name: ProtocolMessageName, bytes: Uint8Array) {
  try {
    return decodeMessage(name, bytes);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FrameError(`${name} does not decode: ${reason}`, {
      cause: error,
    });
  }
}
