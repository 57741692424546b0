import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { runInNewContext } from "node:vm";

import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";

import {
  decodeMessage,
  encodeMessage,
  protocolSchema,
  toUInt64,
} from "./protocol";

const require = createRequire(import.meta.url);

const SDK_BUILDS = {
  full: require.resolve("agora-chat"),
  miniCore: require.resolve("agora-chat/miniCore/miniCore.js"),
};

// Each build embeds its schema as a protobufjs JSON literal passed to
// Root.fromJSON; it starts at the one `nested:{easemob:` in the bundle.
function sdkSchema(file: string): protobuf.Root {
  const source = readFileSync(file, "utf8");
  const start = source.indexOf("{easemob:");
  if (start < 0) throw new Error(`no embedded schema found in ${file}`);

  const end = matchingBrace(source, start);
  const descriptor = runInNewContext(`(${source.slice(start, end + 1)})`);

  const root = protobuf.Root.fromJSON({ nested: descriptor });
  root.resolveAll();

  return root;
}

function matchingBrace(source: string, start: number): number {
  let depth = 0;
  for (let index = start; index < source.length; index++) {
    if (source[index] === "{") depth++;
    if (source[index] === "}" && --depth === 0) return index;
  }

  throw new Error("the embedded schema never closes");
}

/** Every message and enum under `easemob.pb`, nested ones included. */
function definitionsOf(root: protobuf.Root) {
  const found: (protobuf.Type | protobuf.Enum)[] = [];
  const walk = (namespace: protobuf.NamespaceBase) => {
    for (const nested of namespace.nestedArray) {
      if (nested instanceof protobuf.Type || nested instanceof protobuf.Enum) {
        found.push(nested);
      }
      if (nested instanceof protobuf.Namespace) walk(nested);
    }
  };
  walk(root.lookup("easemob.pb") as protobuf.Namespace);

  return found;
}

const describeField = (field: protobuf.Field) => ({
  id: field.id,
  type: field.resolvedType?.fullName ?? field.type,
  rule: field.repeated ? "repeated" : field.required ? "required" : "optional",
});

/** The differences between our definition and the SDK's, as sentences. */
function driftOf(ours: protobuf.Type | protobuf.Enum, sdk: protobuf.Root) {
  const theirs = sdk.lookup(ours.fullName);
  if (!theirs) return [`${ours.fullName} is not in the SDK's schema`];

  if (ours instanceof protobuf.Enum) {
    const values = (theirs as protobuf.Enum).values ?? {};
    return Object.entries(ours.values).flatMap(([name, number]) =>
      values[name] === number
        ? []
        : [
            `${ours.fullName}.${name} is ${number}, the SDK has ${values[name]}`,
          ],
    );
  }

  const fields = (theirs as protobuf.Type).fields ?? {};
  return Object.values(ours.fields).flatMap((field) => {
    const expected = describeField(field);
    const actual = fields[field.name] && describeField(fields[field.name]!);
    const same = JSON.stringify(actual) === JSON.stringify(expected);

    return same
      ? []
      : [
          `${ours.fullName}.${field.name} is ${JSON.stringify(expected)}, the SDK has ${JSON.stringify(actual ?? "no such field")}`,
        ];
  });
}

describe("msync.proto against the schema inside agora-chat", () => {
  const schema = protocolSchema();
  schema.resolveAll();
  const ours = definitionsOf(schema);

  it("defines the messages and enums the emulator speaks", () => {
    const names = ours.map((definition) => definition.fullName);

    expect(names).toEqual(
      expect.arrayContaining([
        ".easemob.pb.MSync",
        ".easemob.pb.MSync.Command",
        ".easemob.pb.Provision",
        ".easemob.pb.Status.ErrorCode",
        ".easemob.pb.StatisticsBody.Operation",
      ]),
    );
  });

  for (const [build, file] of Object.entries(SDK_BUILDS)) {
    it(`matches every field and enum value of the ${build} build`, () => {
      const sdk = sdkSchema(file);

      const drift = ours.flatMap((definition) => driftOf(definition, sdk));

      expect(drift).toEqual([]);
    });
  }

  it("reports a renumbered field as drift", () => {
    const sdk = sdkSchema(SDK_BUILDS.full);
    const provision = sdk.lookupType("easemob.pb.Provision");
    provision.fields.authToken!.id = 99;

    const drift = ours.flatMap((definition) => driftOf(definition, sdk));

    expect(drift).toEqual([
      expect.stringMatching(
        /^\.easemob\.pb\.Provision\.authToken is .*"id":18/,
      ),
    ]);
  });
});

describe("uint64", () => {
  it("round-trips ids beyond 2^53 exactly", () => {
    const id = toUInt64(2 ** 53)
      .multiply(1000)
      .add(7);

    const bytes = encodeMessage("Meta", { id });
    const decoded = decodeMessage("Meta", bytes);

    expect(decoded.id?.toString()).toBe(id.toString());
  });
});
