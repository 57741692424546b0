import { existsSync } from "node:fs";

// Debian's Chromium when present; otherwise Playwright's own browser.
const DEBIAN_CHROMIUM = "/usr/bin/chromium";

export const chromiumPath: string | undefined =
  process.env.CHROMIUM_PATH ??
  (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

// Without the networking flags Chromium keeps calling home, which a
// closed network refuses over and over; root needs --no-sandbox.
export const CHROMIUM_FLAGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
