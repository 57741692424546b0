import { expect, test, type Page } from "./fixtures";

import {
  TOKEN_ROUTE,
  eventLog,
  expectConnected,
  login,
  uniqueUser,
} from "./helpers";

async function currentTokenExpiry(page: Page): Promise<number> {
  const value = await page
    .getByTestId("token-expiry")
    .getAttribute("data-expires-at");

  return Number(value);
}

async function logTime(page: Page, text: string): Promise<number> {
  const entry = eventLog(page).locator("li", { hasText: text }).first();

  return Number(await entry.getAttribute("data-at"));
}

test("renews the token before it expires and stays connected past the first expiry", async ({
  page,
}) => {
  await login(page, uniqueUser("renee"), "10 s");
  await expectConnected(page);
  const firstExpiry = await currentTokenExpiry(page);

  await expect(eventLog(page)).toContainText("Token renewed", {
    timeout: 15_000,
  });
  expect(await logTime(page, "Token renewed")).toBeLessThan(firstExpiry);

  await page.waitForTimeout(Math.max(0, firstExpiry - Date.now()) + 1_500);
  await expectConnected(page);
  expect(await currentTokenExpiry(page)).toBeGreaterThan(firstExpiry);
  await expect(eventLog(page)).not.toContainText("Token expired");
  await expect(eventLog(page)).not.toContainText("Disconnected");
});

test("logs in again by itself when the token request fails at renewal time", async ({
  page,
}) => {
  const user = uniqueUser("fritz");
  let isTokenServerDown = false;
  let refusedRequests = 0;
  await page.route(TOKEN_ROUTE, (route) => {
    if (!isTokenServerDown) return route.continue();

    refusedRequests += 1;
    return route.fulfill({
      status: 503,
      json: { error: "test_outage", message: "made unavailable by the test" },
    });
  });
  await login(page, user, "10 s");
  await expectConnected(page);

  isTokenServerDown = true;
  await expect(eventLog(page)).toContainText("Renewal failed", {
    timeout: 15_000,
  });
  isTokenServerDown = false;

  await expect(eventLog(page)).toContainText("Token expired", {
    timeout: 5_000,
  });
  await expect(eventLog(page)).toContainText(`Logged in again as ${user}`);
  await expectConnected(page);
  expect(refusedRequests).toBe(1);
});
