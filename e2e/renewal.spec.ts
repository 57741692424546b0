import { expect, test } from "./fixtures";

import {
  TOKEN_ROUTE,
  currentTokenExpiry,
  eventLog,
  eventTime,
  expectConnected,
  login,
  uniqueUser,
} from "./helpers";

test("renews the token before it expires and stays connected past the first expiry", async ({
  page,
}) => {
  await login(page, uniqueUser("renee"), "10 s");
  await expectConnected(page);
  const firstExpiry = await currentTokenExpiry(page);

  await expect(eventLog(page)).toContainText("Token renewed", {
    timeout: 15_000,
  });
  expect(await eventTime(page, "Token renewed")).toBeLessThan(firstExpiry);

  await page.waitForTimeout(Math.max(0, firstExpiry - Date.now()) + 1_500);
  await expectConnected(page);
  expect(await currentTokenExpiry(page)).toBeGreaterThan(firstExpiry);
  await expect(eventLog(page)).not.toContainText("Token expired");
  await expect(eventLog(page)).not.toContainText("Disconnected");
});

test("retries a token fetch that fails twice during renewal and ends connected", async ({
  page,
}) => {
  let tokenRequests = 0;
  let refusedRequests = 0;
  await page.route(TOKEN_ROUTE, (route) => {
    tokenRequests += 1;
    // The first request logs in; the next two are the renewal's.
    if (tokenRequests < 2 || tokenRequests > 3) return route.continue();

    refusedRequests += 1;
    return route.fulfill({
      status: 503,
      json: { error: "test_outage", message: "made unavailable by the test" },
    });
  });
  await login(page, uniqueUser("retry"), "10 s");
  await expectConnected(page);
  const firstExpiry = await currentTokenExpiry(page);

  await expect(eventLog(page)).toContainText("Token renewed", {
    timeout: 15_000,
  });

  expect(refusedRequests).toBe(2);
  await expect(eventLog(page)).toContainText("Renewal failed (attempt 1)");
  await expect(eventLog(page)).toContainText("Renewal failed (attempt 2)");
  expect(await eventTime(page, "Token renewed")).toBeLessThan(firstExpiry);
  await expectConnected(page);
  await expect(eventLog(page)).not.toContainText("Token expired");
});

test("logs in again by itself when the token server stays down until the token expires", async ({
  page,
}) => {
  const user = uniqueUser("fritz");
  let outageEndsAt = 0;
  const refusedAt: number[] = [];
  await page.route(TOKEN_ROUTE, (route) => {
    if (Date.now() >= outageEndsAt) return route.continue();

    refusedAt.push(Date.now());
    return route.fulfill({
      status: 503,
      json: { error: "test_outage", message: "made unavailable by the test" },
    });
  });
  await login(page, user, "10 s");
  await expectConnected(page);
  const firstExpiry = await currentTokenExpiry(page);
  outageEndsAt = firstExpiry;

  await expect(eventLog(page)).toContainText("Token expired", {
    timeout: 15_000,
  });
  await expect(eventLog(page)).toContainText(`Logged in again as ${user}`);
  await expectConnected(page);

  await expect(eventLog(page)).toContainText("No retry fits before");
  // The first try and at least two retries, all refused before expiry.
  expect(refusedAt.length).toBeGreaterThanOrEqual(3);
});
