import { expect, test } from "./fixtures";

import { DEMO_APP } from "../lib/demo-app";
import { buildChatUserToken } from "../lib/token";
import {
  TOKEN_ROUTE,
  eventLog,
  expectConnected,
  login,
  uniqueUser,
} from "./helpers";

test("shows the decoded token and draws its life with the 80 % mark", async ({
  page,
}) => {
  const user = uniqueUser("dora");

  await login(page, user, "30 s");
  await expectConnected(page);

  const claims = page.getByTestId("token-claims");
  await expect(claims).toContainText(DEMO_APP.appId);
  await expect(claims).toContainText("Chat user ID");
  await expect(claims).toContainText("user");
  const spans = page.getByTestId("token-span");
  await expect(spans).toHaveCount(1);
  await expect(spans.first()).toContainText(
    /issued .+, warning at .+, expires/,
  );
  await expect(page.getByTestId("clock-offset")).toContainText("round trip");
});

test("draws the next token's span after a renewal and marks the moment", async ({
  page,
}) => {
  await login(page, uniqueUser("ren"), "10 s");
  await expectConnected(page);

  await expect(eventLog(page)).toContainText("Token renewed", {
    timeout: 15_000,
  });

  const spans = page.getByTestId("token-span");
  await expect(spans).toHaveCount(2);
  await expect(spans.first()).toContainText("renewed at");
  await expect(spans.last()).not.toContainText("renewed at");
  await expect(eventLog(page).locator("[data-kind=renewed]")).toContainText(
    /now expires at .+ \(was .+\)/,
  );
  await page.screenshot({
    path: test.info().outputPath("renewed.png"),
    fullPage: true,
  });
});

test("explains error 17 when the server refuses the new token, then renews", async ({
  page,
}) => {
  let tokenRequests = 0;
  await page.route(TOKEN_ROUTE, async (route) => {
    tokenRequests += 1;
    if (tokenRequests !== 2) return route.continue();

    // The renewal's first token is signed with the wrong certificate.
    const response = await route.fetch();
    const grant = await response.json();
    const forged = buildChatUserToken(
      { appId: DEMO_APP.appId, appCertificate: "0".repeat(32) },
      grant.uuid,
      10,
    );
    await route.fulfill({ response, json: { ...grant, token: forged } });
  });
  await login(page, uniqueUser("refused"), "10 s");
  await expectConnected(page);

  await expect(eventLog(page)).toContainText("Token renewed", {
    timeout: 15_000,
  });

  const refusal = eventLog(page).locator("li", {
    hasText: "Renewal refused: SDK error 17",
  });
  await expect(refusal).toContainText("The server refused the new token.");
  await expectConnected(page);
  await expect(eventLog(page)).not.toContainText("Token expired");
});
