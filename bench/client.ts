/**
 * Measures the page against a production build and the emulator, in
 * headless Chromium: click-to-connected, will-expire-to-renewed and the
 * JavaScript the page loads before anyone logs in. Prints a table and
 * PASS or FAIL per target; exits 1 when a target is missed.
 */
import { gzipSync } from "node:zlib";

import { chromium, type Browser, type Page } from "@playwright/test";

import { CHROMIUM_FLAGS, chromiumPath } from "../e2e/chromium";
import { startBenchServers } from "./servers";

const APP_PORT = Number(process.env.BENCH_APP_PORT ?? 3320);
const EMULATOR_PORT = Number(process.env.BENCH_EMULATOR_PORT ?? 4320);
const APP_URL = `http://127.0.0.1:${APP_PORT}`;
const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;

const LOGINS = 20;
const RENEWALS = 10;
const RENEWING_PAGES = 5;

const TARGETS = {
  clickToConnectedMs: 300,
  willExpireToRenewedMs: 200,
  firstLoadGzipKb: 150,
};

async function main(): Promise<void> {
  const servers = await startBenchServers({
    appPort: APP_PORT,
    emulatorPort: EMULATOR_PORT,
    // Every page is one client at 127.0.0.1: the rate limits are off here.
    appEnv: {
      AGORA_TOKEN_RATE_LIMIT_PER_MINUTE: "0",
      AGORA_TOKEN_RATE_LIMIT_TOTAL_PER_MINUTE: "0",
    },
  });
  progress(`servers up at ${APP_URL} and ${EMULATOR_URL}`);

  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: CHROMIUM_FLAGS,
  });
  try {
    const firstLoad = await measureFirstLoad(browser);
    progress(`first load measured; ${LOGINS} logins next`);
    const connects = await measureLogins(browser);
    progress(`logins measured; ${RENEWALS} renewals next (about 20 s)`);
    const renewals = await measureRenewals(browser);
    printReport(firstLoad, connects, renewals);
  } finally {
    await browser.close();
    await servers.stop();
  }
}

/** Gzipped bytes of every script the page loads before Login is clicked. */
async function measureFirstLoad(browser: Browser) {
  const page = await browser.newPage();
  const sizes: Promise<[string, number]>[] = [];
  page.on("response", (response) => {
    if (response.request().resourceType() !== "script") return;

    const size = response.body().then((body) => gzipSync(body).length);
    sizes.push(size.then((bytes) => [response.url(), bytes]));
  });

  await page.goto(APP_URL, { waitUntil: "networkidle" });
  const scripts = new Map(await Promise.all(sizes));
  await page.close();

  const bytes = [...scripts.values()].reduce((sum, size) => sum + size, 0);
  for (const [url, size] of scripts) {
    const kb = (size / 1_000).toFixed(1);
    progress(`first load: ${kb} kB ${new URL(url).pathname}`);
  }

  return { kb: bytes / 1_000, files: scripts.size };
}

/** Each login in a fresh page, as a returning visitor: HTTP cache warm. */
async function measureLogins(browser: Browser): Promise<number[]> {
  const context = await browser.newContext();
  const durations: number[] = [];

  for (let n = 0; n < LOGINS; n++) {
    const page = await context.newPage();
    await page.goto(APP_URL);
    await page.getByLabel("Username").fill(`bench-login-${n}`);
    durations.push(await clickAndTimeUntilConnected(page));
    await page.getByRole("button", { name: "Logout" }).click();
    await page.close();
  }
  await context.close();

  return durations;
}

// Timed inside the page, so Playwright's own round trips do not count.
function clickAndTimeUntilConnected(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const badge = document.querySelector("[data-testid=connection-state]")!;
        const button = document.querySelector<HTMLButtonElement>(
          "button[type=submit]",
        )!;
        const observer = new MutationObserver(() => {
          if (badge.textContent !== "connected") return;
          observer.disconnect();
          resolve(performance.now() - clickedAt);
        });
        observer.observe(badge, {
          subtree: true,
          characterData: true,
          childList: true,
        });
        const clickedAt = performance.now();
        button.click();
      }),
  );
}

/** Several 10 s sessions side by side until they renewed RENEWALS times. */
async function measureRenewals(browser: Browser): Promise<number[]> {
  const perPage = Math.ceil(RENEWALS / RENEWING_PAGES);
  const pages = await Promise.all(
    Array.from({ length: RENEWING_PAGES }, (_, n) =>
      loginForRenewals(browser, `bench-renew-${n}`),
    ),
  );

  const results = await Promise.all(
    pages.map((page) => renewalDurations(page, perPage)),
  );
  await Promise.all(pages.map((page) => page.close()));

  return results.flat().slice(0, RENEWALS);
}

async function loginForRenewals(browser: Browser, user: string) {
  const page = await browser.newPage();
  await page.goto(APP_URL);
  await page.getByLabel("Username").fill(user);
  await page.getByLabel("Token lifetime").selectOption({ label: "10 s" });
  await page.getByRole("button", { name: "Login" }).click();

  return page;
}

async function renewalDurations(page: Page, count: number) {
  const renewed = page.locator("[data-testid=event-log] [data-kind=renewed]");
  await renewed.nth(count - 1).waitFor({ timeout: 15_000 * count });

  const times = (kind: string) =>
    page
      .locator(`[data-testid=event-log] [data-kind=${kind}]`)
      .evaluateAll((items) => items.map((item) => Number(item.dataset.at)));
  const [warnings, renewals] = [
    await times("will-expire"),
    await times("renewed"),
  ];

  return renewals.slice(0, count).map((at, n) => at - warnings[n]!);
}

function printReport(
  firstLoad: { kb: number; files: number },
  connects: number[],
  renewals: number[],
): void {
  const rows = [
    row("click to connected (ms)", connects, TARGETS.clickToConnectedMs),
    row("will-expire to renewed (ms)", renewals, TARGETS.willExpireToRenewedMs),
    {
      metric: `first-load JS, gzip (kB, ${firstLoad.files} files)`,
      samples: 1,
      median: firstLoad.kb.toFixed(1),
      p95: "",
      target: `< ${TARGETS.firstLoadGzipKb}`,
      result: firstLoad.kb < TARGETS.firstLoadGzipKb ? "PASS" : "FAIL",
    },
  ];

  console.table(rows);
  if (rows.some((entry) => entry.result === "FAIL")) process.exitCode = 1;
}

function row(metric: string, samples: number[], target: number) {
  const median = percentile(samples, 50);

  return {
    metric,
    samples: samples.length,
    median: median.toFixed(0),
    p95: percentile(samples, 95).toFixed(0),
    target: `median < ${target}`,
    result: median < target ? "PASS" : "FAIL",
  };
}

/** Nearest-rank percentile. */
function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;

  return sorted[Math.max(0, rank)] ?? Number.NaN;
}

function progress(text: string): void {
  console.log(`[bench:client] ${text}`);
}

main().catch((error: unknown) => {
  console.error("bench:client failed:", error);
  process.exitCode = 1;
});
