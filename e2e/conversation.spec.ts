import { expect, test, type Page } from "./fixtures";

import {
  TOKEN_ROUTE,
  eventLog,
  expectConnected,
  login,
  messages,
  sendText,
  uniqueUser,
  wait,
} from "./helpers";

const README_SCREENSHOT = "public/screenshots/mid-renewal.png";

function received(page: Page) {
  return messages(page).locator("[data-direction=received]");
}

test("alice renews while bob sends, and every message arrives", async ({
  openPage,
}) => {
  const [alice, bob] = [uniqueUser("alice"), uniqueUser("bob")];
  const [alicePage, bobPage] = [await openPage(), await openPage()];
  let aliceTokenRequests = 0;
  let releaseRenewal = () => {};
  const renewalHeld = new Promise<void>((resolve) => {
    // Holds alice's first renewal a moment, to see the page mid-renewal.
    void alicePage.route(TOKEN_ROUTE, async (route) => {
      aliceTokenRequests += 1;
      if (aliceTokenRequests === 2) {
        resolve();
        await new Promise<void>((release) => (releaseRenewal = release));
      }
      await route.continue();
    });
  });
  await login(bobPage, bob, "1 min");
  await login(alicePage, alice, "10 s");
  await expectConnected(bobPage);
  await expectConnected(alicePage);

  const sent: string[] = [];
  const sendUntilRenewed = (async () => {
    for (let n = 1; n <= 40; n++) {
      sent.push(`message ${n} from bob`);
      await sendText(bobPage, alice, sent.at(-1)!);
      const log = (await eventLog(alicePage).textContent()) ?? "";
      if (log.includes("Token renewed") && n >= 3) break;
      await wait(400);
    }
  })();

  await renewalHeld;
  await expect(alicePage.getByTestId("connection-state")).toHaveText(
    "renewing",
  );
  await alicePage.screenshot({
    path: test.info().outputPath("mid-renewal.png"),
    fullPage: true,
  });
  if (process.env.README_SCREENSHOT) {
    await alicePage.screenshot({ path: README_SCREENSHOT, fullPage: true });
  }
  releaseRenewal();
  await sendUntilRenewed;
  await sendText(alicePage, bob, "all of them arrived");

  await expect(received(alicePage)).toHaveText(sent.map(containing));
  await expect(received(bobPage)).toHaveText([containing("all of them")]);
  await expect(eventLog(alicePage)).toContainText("Token renewed");
  await expectConnected(alicePage);
  await expect(eventLog(alicePage)).not.toContainText("Disconnected");
});

test("bob, offline, gets alice's message on his next login", async ({
  openPage,
}) => {
  const [alice, bob] = [uniqueUser("alice"), uniqueUser("bob")];
  const [alicePage, bobPage] = [await openPage(), await openPage()];
  await login(bobPage, bob);
  await expectConnected(bobPage);
  await bobPage.getByRole("button", { name: "Logout" }).click();

  await login(alicePage, alice);
  await expectConnected(alicePage);
  await sendText(alicePage, bob, "sent while you were away");

  await bobPage.getByRole("button", { name: "Login" }).click();
  await expectConnected(bobPage);
  await expect(received(bobPage)).toHaveText([
    containing("sent while you were away"),
  ]);
  await expect(received(bobPage)).toContainText(`from ${alice}`);
  await bobPage.screenshot({
    path: test.info().outputPath("offline-delivery.png"),
  });
});

function containing(text: string): RegExp {
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
}
