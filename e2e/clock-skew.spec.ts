import { expect, test } from "./fixtures";

import {
  connectionState,
  errorNotice,
  eventLog,
  expectConnected,
  login,
  uniqueUser,
} from "./helpers";

const FIVE_MINUTES = 5 * 60_000;

test("renews in time on a browser clock five minutes slow", async ({
  page,
}) => {
  // The SDK's timers would warn at 80 % of 5 min 10 s: far too late.
  await page.clock.install({ time: Date.now() - FIVE_MINUTES });
  await login(page, uniqueUser("slow"), "10 s");
  await expectConnected(page);

  // Two renewals: the page's own timer must have made at least one, as
  // the SDK warns only on its timers and on its 30 s heartbeat's reply.
  const spans = page.getByTestId("token-span");
  await expect(spans).toHaveCount(3, { timeout: 25_000 });
  await expect(eventLog(page)).toContainText("80 % of its life has passed");
  for (const span of (await spans.all()).slice(0, 2)) {
    const renewedAt = Number(await span.getAttribute("data-renewed-at"));
    const expiresAt = Number(await span.getAttribute("data-expires-at"));
    expect(renewedAt).toBeGreaterThan(0);
    expect(renewedAt).toBeLessThan(expiresAt);
  }
  await expect(page.getByTestId("clock-offset")).toContainText(
    /(299|300|301)\.\d s behind/,
  );
  await expectConnected(page);
  await expect(eventLog(page)).not.toContainText("Token expired");
  await expect(eventLog(page)).not.toContainText("Disconnected");
  await page.screenshot({ path: test.info().outputPath("slow-clock.png") });
});

test("says why a token shorter than a fast clock's lead cannot stay logged in", async ({
  page,
}) => {
  // agora-chat counts a token's life from this clock, so it sees it expired.
  await page.clock.install({ time: Date.now() + FIVE_MINUTES });
  await login(page, uniqueUser("fast"), "10 s");

  await expect(connectionState(page)).toHaveText("failed");
  await expect(errorNotice(page)).toContainText("ahead of the server's");
  await expect(errorNotice(page)).toContainText("Set this device's clock");
  await expect(eventLog(page)).not.toContainText("Logged in again");
});
