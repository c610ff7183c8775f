import { expect, it } from "vitest";
import type { Page } from "playwright-core";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

const STEP_MS = 20_000;

/** How far the page or any element under main reaches past the viewport's right edge (0: none). */
const horizontalOverflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    let worst = document.documentElement.scrollWidth - width;
    for (const el of document.querySelectorAll("main *")) {
      const right = el.getBoundingClientRect().right;
      if (right - width > worst) worst = right - width;
      const box = el as HTMLElement;
      // A scrolling column may be wider inside than out only when it scrolls on purpose.
      if (box.scrollWidth - box.clientWidth > 1 && getComputedStyle(box).overflowX === "visible") worst = Math.max(worst, box.scrollWidth - box.clientWidth);
    }
    return Math.max(0, Math.round(worst));
  });

describeE2E("the contact page", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("fits a 1440 px screen and a phone, and keeps notes", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const actor = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, actor, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const contact = await createContact(app().db, actor, admin.accountId, {
      name: "Maria Garcia-Fernández de la Vega",
      email: "maria.garcia-fernandez-de-la-vega.long.address@an-unusually-long-customer-domain.example.com",
      customAttributes: { plan: "enterprise" },
    });
    await createConversation(app().db, actor, admin.accountId, {
      inboxId: inbox.id,
      contactId: contact.id,
      message: { content: "A very long first line without breaks ".repeat(30), messageType: "incoming" },
    });
    const url = `${app().url}/app/accounts/${admin.accountId}/contacts/${contact.id}`;

    for (const viewport of [{ width: 1440, height: 900 }, { width: 390, height: 844 }]) {
      const context = await browser().newContext({ viewport });
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_MS);
      try {
        await authenticate(page.context(), app().url, admin.email, admin.password);
        await page.goto(url);
        await page.getByRole("heading", { name: /Maria Garcia/ }).waitFor();
        await page.getByLabel("Email address").waitFor();
        expect(await horizontalOverflow(page), `overflow at ${viewport.width} px`).toBe(0);
        if (viewport.width === 1440) {
          await page.getByText("enterprise").waitFor();
          await page.getByLabel("New note").fill("Prefers phone calls");
          await page.getByRole("button", { name: "Add note" }).click();
          await page.getByRole("list", { name: "Notes" }).getByText("Prefers phone calls").waitFor();
        }
      } finally {
        await context.close();
      }
    }
  });
});
