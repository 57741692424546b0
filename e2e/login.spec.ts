import { expect, skipWhenRemote, test } from "./fixtures";

import { buildChatUserToken } from "../lib/token";
import { DEMO_APP } from "../lib/demo-app";
import {
  TOKEN_ROUTE,
  connectionState,
  eventLog,
  expectConnected,
  login,
  uniqueUser,
} from "./helpers";

test("logs in with a server-signed token and shows connected", async ({
  page,
}) => {
  const user = uniqueUser("alice");

  await login(page, user);

  await expectConnected(page);
  await expect(eventLog(page)).toContainText(`Connected as ${user}`);
  await expect(page.getByTestId("token-expiry")).toContainText(/in \d+ s/);
});

test("logs out and back in", async ({ page }) => {
  const user = uniqueUser("carol");
  await login(page, user);
  await expectConnected(page);

  await page.getByRole("button", { name: "Logout" }).click();
  await expect(connectionState(page)).toHaveText("signed-out");
  await page.getByRole("button", { name: "Login" }).click();

  await expectConnected(page);
});

test("refuses a token signed with the wrong certificate with error 28", async ({
  page,
}) => {
  // Which code real Agora gives a forged token is not known from here.
  skipWhenRemote("the emulator's rejection codes");
  const user = uniqueUser("mallory");
  const forged = buildChatUserToken(
    { appId: DEMO_APP.appId, appCertificate: "0".repeat(32) },
    user,
    60,
  );
  await page.route(TOKEN_ROUTE, (route) =>
    route.fulfill({
      json: {
        token: forged,
        user,
        uuid: user,
        issuedAt: Date.now(),
        expiresAt: Date.now() + 60_000,
        ttlSeconds: 60,
        serverTime: Date.now(),
        claims: {
          appId: DEMO_APP.appId,
          chatUserId: user,
          privileges: ["user"],
        },
      },
    }),
  );

  await login(page, user);

  await expect(connectionState(page)).toHaveText("failed");
  await expect(eventLog(page)).toContainText("Login failed: SDK error 28");
});

test("shows the server's message for a username Agora would refuse", async ({
  page,
}) => {
  await login(page, "Not Valid");

  await expect(connectionState(page)).toHaveText("failed");
  await expect(eventLog(page)).toContainText("HTTP 400");
  await expect(eventLog(page)).toContainText("lower-case a-z");
});
