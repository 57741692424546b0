import { test as base } from "@playwright/test";

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

/** Playwright's test, with the bypass header when one is configured. */
export const test = base.extend({
  context: async ({ context, baseURL }, provide) => {
    if (BYPASS_SECRET && baseURL) {
      const origin = new URL(baseURL).origin;
      await context.route(
        (url) => url.origin === origin,
        (route) =>
          route.continue({
            headers: { ...route.request().headers(), ...bypassHeaders },
          }),
      );
    }
    await provide(context);
  },

  request: async ({ playwright, baseURL }, provide) => {
    const request = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: bypassHeaders,
    });
    await provide(request);
    await request.dispose();
  },
});

/** Skips the current test or file when the suite runs against a URL. */
export function skipWhenRemote(what: string): void {
  test.skip(isRemoteRun, `needs the local servers: ${what}`);
}
