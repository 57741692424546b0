import { expect, test } from "@playwright/test";

import { DEMO_APP } from "../../lib/demo-app";
import { buildChatUserToken } from "../../lib/token";
import {
  SDK_BUILDS,
  SdkClient,
  control,
  openSdkPage,
  registerUsers,
  uniqueUser,
} from "./harness";

// The SDK's error types, from its statusCode table.
const SdkError = {
  AUTH_ERROR: 2,
  RENEW_REFUSED: 17,
  INVALID_TOKEN: 28,
  TOKEN_EXPIRED: 56,
  USER_NOT_FOUND: 204,
  LOGIN_ANOTHER_DEVICE: 206,
  USER_REMOVED: 207,
  KICKED_BY_PASSWORD_CHANGE: 216,
  KICKED_BY_OTHER_DEVICE: 217,
} as const;

const tokenFor = (user: string, ttlSeconds = 600) =>
  buildChatUserToken(DEMO_APP, user, ttlSeconds);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// The SDK tries to reconnect about 1.6 s after losing its socket; waiting
// longer shows that it chose not to.
const RECONNECT_WINDOW_MS = 2_000;

for (const build of SDK_BUILDS) {
  test.describe(`agora-chat ${build.name}`, () => {
    test.beforeEach(async ({ page }) => {
      await openSdkPage(page, build);
    });

    test("logs in and fires onConnected", async ({ page }) => {
      const user = uniqueUser("login");
      await registerUsers(user);
      const client = await SdkClient.create(page, build);

      const outcome = await client.open(user, tokenFor(user));

      expect(outcome, JSON.stringify(outcome)).toMatchObject({ ok: true });
      await client.waitForEvent("onConnected");
    });

    test.describe("refuses a login", () => {
      test("with an expired token as 56", async ({ page }) => {
        const user = uniqueUser("expired");
        await registerUsers(user);
        const token = tokenFor(user, 1);
        const client = await SdkClient.create(page, build);
        await sleep(2_100);

        const outcome = await client.open(user, token);

        expect(outcome).toMatchObject({
          ok: false,
          type: SdkError.TOKEN_EXPIRED,
        });
        await client.waitForEvent("onError", { type: SdkError.TOKEN_EXPIRED });
      });

      test("with a token signed by another certificate as 28", async ({
        page,
      }) => {
        const user = uniqueUser("forged");
        await registerUsers(user);
        const forged = buildChatUserToken(
          { appId: DEMO_APP.appId, appCertificate: "0".repeat(32) },
          user,
          600,
        );
        const client = await SdkClient.create(page, build);

        const outcome = await client.open(user, forged);

        expect(outcome).toMatchObject({
          ok: false,
          type: SdkError.INVALID_TOKEN,
        });
        await client.waitForEvent("onError", { type: SdkError.INVALID_TOKEN });
      });

      test("for another app key as 2", async ({ page }) => {
        const user = uniqueUser("appkey");
        await registerUsers(user);
        const client = await SdkClient.create(page, build, "other#app");

        const outcome = await client.open(user, tokenFor(user));

        expect(outcome).toMatchObject({ ok: false, type: SdkError.AUTH_ERROR });
        await client.waitForEvent("onError", { type: SdkError.AUTH_ERROR });
      });

      test("of a user who does not exist as 204", async ({ page }) => {
        const user = uniqueUser("ghost");
        const client = await SdkClient.create(page, build);

        const outcome = await client.open(user, tokenFor(user));

        expect(outcome).toMatchObject({
          ok: false,
          type: SdkError.USER_NOT_FOUND,
        });
        await client.waitForEvent("onError", { type: SdkError.USER_NOT_FOUND });
      });
    });

    test.describe("token lifetime", () => {
      test("renews from onTokenWillExpire and does not expire", async ({
        page,
      }) => {
        const user = uniqueUser("renew");
        await registerUsers(user);
        const client = await SdkClient.create(page, build);
        // Tokens count whole seconds, so 6 s leaves at least 1 s between
        // the warning (at 80 %) and the expiry to renew in.
        await client.open(user, tokenFor(user, 6));

        await client.waitForEvent("onTokenWillExpire");
        const renewed = await client.renew(tokenFor(user, 600));
        await sleep(2_000);

        expect(renewed.ok).toBe(true);
        expect(renewed.expire).toBeGreaterThan(Date.now() + 590_000);
        expect(await client.eventNames()).not.toContain("onTokenExpired");
        expect(await client.eventNames()).not.toContain("onDisconnected");
      });

      test("refuses a renewal with another user's token as 17", async ({
        page,
      }) => {
        const user = uniqueUser("refused");
        await registerUsers(user);
        const client = await SdkClient.create(page, build);
        await client.open(user, tokenFor(user));

        const renewed = await client.renew(tokenFor(uniqueUser("other")));

        expect(renewed).toMatchObject({
          ok: false,
          type: SdkError.RENEW_REFUSED,
        });
        expect(await client.eventNames()).not.toContain("onDisconnected");
      });

      test("warns, then expires and disconnects", async ({ page }) => {
        const user = uniqueUser("expiry");
        await registerUsers(user);
        const client = await SdkClient.create(page, build);
        await client.open(user, tokenFor(user, 3));

        await client.waitForEvent("onTokenExpired");
        await client.waitForEvent("onDisconnected");

        expect(await client.eventNames()).toEqual([
          "onConnected",
          "onTokenWillExpire",
          "onTokenExpired",
          "onDisconnected",
        ]);
      });

      test("expires now when the control API says so", async ({ page }) => {
        const user = uniqueUser("forced");
        await registerUsers(user);
        const token = tokenFor(user);
        const client = await SdkClient.create(page, build);
        await client.open(user, token);
        await client.waitForEvent("onConnected");

        await control(`sessions/${user}/expire`);
        await client.waitForEvent("onDisconnected");
        await sleep(RECONNECT_WINDOW_MS);
        const again = await client.open(user, token);
        // open() rejects first; the server's close follows.
        await expect.poll(() => client.countOf("onDisconnected")).toBe(2);

        expect(again).toMatchObject({
          ok: false,
          type: SdkError.TOKEN_EXPIRED,
        });
        expect(await client.events()).toEqual([
          { name: "onConnected" },
          { name: "onTokenExpired" },
          { name: "onDisconnected" },
          { name: "onError", type: SdkError.TOKEN_EXPIRED },
          { name: "onDisconnected" },
        ]);
      });
    });

    test("reconnects by itself after the server drops the socket", async ({
      page,
    }) => {
      const user = uniqueUser("drop");
      const peer = uniqueUser("peer");
      await registerUsers(user, peer);
      const client = await SdkClient.create(page, build);
      const sender = await SdkClient.create(page, build);
      await client.open(user, tokenFor(user));
      await sender.open(peer, tokenFor(peer));
      await client.waitForEvent("onConnected");

      await control(`sessions/${user}/drop`);
      await client.waitForEvent("onReconnecting");
      await expect.poll(() => client.countOf("onConnected")).toBe(2);
      await sender.sendText(user, "after the drop");

      await client.waitForEvent("onTextMessage", { text: "after the drop" });
      // No onDisconnected: the SDK reports a drop only as reconnecting.
      expect(await client.eventNames()).toEqual([
        "onConnected",
        "onReconnecting",
        "onConnected",
        "onTextMessage",
      ]);
    });

    test.describe("kicks a session", () => {
      test("when a fifth device logs in as the same user (206)", async ({
        page,
      }) => {
        const user = uniqueUser("devices");
        await registerUsers(user);
        const devices: SdkClient[] = [];
        for (let i = 0; i < 5; i++) {
          const device = await SdkClient.create(page, build);
          await device.open(user, tokenFor(user));
          devices.push(device);
        }
        const [first, ...others] = devices as [SdkClient, ...SdkClient[]];

        await first.waitForEvent("onError", {
          type: SdkError.LOGIN_ANOTHER_DEVICE,
        });
        await first.waitForEvent("onDisconnected");
        await sleep(RECONNECT_WINDOW_MS);

        expect(await first.countOf("onReconnecting")).toBe(0);
        for (const device of others) {
          expect(await device.eventNames()).toEqual(["onConnected"]);
        }
      });

      const reasons = [
        ["removed", SdkError.USER_REMOVED],
        ["login_another_device", SdkError.LOGIN_ANOTHER_DEVICE],
        ["password_changed", SdkError.KICKED_BY_PASSWORD_CHANGE],
        ["other_device", SdkError.KICKED_BY_OTHER_DEVICE],
      ] as const;
      for (const [reason, type] of reasons) {
        test(`through the control API as ${reason} (${type})`, async ({
          page,
        }) => {
          const user = uniqueUser("kick");
          await registerUsers(user);
          const client = await SdkClient.create(page, build);
          await client.open(user, tokenFor(user));
          await client.waitForEvent("onConnected");

          await control(`users/${user}/kick`, { reason });

          await client.waitForEvent("onDisconnected");
          await sleep(500);

          expect(await client.events()).toEqual([
            { name: "onConnected" },
            { name: "onError", type },
            { name: "onDisconnected" },
          ]);
        });
      }

      test("removed: the user can no longer log in (204)", async ({ page }) => {
        const user = uniqueUser("removed");
        await registerUsers(user);
        const client = await SdkClient.create(page, build);
        await client.open(user, tokenFor(user));
        await client.waitForEvent("onConnected");

        await control(`users/${user}/kick`, { reason: "removed" });
        await client.waitForEvent("onDisconnected");
        const fresh = await SdkClient.create(page, build);
        const outcome = await fresh.open(user, tokenFor(user));

        expect(outcome).toMatchObject({
          ok: false,
          type: SdkError.USER_NOT_FOUND,
        });
      });
    });

    test.describe("one-to-one text", () => {
      test("reaches a live recipient", async ({ page }) => {
        const alice = uniqueUser("alice");
        const bob = uniqueUser("bob");
        await registerUsers(alice, bob);
        const sender = await SdkClient.create(page, build);
        const recipient = await SdkClient.create(page, build);
        await sender.open(alice, tokenFor(alice));
        await recipient.open(bob, tokenFor(bob));

        const sent = await sender.sendText(bob, "hello bob");

        expect(sent.ok).toBe(true);
        await recipient.waitForEvent("onTextMessage", {
          from: alice,
          text: "hello bob",
        });
        await sleep(500);
        expect(await recipient.countOf("onTextMessage")).toBe(1);
      });

      test("waits for an offline recipient and arrives at login", async ({
        page,
      }) => {
        const alice = uniqueUser("alice");
        const bob = uniqueUser("bob");
        await registerUsers(alice, bob);
        const sender = await SdkClient.create(page, build);
        await sender.open(alice, tokenFor(alice));
        await sender.sendText(bob, "first");
        await sender.sendText(bob, "second");

        const recipient = await SdkClient.create(page, build);
        await recipient.open(bob, tokenFor(bob));

        await recipient.waitForEvent("onTextMessage", { text: "second" });
        const texts = (await recipient.events())
          .filter((event) => event.name === "onTextMessage")
          .map((event) => event.text);
        expect(texts).toEqual(["first", "second"]);
      });
    });
  });
}
