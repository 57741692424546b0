import { expect, skipWhenRemote, test } from "./fixtures";

import { buildChatUserToken } from "../lib/token";
import { DEMO_APP } from "../lib/demo-app";
import {
  TOKEN_ROUTE,
  connectionState,
  enterAccessCodeIfAsked,
  errorNotice,
  eventLog,
  expectConnected,
  login,
  uniqueUser,
  wait,
} from "./helpers";

test("logs in with a server-signed token and shows connected", async ({
  page,
}) => {
  const user = uniqueUser("alice");

  await login(page, user);

  await expectConnected(page);
  await expect(eventLog(page)).toContainText(`Connected as ${user}`);
  await expect(page.getByTestId("token-expiry")).toContainText(/in \d+ s/);
  await page.screenshot({ path: test.info().outputPath("connected.png") });
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

test("logs in from the keyboard alone", async ({ page }) => {
  await page.goto("/");
  await enterAccessCodeIfAsked(page);

  await page.getByLabel("Username").focus();
  await page.keyboard.type(uniqueUser("keys"));
  await page.keyboard.press("Enter");

  await expectConnected(page);
});

test("refuses a token signed with the wrong certificate with error 28 and says why", async ({
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
  await expect(errorNotice(page)).toContainText(
    "The token does not match this user or this app.",
  );
  await page.screenshot({ path: test.info().outputPath("error-28.png") });
});

test("explains error 56 when the token expired before login", async ({
  page,
}) => {
  await page.route(TOKEN_ROUTE, async (route) => {
    const url = route
      .request()
      .url()
      .replace(/ttl=\d+/, "ttl=1");
    const response = await route.fetch({ url });
    // Token times have whole seconds, so this is past a 1 s token's end.
    await wait(2_100);
    await route.fulfill({ response });
  });

  await login(page, uniqueUser("late"));

  await expect(connectionState(page)).toHaveText("failed");
  await expect(eventLog(page)).toContainText("Login failed: SDK error 56");
  await expect(errorNotice(page)).toContainText("had already expired");
});

test("shows the server's message for a username Agora would refuse", async ({
  page,
}) => {
  await login(page, "Not Valid");

  await expect(connectionState(page)).toHaveText("failed");
  await expect(eventLog(page)).toContainText("HTTP 400");
  await expect(errorNotice(page)).toContainText("lower-case a-z");
});
