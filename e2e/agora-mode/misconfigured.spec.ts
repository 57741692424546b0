import { expect, test } from "../fixtures";
import { uniqueUser } from "../helpers";
import { MISCONFIGURED_APP_URL } from "../servers";

// This app's certificate is one Agora refuses, and it is a public preview
// with no access code.
test.use({ baseURL: MISCONFIGURED_APP_URL, accessCode: null });

test("reports itself unhealthy, saying why", async ({ request }) => {
  const response = await request.get("/api/health");

  expect(response.status()).toBe(503);
  expect(await response.json()).toMatchObject({
    ok: false,
    mode: "agora",
    upstream: { ok: false, error: "upstream_unauthorized" },
    settings: { AGORA_APP_CERTIFICATE: true, AGORA_ACCESS_CODE: false },
  });
});

test("shows a banner before anyone tries to log in", async ({ page }) => {
  await page.goto("/");

  await expect(page.getByTestId("health-banner")).toContainText(
    "cannot issue Agora Chat tokens",
  );
  await expect(page.getByTestId("health-banner")).toContainText("HTTP 401");
});

test("warns that anyone with the URL can get tokens", async ({ page }) => {
  await page.goto("/");

  await expect(page.getByTestId("open-deployment-warning")).toContainText(
    "Anyone with its URL",
  );
});

test("answers a token request with a 502 naming the refused step", async ({
  request,
}) => {
  const response = await request.get(
    `/api/chat/user/${uniqueUser("mis")}/token`,
  );

  expect(response.status()).toBe(502);
  expect(await response.json()).toMatchObject({
    error: "upstream_unauthorized",
    message: expect.stringContaining("exchange the app token"),
  });
});
