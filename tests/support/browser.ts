import fs from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { env } from "@/lib/env";
import { BUILD_TIMEOUT_MS, startAppServer, type AppServer, type AppServerOptions } from "./app-server";

/**
 * Browser helpers for end-to-end tests: Debian's Chromium driven by playwright-core.
 *
 *   describeE2E("signing in", () => {
 *     const app = useAppServer();
 *     const browser = useBrowser();
 *     it("...", async () => {
 *       const page = await browser().newPage();
 *       const admin = await app().seedAccount();
 *       await signIn(page, app().url, admin.email, admin.password);
 *     });
 *   });
 *
 * Without Chromium the suite is skipped with one line saying what to install, except under
 * CI=true where it fails (the requirement is part of the CI contract).
 */
export const CHROMIUM_PATH = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export const E2E_TEST_TIMEOUT_MS = 90_000;

export const hasChromium = () => fs.existsSync(CHROMIUM_PATH);
const MISSING = `Chromium not found at ${CHROMIUM_PATH}: install it (apt-get install -y chromium) to run the end-to-end tests`;

/** describe() for end-to-end suites: skipped without Chromium, failing instead under CI=true. */
export function describeE2E(name: string, body: () => void): void {
  if (hasChromium()) {
    // Pages of a production server on a busy 2-core machine: allow more than the unit default.
    describe(name, { timeout: E2E_TEST_TIMEOUT_MS }, body);
  } else if (env().CI === "true") {
    describe(name, () => {
      it("needs Chromium", () => {
        throw new Error(MISSING);
      });
    });
  } else {
    console.warn(`[e2e] skipped "${name}": ${MISSING}`);
    describe.skip(name, body);
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** One production server (and fresh database) for the calling test file. */
export function useAppServer(options: AppServerOptions = {}): () => AppServer {
  let server: AppServer | undefined;
  beforeAll(async () => {
    server = await startAppServer(options);
  }, BUILD_TIMEOUT_MS + 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error("The app server is not running (useAppServer must be called at the top of a describeE2E block)");
    return server;
  };
}

/** One Chromium for the calling test file; open pages with browser().newPage() (or a new context per user). */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error("The browser is not running");
    return browser;
  };
}

/** Signs in through the real form, as a person does, and waits to land in the app. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/app"), { timeout: 30_000 });
}
