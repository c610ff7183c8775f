import { afterAll, beforeAll, expect, it } from "vitest";
import { ingestRawEmail } from "@/lib/email/ingest/ingest-raw-email";
import { setEnvVar } from "@/lib/env";
import { addInboxMember } from "@/tests/factories";
import { describeE2E, signIn, useAppServer, useBrowser } from "@/tests/support/browser";
import { createEmailInboxRow } from "@/tests/support/email-inbox";
import { richMail } from "./view-fixtures";

/** An incoming email in the production build, in Chromium: the frame, its toggles, images and downloads. */
const STEP_MS = 20_000;

beforeAll(() => setEnvVar("EMAIL_ATTACHMENT_MAX_BYTES", "2000"));
// Back to the default (25 MB): an empty value would not parse.
afterAll(() => setEnvVar("EMAIL_ATTACHMENT_MAX_BYTES", String(25 * 1024 * 1024)));

describeE2E("an email in the conversation view", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("shows the email safely, folds quotes, loads inline images, downloads files and the original only for the inbox's agents", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const member = await app().seedUser(admin.accountId, { name: "Mia Member" });
    const outsider = await app().seedUser(admin.accountId, { name: "Otto Outsider" });
    const { inbox } = await createEmailInboxRow(app().db, admin.accountId);
    await addInboxMember(app().db, admin.accountId, inbox.id, member.userId);
    const raw = richMail();
    const result = await ingestRawEmail(app().db, { accountId: admin.accountId, inboxId: inbox.id, source: "relay", raw });
    expect(result.status).toBe("imported");
    const conversationUrl = `${app().url}/app/accounts/${admin.accountId}/conversations/${result.conversationDisplayId}`;

    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await signIn(page, app().url, member.email, member.password);
      await page.goto(conversationUrl);
      // :visible — while the attachment list streams in, React keeps the finished view in a hidden
      // container next to the fallback for a moment; a person sees only one of them.
      const item = page.locator(`[data-email-message="${result.messageId}"]:visible`);
      await item.getByText("Carla Customer <carla@example.org>").waitFor();
      await item.getByText("Zipper broke again").waitFor();

      const frame = page.frameLocator('iframe[title="Email content"]');
      await frame.getByText("The zipper broke again.").waitFor();
      expect(await frame.locator("body").textContent()).not.toContain("EARLIER-QUOTED-HISTORY");
      // The inline image loads from its attachment with the agent's session.
      await expect
        .poll(() => frame.locator('img[alt="zip"]').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: STEP_MS })
        .toBe(1);
      // The frame grows to its content (the default is 160px): "See" paragraph, image and blocked image.
      await expect.poll(() => page.locator('iframe[title="Email content"]').evaluate((f: HTMLIFrameElement) => f.style.height)).not.toBe("160px");
      // Nothing runs in the frame.
      expect(await page.locator('iframe[title="Email content"]').getAttribute("sandbox")).not.toContain("allow-scripts");

      await item.getByRole("button", { name: "Show quoted text" }).click();
      await frame.getByText("EARLIER-QUOTED-HISTORY").waitFor();
      expect(await frame.locator('img[alt="pixel"]').getAttribute("src")).toBeNull();
      await item.getByRole("button", { name: "Show remote images" }).click();
      await expect.poll(() => frame.locator('img[alt="pixel"]').getAttribute("src")).toBe("https://tracker.example.net/pixel.gif");

      await item.getByText("not imported (over the size limit)").waitFor();
      const receiptHref = await item.getByRole("link", { name: "receipt.txt" }).getAttribute("href");
      const receipt = await page.request.get(`${app().url}${receiptHref}`);
      expect(receipt.status()).toBe(200);
      expect(receipt.headers()["content-disposition"]).toMatch(/^attachment; filename="receipt\.txt"/);
      expect(await receipt.text()).toBe("Order 1234, paid.");

      const originalHref = await item.getByRole("link", { name: "Download original" }).getAttribute("href");
      const original = await page.request.get(`${app().url}${originalHref}`);
      expect(original.status()).toBe(200);
      expect(Buffer.from(await original.body()).equals(raw)).toBe(true);

      // Signed out: no bytes. An agent outside the inbox: not found.
      const anonymous = await browser().newContext();
      expect((await anonymous.request.get(`${app().url}${originalHref}`)).status()).toBe(401);
      await anonymous.close();
      const other = await browser().newContext();
      const otherPage = await other.newPage();
      await signIn(otherPage, app().url, outsider.email, outsider.password);
      expect((await otherPage.request.get(`${app().url}${originalHref}`)).status()).toBe(404);
      expect((await otherPage.request.get(`${app().url}${receiptHref}`)).status()).toBe(404);
      await other.close();
    } finally {
      await context.close();
    }
  });
});
