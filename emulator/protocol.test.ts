import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runInNewContext } from "node:vm";

import { describe, expect, it } from "vitest";

import {
  decodeMessage,
  describeFields,
  encodeMessage,
  toUInt64,
} from "./protocol";

interface SdkType {
  fields: Record<string, { id: number }>;
  nested?: Record<string, SdkType>;
}

// The SDK embeds its schema as a protobufjs JSON literal; reading it from
// the installed package notices an upgrade that renumbers a field.
function sdkSchema(): Record<string, SdkType> {
  const require = createRequire(import.meta.url);
  const source = readFileSync(require.resolve("agora-chat"), "utf8");
  const start = source.indexOf("{easemob:");
  expect(start).toBeGreaterThan(0);

  let depth = 0;
  let end = start;
  for (; end < source.length; end++) {
    if (source[end] === "{") depth++;
    if (source[end] === "}" && --depth === 0) break;
  }

  const literal = source.slice(start, end + 1);
  const schema = runInNewContext(`(${literal})`);
  return schema.easemob.nested.pb.nested;
}

const MESSAGES = [
  "JID",
  "Status",
  "MetaQueue",
  "MessageBody.Content",
  "MSync",
  "Provision",
  "CommUnreadDL",
  "CommSyncUL",
  "CommSyncDL",
  "CommNotice",
  "Meta",
  "MessageBody",
  "StatisticsBody",
];

describe("protocol schema", () => {
  const sdk = sdkSchema();

  it.each(MESSAGES)("numbers %s's fields as agora-chat does", (name) => {
    const [outer = "", inner] = name.split(".");
    const sdkType = inner ? sdk[outer]?.nested?.[inner] : sdk[outer];
    const sdkFields = sdkType?.fields ?? {};

    for (const [field, id] of Object.entries(describeFields(name))) {
      expect({ field, id: sdkFields[field]?.id }).toEqual({ field, id });
    }
  });

  it("round-trips uint64 ids beyond 2^53 exactly", () => {
    const id = toUInt64(2 ** 53)
      .multiply(1000)
      .add(7);

    const bytes = encodeMessage("Meta", { id });
    const decoded = decodeMessage("Meta", bytes);

    expect(decoded.id?.toString()).toBe(id.toString());
  });
});
