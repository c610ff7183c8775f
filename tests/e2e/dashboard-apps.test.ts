import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { userActor } from "@/lib/auth/actor";
import { createContact } from "@/lib/contacts/contacts";
import { createConversation } from "@/lib/conversations/create-conversation";
import { createApiInbox } from "@/lib/inboxes/inboxes";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * Dashboard apps in the production build: an administrator adds one in Settings → Integrations →
 * Dashboard apps; in the conversation view its tab frames the app (sandboxed, allowed by the
 * page's CSP), which receives Chatwoot's appContext for the open conversation, gets it again when
 * it asks with `chatwoot-dashboard-app:fetch-info`, and a frame of another origin asking gets
 * nothing. The app is a page on loopback; "another origin" is the same server under localhost.
 */
const STEP_MS = 20_000;

// The app records every message it receives; /other asks the agent's page from another origin.
const APP_PAGE = `<!doctype html><title>CRM</title><p>CRM panel</p><script>
window.received = [];
window.addEventListener("message", (e) => window.received.push({ origin: e.origin, data: e.data }));
window.askAgain = () => window.parent.postMessage("chatwoot-dashboard-app:fetch-info", "*");
window.openOther = (src) => { const f = document.createElement("iframe"); f.src = src; document.body.appendChild(f); };
</script>`;
const OTHER_PAGE = `<!doctype html><script>window.top.postMessage("chatwoot-dashboard-app:fetch-info", "*"); window.parent.postMessage("chatwoot-dashboard-app:fetch-info", "*");</script>`;

const received = (frame: Frame) => frame.evaluate(() => (window as unknown as { received: { origin: string; data: { event: string; data: Record<string, Record<string, unknown>> } }[] }).received);

/** The count of appContext messages once none arrived for a while (opening the thread marks it read: a refresh re-sends). */
async function settledCount(frame: Frame): Promise<number> {
  const count = async () => (await received(frame)).filter((m) => m.data?.event === "appContext").length;
  let last = await count();
  for (let i = 0; i < 20; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const now = await count();
    if (now === last) return now;
    last = now;
  }
  return last;
}

describeE2E("Dashboard apps", () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader("Content-Type", "text/html; charset=utf-8");
      res.end(req.url?.startsWith("/other") ? OTHER_PAGE : APP_PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });
  // Live events, so the page does not poll (each refresh would re-send appContext, rightly).
  const app = useAppServer({ realtime: true, env: { INTEGRATIONS_ALLOW_HTTP: "true", OUTBOUND_ALLOW_PRIVATE: "true" } });
  const browser = useBrowser();

  it("frames the app in a conversation tab, sends it appContext, answers its fetch-info and nobody else's", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const owner = userActor(admin.userId);
    const inbox = await createApiInbox(app().db, owner, admin.accountId, { name: "Support", memberIds: [admin.userId] });
    const contact = await createContact(app().db, owner, admin.accountId, { name: "Carol Customer", email: "carol@customer.test" });
    const conversation = await createConversation(app().db, owner, admin.accountId, { inboxId: inbox.id, contactId: contact.id, message: { content: "Where is my order?", messageType: "incoming" } });
    const appOrigin = `http://127.0.0.1:${port}`;

    const context = await browser().newContext();
    const page: Page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      const settings = `${app().url}/app/accounts/${admin.accountId}/settings/integrations/dashboard-apps`;
      await page.goto(settings);
      await page.getByLabel("Title").fill("Orders");
      await page.getByLabel("App URL").fill(`${appOrigin}/panel`);
      await page.getByRole("button", { name: "Add app" }).click();
      await page.getByRole("list", { name: "Dashboard apps" }).getByText("Orders").waitFor();
      await page.getByRole("button", { name: "Edit Orders" }).click();
      await page.getByRole("form", { name: "Edit Orders" }).getByLabel("Title").fill("CRM");
      await page.getByRole("button", { name: "Save app" }).click();
      await page.getByRole("list", { name: "Dashboard apps" }).getByText("CRM", { exact: true }).waitFor();

      const conversationUrl = `${app().url}/app/accounts/${admin.accountId}/conversations/${conversation.displayId}`;
      // The first view marks the conversation read (and refreshes); the second one is quiet.
      await page.goto(conversationUrl);
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      await page.waitForLoadState("networkidle");
      const response = await page.goto(conversationUrl);
      await page.waitForFunction(() => document.documentElement.dataset.liveChannels === "subscribed");
      expect(response?.headers()["content-security-policy"]).toContain(`frame-src 'self' ${appOrigin}`);
      await page.getByRole("tab", { name: "CRM" }).click();
      const iframe = page.locator("iframe[title='CRM']");
      expect(await iframe.getAttribute("sandbox")).toBe("allow-scripts allow-forms allow-popups allow-same-origin");
      const frame = await (await iframe.elementHandle())!.contentFrame();
      await expect.poll(async () => (await received(frame!)).length, { timeout: STEP_MS }).toBeGreaterThanOrEqual(1);
      const [first] = await received(frame!);
      expect(first.origin).toBe(app().url);
      expect(first.data.event).toBe("appContext");
      expect(first.data.data.conversation.id).toBe(conversation.displayId);
      expect(first.data.data.contact).toMatchObject({ id: contact.id, name: "Carol Customer", email: "carol@customer.test", type: "contact" });
      expect(first.data.data.currentAgent).toMatchObject({ id: admin.userId, email: admin.email, name: "Alice Admin" });

      const before = await settledCount(frame!);
      await frame!.evaluate(() => (window as unknown as { askAgain: () => void }).askAgain());
      expect(await settledCount(frame!)).toBe(before + 1);
      expect((await received(frame!)).at(-1)?.data.event).toBe("appContext");

      // A frame of another origin (inside the app) asks the page: no answer reaches the app.
      await frame!.evaluate((src) => (window as unknown as { openOther: (s: string) => void }).openOther(src), `http://localhost:${port}/other`);
      await page.waitForTimeout(1_500);
      // The other frame's own message to its parent (the app) arrived: its message to the page did too, unanswered.
      await expect.poll(async () => (await received(frame!)).filter((m) => (m.data as unknown) === "chatwoot-dashboard-app:fetch-info").length).toBe(1);
      expect(await settledCount(frame!)).toBe(before + 1);

      await page.goto(settings);
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: "Delete CRM" }).click();
      await page.getByText("No dashboard apps yet").waitFor();
    } finally {
      await context.close();
    }
  });
});
