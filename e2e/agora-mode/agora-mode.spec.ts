import { expect, test } from "../fixtures";

import { decodeToken } from "../../lib/token";
import { expectConnected, login, uniqueUser } from "../helpers";
import { AGORA_MODE_APP, AGORA_MODE_EMULATOR_URL } from "../servers";

// The app under test here has every AGORA_ setting of a real deployment;
// its "Agora" is an emulator with credentials of its own.

test("says it runs against Agora with the configured app key", async ({
  page,
}) => {
  await page.goto("/");

  await expect(page.getByText("Agora mode")).toBeVisible();
  await expect(page.getByText(AGORA_MODE_APP.appKey)).toBeVisible();
});

test("reports healthy with every Agora setting present", async ({
  request,
}) => {
  const response = await request.get("/api/health");
  const report = await response.json();

  expect(response.status()).toBe(200);
  expect(report).toMatchObject({
    ok: true,
    mode: "agora",
    upstream: { ok: true },
    settings: {
      AGORA_APP_ID: true,
      AGORA_APP_CERTIFICATE: true,
      AGORA_CHAT_APP_KEY: true,
      AGORA_CHAT_REST_HOST: true,
      AGORA_CHAT_SOCKET_URL: true,
      AGORA_CHAT_SDK_REST_URL: true,
    },
  });
  expect(JSON.stringify(report)).not.toContain(AGORA_MODE_APP.appCertificate);
});

test("signs tokens with the configured App ID", async ({ request }) => {
  const response = await request.get(
    `/api/chat/user/${uniqueUser("agora")}/token`,
  );

  expect(decodeToken(await response.text()).appId).toBe(AGORA_MODE_APP.appId);
});

test("the SDK connects to the configured socket URL", async ({ page }) => {
  const user = uniqueUser("socket");

  await login(page, user);
  await expectConnected(page);

  const sessions = await fetch(`${AGORA_MODE_EMULATOR_URL}/_emulator/sessions`);
  const { sessions: live } = await sessions.json();
  expect(
    live.map((session: { username: string }) => session.username),
  ).toContain(user);
});
