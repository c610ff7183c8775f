import { chromium } from "playwright-core";
import { SEED_PASSWORD } from "./kept-seed";
import type { NextServer } from "./next-server";

/** Signs a seeded member in through the real form in headless Chromium; returns the Cookie header a browser would send. */
export async function signIn(server: NextServer, email: string): Promise<string> {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless", "--no-sandbox", "--disable-gpu"], headless: true });
  try {
    const page = await browser.newPage();
    await page.goto(`${server.baseUrl}/sign-in`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(SEED_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname.startsWith("/app"), { timeout: 60_000 });
    const cookies = await page.context().cookies();
    return cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  } finally {
    await browser.close();
  }
}
