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
