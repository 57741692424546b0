import { randomBytes } from "node:crypto";

import { expect, type Page } from "@playwright/test";

/** A username no other test uses, so tests can run in parallel. */
export function uniqueUser(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export const TOKEN_ROUTE = "**/api/chat/user/*/token*";

/** Opens the page and logs `user` in with a token of `lifetime` (label). */
export async function login(page: Page, user: string, lifetime?: string) {
  await page.goto("/");
  await page.getByLabel("Username").fill(user);
  if (lifetime) {
    await page.getByLabel("Token lifetime").selectOption({ label: lifetime });
  }
  await page.getByRole("button", { name: "Login" }).click();
}

export function connectionState(page: Page) {
  return page.getByTestId("connection-state");
}

export function eventLog(page: Page) {
  return page.getByTestId("event-log");
}

export async function expectConnected(page: Page) {
  await expect(connectionState(page)).toHaveText("connected");
}
