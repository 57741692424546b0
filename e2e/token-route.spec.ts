import { expect, skipWhenRemote, test } from "./fixtures";

import { decodeToken } from "../lib/token";
import { uniqueUser } from "./helpers";
import { EMULATOR_URL } from "./servers";

const ORG_APP = "demo/tokenlab";

test("answers a client written for Agora's sample server with a plain token the emulator accepts", async ({
  baseURL,
}) => {
  skipWhenRemote("it asks the emulator whether it accepts the token");
  const user = uniqueUser("seed");

  const response = await fetch(`${baseURL}/api/chat/user/${user}/token`);
  const token = await response.text();

  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
  expect(response.headers.get("cache-control")).toBe("no-store");
  expect(token).toMatch(/^007/);

  const renewal = await fetch(
    `${EMULATOR_URL}/${ORG_APP}/sdk/users/${user}/token/expires`,
    { headers: { Authorization: `Bearer ${token}` } },
  );
  expect(renewal.status).toBe(200);
});

test("answers JSON on request, signed for the user's UUID", async ({
  request,
}) => {
  const user = uniqueUser("json");

  const response = await request.get(`/api/chat/user/${user}/token?ttl=60`, {
    headers: { Accept: "application/json" },
  });
  const body = await response.json();

  expect(response.status()).toBe(200);
  expect(body).toMatchObject({ user, ttlSeconds: 60 });
  expect(decodeToken(body.token).chat?.userId).toBe(body.uuid);
  expect(body.expiresAt).toBe(decodeToken(body.token).expiresAt * 1000);
});

test("keeps the same UUID for a user on every request", async ({ request }) => {
  const user = uniqueUser("same");
  const ask = async () =>
    (
      await request.get(`/api/chat/user/${user}/token`, {
        headers: { Accept: "application/json" },
      })
    ).json();

  const [first, second] = [await ask(), await ask()];

  expect(second.uuid).toBe(first.uuid);
});

test("never grants more than the configured lifetime", async ({ request }) => {
  skipWhenRemote("the lifetime a deployment allows is its own setting");
  const response = await request.get(
    `/api/chat/user/${uniqueUser("long")}/token?ttl=86400`,
    { headers: { Accept: "application/json" } },
  );

  expect((await response.json()).ttlSeconds).toBe(3600);
});

for (const [what, path, message] of [
  ["an upper-case username", "/api/chat/user/Alice/token", /lower-case/],
  [
    "a username over 64 characters",
    `/api/chat/user/${"a".repeat(65)}/token`,
    /1 to 64/,
  ],
  ["an encoded slash", "/api/chat/user/a%2Fb/token", /lower-case/],
  ["an encoded dot-dot", "/api/chat/user/%2E%2E%2Fx/token", /lower-case/],
  ["unicode", "/api/chat/user/%C3%A5lice/token", /lower-case/],
  ["a ttl that is not a number", "/api/chat/user/alice/token?ttl=soon", /ttl/],
  ["a ttl of zero", "/api/chat/user/alice/token?ttl=0", /ttl/],
] as const) {
  test(`answers 400 with a JSON error for ${what}`, async ({ request }) => {
    const response = await request.get(path);

    expect(response.status()).toBe(400);
    expect(response.headers()["cache-control"]).toBe("no-store");
    expect(await response.json()).toMatchObject({
      error: expect.any(String),
      message: expect.stringMatching(message),
    });
  });
}

for (const method of ["HEAD", "POST", "PUT", "DELETE", "PATCH"]) {
  test(`answers ${method} with a 405 naming the served methods`, async ({
    request,
  }) => {
    const response = await request.fetch(
      `/api/chat/user/${uniqueUser("verb")}/token`,
      { method },
    );

    expect(response.status()).toBe(405);
    expect(response.headers()["allow"]).toBe("GET, OPTIONS");
    if (method !== "HEAD") {
      expect(await response.json()).toMatchObject({
        error: "method_not_allowed",
      });
    }
  });
}
