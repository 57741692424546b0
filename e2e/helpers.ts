import { randomBytes } from "node:crypto";

import { expect, test, type Page } from "@playwright/test";

/** A username no other test uses, so tests can run in parallel. */
export function uniqueUser(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString("hex")}`;
}

export const TOKEN_ROUTE = "**/api/chat/user/*/token*";

/** The access code of the project under test, if its server wants one. */
function projectAccessCode(): string | null {
  const use = test.info().project.use as { accessCode?: string | null };

  return use.accessCode ?? (process.env.PLAYWRIGHT_ACCESS_CODE || null);
}

/** Opens the page and logs `user` in with a token of `lifetime` (label). */
export async function login(page: Page, user: string, lifetime?: string) {
  await page.goto("/");
  await page.getByLabel("Username").fill(user);
  await enterAccessCodeIfAsked(page);
  if (lifetime) {
    await page.getByLabel("Token lifetime").selectOption({ label: lifetime });
  }
  await page.getByRole("button", { name: "Login" }).click();
}

/** Types the project's access code when the page asks for one. */
export async function enterAccessCodeIfAsked(page: Page) {
  const code = projectAccessCode();
  if (!code) return;

  // The page shows the field until it finds a kept code after hydrating.
  await page.waitForLoadState("networkidle");
  const field = page.getByLabel("Access code");
  if (await field.isVisible()) await field.fill(code);
}

export function connectionState(page: Page) {
  return page.getByTestId("connection-state");
}

export function eventLog(page: Page) {
  return page.getByTestId("event-log");
}

export function errorNotice(page: Page) {
  return page.getByTestId("error-notice");
}

export function messages(page: Page) {
  return page.getByTestId("messages");
}

export async function expectConnected(page: Page) {
  await expect(connectionState(page)).toHaveText("connected");
}

/** The current token's expiry, epoch ms on the server's clock. */
export async function currentTokenExpiry(page: Page): Promise<number> {
  const value = await page
    .getByTestId("token-expiry")
    .getAttribute("data-expires-at");

  return Number(value);
}

/** When the first timeline entry with `text` happened, server clock. */
export async function eventTime(page: Page, text: string): Promise<number> {
  const entry = eventLog(page).locator("li", { hasText: text }).first();

  return Number(await entry.getAttribute("data-at"));
}

/** Sends `text` to `to` from the conversation form, pressing Enter. */
export async function sendText(page: Page, to: string, text: string) {
  await page.getByLabel("Recipient").fill(to);
  await page.getByLabel("Message", { exact: true }).fill(text);
  await page.getByLabel("Message", { exact: true }).press("Enter");
  await expect(page.getByLabel("Message", { exact: true })).toHaveValue("");
}

export function wait(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
