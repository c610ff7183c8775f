import { resetUserPassword } from "@/lib/accounts/provision";
import { LOCKED_MESSAGE, MAX_FAILURES } from "@/lib/auth/sign-in-throttle";
import { describeE2E, signInWithForm, useAppServer, useBrowser } from "@/tests/support/browser";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";

describeE2E("signing in and out", () => {
  const app = useAppServer();
  const browser = useBrowser();

  /**
   * Clicks "Sign in" and waits until the form has taken the server's answer, so attempts do not
   * overlap. The answer arrives before React renders it: the button stays disabled until then, and
   * that render also resets the form, so a password typed in between would be cleared (and the
   * browser would refuse to send the next attempt with an empty required field).
   */
  async function submit(page: Page) {
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/sign-in"),
      page.getByRole("button", { name: "Sign in" }).click(),
    ]);
    await page.getByRole("button", { name: "Sign in", disabled: false }).waitFor({ timeout: 15_000 });
  }

  async function freshPage() {
    const context = await browser().newContext();
    return context.newPage();
  }

  it("sends a visitor of the app to the sign-in page, and back to the page asked for after signing in", async () => {
    const admin = await app().seedAccount();
    const page = await freshPage();
    const wanted = `/app/accounts/${admin.accountId}/contacts`;
    await page.goto(`${app().url}${wanted}`);
    await page.waitForURL((url) => url.pathname === "/sign-in");
    expect(new URL(page.url()).searchParams.get("callbackUrl")).toContain(wanted);

    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === wanted, { timeout: 30_000 });
    await page.context().close();
  });

  it("shows an error for a wrong password and stays on the sign-in page", async () => {
    const admin = await app().seedAccount();
    const page = await freshPage();
    await page.goto(`${app().url}/sign-in`);
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill("not the password");
    await submit(page);
    await page.getByRole("alert").filter({ hasText: "Invalid email or password" }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    // The email is kept for the next attempt.
    expect(await page.getByLabel("Email").inputValue()).toBe(admin.email);
    await page.context().close();
  });

  it(`locks the form after ${MAX_FAILURES} wrong passwords, even for the right one`, async () => {
    const admin = await app().seedAccount();
    const page = await freshPage();
    await page.goto(`${app().url}/sign-in`);
    for (let i = 1; i <= MAX_FAILURES; i++) {
      await page.getByLabel("Email").fill(admin.email);
      await page.getByLabel("Password").fill(`wrong ${i}`);
      await submit(page);
      const expected = i < MAX_FAILURES ? "Invalid email or password" : LOCKED_MESSAGE;
      await page.getByRole("alert").filter({ hasText: expected }).waitFor({ timeout: 15_000 });
    }
    await page.getByLabel("Email").fill(admin.email);
    await page.getByLabel("Password").fill(admin.password);
    await submit(page);
    await page.getByRole("alert").filter({ hasText: LOCKED_MESSAGE }).waitFor({ timeout: 15_000 });
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.context().close();
  });

  it("lands in the app with the right password, and signing out ends the session", async () => {
    const admin = await app().seedAccount({ name: "Sally Signin" });
    const page = await freshPage();
    await signInWithForm(page, app().url, admin.email, admin.password);
    expect(new URL(page.url()).pathname).toMatch(/^\/app/);

    await page.goto(`${app().url}/sign-out`);
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/sign-in", { timeout: 15_000 });
    await page.goto(`${app().url}/app`);
    await page.waitForURL((url) => url.pathname === "/sign-in");
    await page.context().close();
  });

  it("a password reset signs the user out of sessions already open", async () => {
    const admin = await app().seedAccount();
    const page = await freshPage();
    await signInWithForm(page, app().url, admin.email, admin.password);
    await resetUserPassword(app().db, { email: admin.email, password: "a brand new password" });
    await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations`);
    await page.waitForURL((url) => url.pathname === "/sign-in", { timeout: 15_000 });
    await page.context().close();
  });

  it("changing the password on the profile page ends the sessions on other browsers too", async () => {
    const admin = await app().seedAccount();
    const laptop = await freshPage();
    const phone = await freshPage();
    await signInWithForm(laptop, app().url, admin.email, admin.password);
    await signInWithForm(phone, app().url, admin.email, admin.password);

    await laptop.goto(`${app().url}/app/accounts/${admin.accountId}/profile/settings`);
    await laptop.getByLabel("Current password").fill(admin.password);
    await laptop.getByLabel("New password").fill("my new password 1");
    await laptop.getByRole("button", { name: "Change password" }).click();
    await laptop.waitForURL((url) => url.pathname === "/sign-in", { timeout: 15_000 });

    await phone.goto(`${app().url}/app/accounts/${admin.accountId}/conversations`);
    await phone.waitForURL((url) => url.pathname === "/sign-in", { timeout: 15_000 });
    // And the new password works.
    await signInWithForm(phone, app().url, admin.email, "my new password 1");
    await laptop.context().close();
    await phone.context().close();
  });
});
