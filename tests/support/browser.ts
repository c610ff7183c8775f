import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, inject, it } from "vitest";
import { env } from "@/lib/env";
import { BUILD_TIMEOUT_MS, appServerAt, startAppServer, type AppServer, type AppServerOptions } from "./app-server";
import { CHROMIUM_ARGS, CHROMIUM_PATH, hasChromium } from "./chromium";

export { CHROMIUM_PATH, hasChromium };

/**
 * Browser helpers for end-to-end tests: Debian's Chromium driven by playwright-core.
 *
 *   describeE2E("signing in", () => {
 *     const app = useAppServer();
 *     const browser = useBrowser();
 *     it("...", async () => {
 *       const page = await browser().newPage();
 *       const admin = await app().seedAccount();
 *       await signIn(page, app().url, admin.email, admin.password);   // lands on /app
 *       // or, to open another page straight away: await authenticate(page.context(), app().url, admin.email, admin.password);
 *     });
 *   });
 *
 * Without Chromium the suite is skipped with one line saying what to install, except under
 * CI=true where it fails (the requirement is part of the CI contract).
 */
export const E2E_TEST_TIMEOUT_MS = 90_000;

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

/**
 * The run's shared Chromium (started by tests/support/global-setup.ts, so no file waits for a
 * browser to start), or a browser of this process's own when there is none. Closing a shared one
 * closes this connection's contexts and disconnects; the browser stays for the other files.
 */
export async function launchBrowser(): Promise<Browser> {
  const endpoint = inject("browserWsEndpoint");
  if (endpoint) {
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        return await chromium.connect(endpoint, { timeout: 10_000 });
      } catch (error) {
        // Still starting (it is launched in the background at the start of the run), or it failed
        // to start: then this file launches its own, which says what is wrong if it fails too.
        if (Date.now() > deadline) {
          console.warn(`[e2e] the run's shared Chromium did not answer (${String(error)}): launching one for this file`);
          break;
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }
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

/** A browser for the calling test file (see launchBrowser); open pages with browser().newPage() or a new context per user. */
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

/**
 * Gives the browser context a signed-in session without the sign-in page (the cookie Auth.js would
 * set, see tests/support/session-cookie.ts); nothing is loaded. Open the page the test is about next.
 * The email and password are checked as the form would; tests of signing in itself use signInWithForm.
 */
export async function authenticate(context: BrowserContext, baseUrl: string, email: string, password: string): Promise<void> {
  const server = appServerAt(baseUrl);
  if (!server) throw new Error(`No app server of this test file at ${baseUrl} (authenticate needs useAppServer's server)`);
  await context.addCookies([await server.sessionCookie(email, password)]);
}

/** Signs in (without the sign-in page, see authenticate) and opens the app, as after the form. */
export async function signIn(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await authenticate(page.context(), baseUrl, email, password);
  await page.goto(`${baseUrl}/app`);
  await page.waitForURL((url) => url.pathname.startsWith("/app"), { timeout: 30_000 });
}

/**
 * Waits until React has hydrated the page loaded last (components/hydration-mark.tsx). After a
 * full page load (goto, a redirect from another site), before a click whose handler must run:
 * a submit <Button> waits by itself (disabled until then), any other button would ignore it.
 */
export async function hydrated(page: Page): Promise<void> {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached", timeout: 30_000 });
}

/** Signs in through the real form, as a person does, and waits to land in the app. */
export async function signInWithForm(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname.startsWith("/app"), { timeout: 30_000 });
}
