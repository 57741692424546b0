import { expect, test } from "../fixtures";

import {
  callCounts,
  callsSince,
  clearFaults,
  injectFault,
} from "../emulator-control";
import { uniqueUser } from "../helpers";

// These tests own the emulator's fault queue and call counters, so they
// run one at a time after every other project (see playwright.config.ts).
test.describe.configure({ mode: "serial" });

test.afterEach(async () => {
  await clearFaults();
});

const asJson = { headers: { Accept: "application/json" } };

test("a warm user costs no upstream call and a new one a lookup and a registration", async ({
  request,
}) => {
  const user = uniqueUser("warm");
  await request.get(`/api/chat/user/${user}/token`);
  const before = await callCounts();

  await request.get(`/api/chat/user/${user}/token`);
  const warm = callsSince(before, await callCounts());
  await request.get(`/api/chat/user/${uniqueUser("new")}/token`);
  const fresh = callsSince(before, await callCounts());

  expect(warm).toEqual({
    exchange_token: 0,
    get_user: 0,
    register_user: 0,
    renew_token: 0,
  });
  expect(fresh).toMatchObject({ get_user: 1, register_user: 1 });
});

test("50 concurrent first requests for one user register it once", async ({
  request,
}) => {
  const user = uniqueUser("crowd");
  const before = await callCounts();

  const responses = await Promise.all(
    Array.from({ length: 50 }, () =>
      request.get(`/api/chat/user/${user}/token`, asJson),
    ),
  );
  const uuids = await Promise.all(
    responses.map(async (response) => (await response.json()).uuid),
  );

  expect(responses.map((response) => response.status())).toEqual(
    Array(50).fill(200),
  );
  expect(new Set(uuids).size).toBe(1);
  expect(callsSince(before, await callCounts())).toMatchObject({
    get_user: 1,
    register_user: 1,
  });
});

test("answers 502 when Agora keeps failing the lookup, and never registers", async ({
  request,
}) => {
  await injectFault({ endpoint: "get_user", count: 3, status: 500 });
  const before = await callCounts();

  const response = await request.get(
    `/api/chat/user/${uniqueUser("down")}/token`,
  );

  expect(response.status()).toBe(502);
  expect(await response.json()).toMatchObject({
    error: "upstream_unavailable",
    message: expect.stringContaining("HTTP 500"),
  });
  expect(callsSince(before, await callCounts())).toMatchObject({
    get_user: 3,
    register_user: 0,
  });
});

test("retries a failed lookup and still issues the token", async ({
  request,
}) => {
  await injectFault({ endpoint: "get_user", count: 2, status: 503 });

  const response = await request.get(
    `/api/chat/user/${uniqueUser("flaky")}/token`,
  );

  expect(response.status()).toBe(200);
});

test("answers 503 with Retry-After when Agora rate-limits the server", async ({
  request,
}) => {
  await injectFault({ endpoint: "get_user", count: 3, status: 429 });

  const response = await request.get(
    `/api/chat/user/${uniqueUser("busy")}/token`,
  );

  expect(response.status()).toBe(503);
  expect(Number(response.headers()["retry-after"])).toBeGreaterThan(0);
  expect(await response.json()).toMatchObject({
    error: "upstream_rate_limited",
  });
});

test("answers 504 when Agora does not answer in time", async ({ request }) => {
  // The suite's server gives up on Agora after 1 s (playwright.config.ts).
  await injectFault({ endpoint: "get_user", count: 1, delayMs: 2_500 });

  const response = await request.get(
    `/api/chat/user/${uniqueUser("slow")}/token`,
  );

  expect(response.status()).toBe(504);
  expect(await response.json()).toMatchObject({ error: "upstream_timeout" });
});

test("answers 502 without registering when the registration fails", async ({
  request,
}) => {
  await injectFault({ endpoint: "register_user", count: 1, status: 500 });
  const before = await callCounts();

  const response = await request.get(
    `/api/chat/user/${uniqueUser("nope")}/token`,
  );

  expect(response.status()).toBe(502);
  expect(callsSince(before, await callCounts())).toMatchObject({
    register_user: 1,
  });
});
