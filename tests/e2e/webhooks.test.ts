import { afterAll, beforeAll, expect, it } from "vitest";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

/**
 * Settings → Integrations → Webhooks in the production build: an administrator adds a webhook,
 * sends a test event to a receiver that refuses it (410, not retried), reads the attempt in the
 * delivery log, and redelivers it once the receiver is fixed: the same delivery id arrives, signed.
 */
const STEP_MS = 20_000;

describeE2E("Webhooks settings", () => {
  let receiver: WebhookReceiver;
  beforeAll(async () => {
    receiver = await startWebhookReceiver();
  });
  afterAll(async () => {
    await receiver.close();
  });
  // The receiver is on loopback over plain http.
  const app = useAppServer({ env: { INTEGRATIONS_ALLOW_HTTP: "true", OUTBOUND_ALLOW_PRIVATE: "true" } });
  const browser = useBrowser();

  it("adds a webhook, shows a failed test delivery in the log, and redelivers it", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/integrations/webhooks`);
      await page.getByLabel("Webhook URL").fill(receiver.url);
      await page.getByLabel("Name (optional)").fill("CRM sync");
      await page.getByRole("button", { name: "Add webhook" }).click();
      await page.waitForURL((url) => /\/integrations\/webhooks\/\d+$/.test(url.pathname));
      const webhookPage = page.url();

      await page.getByRole("button", { name: "Reveal" }).click();
      const secret = (await page.getByLabel("Signing secret").textContent())?.trim() ?? "";
      expect(secret).toMatch(/^whsec_/);
      receiver.setSecrets([secret]);

      await receiver.setMode("gone");
      await page.getByRole("button", { name: "Send test event" }).click();
      await page.getByText("Test event queued").waitFor();
      // The log shows the failed attempt once the job recorded it.
      await expect.poll(async () => {
        await page.reload();
        return page.getByText("Failed", { exact: true }).count();
      }, { timeout: STEP_MS, interval: 500 }).toBe(1);
      await page.getByText("this endpoint is gone").waitFor();
      await page.getByText(/answered 410/).waitFor();
      await page.getByRole("link", { name: "Show failed only" }).click();
      await page.getByText("webhook_test").waitFor();

      await receiver.setMode("ok");
      await page.getByRole("button", { name: "Redeliver", exact: true }).click();
      await receiver.waitFor((r) => r.accepted.length === 1, STEP_MS);
      const [delivery] = receiver.accepted;
      expect(delivery.payload.event).toBe("webhook_test");
      expect(delivery.chatwootSignatureValid).toBe(true);
      expect(delivery.standardSignatureValid).toBe(true);
      // The filter still shows only failed deliveries, and there are none now.
      await page.getByText("No deliveries yet").waitFor();
      await page.goto(webhookPage);
      await expect.poll(async () => {
        await page.reload();
        return page.getByText("Delivered", { exact: true }).count();
      }, { timeout: STEP_MS, interval: 500 }).toBe(1);
      const item = page.locator(`[data-delivery-id="${delivery.id}"]`);
      expect(await item.locator("tbody tr").count()).toBe(2);
    } finally {
      await context.close();
    }
  });
});
