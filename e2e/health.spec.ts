import { expect, test } from "./fixtures";

test("reports the server healthy and able to reach the Chat REST API", async ({
  request,
}) => {
  const response = await request.get("/api/health");

  expect(response.status()).toBe(200);
  expect(response.headers()["cache-control"]).toBe("no-store");
  expect(await response.json()).toMatchObject({
    ok: true,
    mode: expect.stringMatching(/^(emulator|agora)$/),
    upstream: { ok: true },
  });
});

test("answers the liveness ping", async ({ request }) => {
  const response = await request.get("/api/ping");

  expect(await response.json()).toEqual({ ok: true });
});

test("answers an unknown API path with a JSON 404", async ({ request }) => {
  const response = await request.get("/api/nope");

  expect(response.status()).toBe(404);
  expect(await response.json()).toMatchObject({ error: "not_found" });
});

test("answers POST on the health route with a JSON 405", async ({
  request,
}) => {
  const response = await request.post("/api/health");

  expect(response.status()).toBe(405);
  expect(response.headers()["allow"]).toBe("GET");
});
