import type { Request } from "playwright-core";
import { expect, it } from "vitest";
import { authenticate, describeE2E, hydrated, useAppServer, useBrowser } from "@/tests/support/browser";

/**
 * A form whose button runs a handler, before React has hydrated the page: a click then would make
 * the browser send the form itself, a GET with every field in the URL (components/ui/button.tsx).
 * A page opened without JavaScript stays as the server sent it, which is what every visitor has
 * until hydration.
 */
describeE2E("a form before the page is hydrated", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("cannot be sent: its submit button is disabled until React runs, so no password reaches a URL", async () => {
    const admin = await app().seedAccount();
    const profile = `${app().url}/app/accounts/${admin.accountId}/profile/settings`;

    const early = await browser().newContext({ javaScriptEnabled: false });
    await authenticate(early, app().url, admin.email, admin.password);
    const page = await early.newPage();
    await page.goto(profile);
    const requests: Request[] = [];
    page.on("request", (request) => requests.push(request));
    expect(await page.getByRole("button", { name: "Change password" }).isDisabled()).toBe(true);
    await page.getByLabel("Current password").fill(admin.password);
    await page.getByLabel("New password").fill("never in a URL 1");
    // Enter in a field submits a form whose first submit button is enabled; this one stays put.
    await page.getByLabel("New password").press("Enter");
    await page.waitForTimeout(500); // proving that nothing is sent
    expect(requests.map((r) => r.url())).toEqual([]);
    expect(page.url()).toBe(profile);
    await early.close();

    const later = await browser().newContext();
    await authenticate(later, app().url, admin.email, admin.password);
    const ready = await later.newPage();
    await ready.goto(profile);
    await hydrated(ready);
    expect(await ready.getByRole("button", { name: "Change password" }).isEnabled()).toBe(true);
    await later.close();
  });
});
