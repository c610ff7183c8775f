import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { accounts } from "@/db/schema";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/** Settings → Account → Reports: an administrator picks the zone reports count days in, and it stays picked. */
describeE2E("the account's reporting time zone", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("is chosen from the IANA zones, saved at once, and shown again after a reload", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    await authenticate(context, app().url, admin.email, admin.password);
    await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/account`);

    const select = page.getByLabel("Reporting time zone");
    expect(await select.inputValue()).toBe("");
    expect(await select.locator("option").count()).toBeGreaterThan(300);
    await select.selectOption("Asia/Kolkata");
    await page.getByText("Reports now count days in Asia/Kolkata.").waitFor();
    const [row] = await app().db.select({ zone: accounts.reportingTimeZone }).from(accounts).where(eq(accounts.id, admin.accountId));
    expect(row.zone).toBe("Asia/Kolkata");

    await page.reload();
    expect(await page.getByLabel("Reporting time zone").inputValue()).toBe("Asia/Kolkata");
    await context.close();
  });
});
