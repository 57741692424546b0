import { test as base, type BrowserContext, type Page } from "@playwright/test";

import { ACCESS_CODE_HEADER } from "../lib/public-config";
import { REMOTE_BASE_URL } from "./servers";

export { expect, type Browser, type Page } from "@playwright/test";

// Vercel's protection bypass for automation: sent when the secret is set,
// to the app's own origin only, so the SDK's calls to Agora stay as they
// are. The cookie it sets covers the page's later requests.
const BYPASS_SECRET = process.env.VERCEL_AUTOMATION_BYPASS_SECRET;
const bypassHeaders: Record<string, string> = BYPASS_SECRET
  ? {
      "x-vercel-protection-bypass": BYPASS_SECRET,
      "x-vercel-set-bypass-cookie": "true",
    }
  : {};

export const isRemoteRun = REMOTE_BASE_URL !== null;

async function sendBypassHeader(context: BrowserContext, baseURL?: string) {
  if (!BYPASS_SECRET || !baseURL) return;

  const origin = new URL(baseURL).origin;
  await context.route(
    (url) => url.origin === origin,
    (route) =>
      route.continue({
        headers: { ...route.request().headers(), ...bypassHeaders },
      }),
  );
}

interface Options {
  /** The deployment's access code, when it wants one. */
  accessCode: string | null;
}

interface Fixtures {
  /** Opens a page in a context of its own, as a second user would. */
  openPage: () => Promise<Page>;
}

/**
 * Playwright's test, with the bypass header when one is configured and the
 * access code on API requests when the deployment wants one.
 */
export const test = base.extend<Options & Fixtures>({
  accessCode: [process.env.PLAYWRIGHT_ACCESS_CODE || null, { option: true }],

  context: async ({ context, baseURL }, provide) => {
    await sendBypassHeader(context, baseURL);
    await provide(context);
  },

  openPage: async ({ browser, baseURL }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async () => {
      const context = await browser.newContext();
      contexts.push(context);
      await sendBypassHeader(context, baseURL);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },

  request: async ({ playwright, baseURL, accessCode }, provide) => {
    const headers = { ...bypassHeaders };
    if (accessCode) headers[ACCESS_CODE_HEADER] = accessCode;

    const request = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: headers,
    });
    await provide(request);
    await request.dispose();
  },
});

/** Skips the current test or file when the suite runs against a URL. */
export function skipWhenRemote(what: string): void {
  test.skip(isRemoteRun, `needs the local servers: ${what}`);
}
