import Long from "long";
import { z } from "zod";

import { Command, NameSpace } from "../protocol";

const uint64Schema = z.custom<Long>(
  (value) => Long.isLong(value),
  "expected a uint64",
);

const bytesSchema = z.instanceof(Uint8Array, { error: "expected bytes" });

export const jidSchema = z.object({
  appKey: z.string().optional(),
  name: z.string().optional(),
  domain: z.string().optional(),
  clientResource: z.string().optional(),
});

const namedJidSchema = jidSchema.extend({
  name: z.string().min(1, "a JID needs a user name"),
});

/** An MSync frame from a client; SYNC is 0, so proto2 may leave it out. */
export const frameSchema = z.object({
  command: z
    .number()
    .refine((value) => Object.values(Command).some((c) => c === value), {
      error: "command must be SYNC, UNREAD, NOTICE or PROVISION",
    })
    .default(Command.SYNC),
  guid: jidSchema.optional(),
  auth: z.string().optional(),
  payload: bytesSchema.optional(),
});

export type ClientFrame = z.infer<typeof frameSchema>;

/** The guid of a PROVISION frame: whose login this is. */
export const loginGuidSchema = jidSchema.extend({
  appKey: z.string({ error: "login guid needs an appKey" }),
  name: z.string().min(1, "login guid needs a user name"),
});

export const provisionRequestSchema = z.object({
  resource: z.string().optional(),
  authToken: z.string().optional(),
});

/** Provision.authToken from the SDK: `{"token":"$t$<token>"}`. */
export const authTokenJsonSchema = z.object({ token: z.string() });

export const metaUploadSchema = z.object({
  id: uint64Schema.optional(),
  to: jidSchema.optional(),
  ns: z.number().default(NameSpace.STATISTIC),
  payload: bytesSchema.optional(),
});

export const chatMetaSchema = metaUploadSchema.extend({
  id: uint64Schema,
  to: namedJidSchema,
  payload: bytesSchema,
});

/** A SYNC upload: either a meta to deliver, or a queue to pull. */
export const syncUploadSchema = z
  .object({
    meta: metaUploadSchema.optional(),
    queue: namedJidSchema.optional(),
  })
  .refine((upload) => upload.meta || upload.queue, {
    error: "SYNC carries neither a meta nor a queue",
  });
