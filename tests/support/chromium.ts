import fs from "node:fs";

/** Debian's Chromium and the flags every test browser runs with (see tests/support/browser.ts). */
export const CHROMIUM_PATH = "/usr/bin/chromium";
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const hasChromium = () => fs.existsSync(CHROMIUM_PATH);
