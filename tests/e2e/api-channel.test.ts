import { expect, it } from "vitest";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";

/**
 * The API channel in the production build: an administrator creates an API inbox in the wizard
 * (callback URL, identity enforcement), its settings show the identifier and HMAC token; a
 * customer's client on another site writes through the Client API over HTTP (CORS), the agent
 * sees the message and replies with a plain composer (no To/Cc), and the client reads the reply.
 */
const STEP_MS = 20_000;

describeE2E("API channel", () => {
  const app = useAppServer();
  const browser = useBrowser();

  it("creates an API inbox, takes a Client API message and sends the agent's reply back", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    const context = await browser().newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_MS);
    try {
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/inboxes/new?type=api`);
      await page.getByLabel("Inbox name").fill("Mobile app");
      await page.getByLabel("Callback URL").fill("https://hooks.example.com/desk");
      await page.getByLabel(/Enforce user identity validation/).check();
      await page.getByRole("button", { name: "Create inbox" }).click();
      await page.waitForURL((url) => /\/settings\/inboxes\/\d+$/.test(url.pathname));
      const identifier = (await page.getByTestId("inbox-identifier").textContent())?.trim() ?? "";
      const hmacToken = (await page.getByTestId("hmac-token").textContent())?.trim() ?? "";
      expect(identifier).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(hmacToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
      expect(await page.getByLabel("Callback URL").inputValue()).toBe("https://hooks.example.com/desk");
      expect(await page.getByLabel(/Enforce user identity validation/).isChecked()).toBe(true);

      // Turn enforcement off again in the API channel card.
      await page.getByLabel(/Enforce user identity validation/).uncheck();
      await page.getByRole("form", { name: "API channel settings" }).getByRole("button", { name: "Save", exact: true }).click();
      await page.getByText("Channel settings saved.").waitFor();

      // The customer's client, from another origin: a CORS preflight, then the Client API.
      const base = `${app().url}/public/api/v1/inboxes/${identifier}`;
      const preflight = await fetch(`${base}/contacts`, {
        method: "OPTIONS",
        headers: { Origin: "https://shop.example.com", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type" },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
      const json = { "Content-Type": "application/json", Origin: "https://shop.example.com" };
      const contactRes = await fetch(`${base}/contacts`, { method: "POST", headers: json, body: JSON.stringify({ name: "Maria Garcia" }) });
      expect(contactRes.headers.get("access-control-allow-origin")).toBe("*");
      const contact = (await contactRes.json()) as { source_id: string };
      const conversation = (await (await fetch(`${base}/contacts/${contact.source_id}/conversations`, { method: "POST", headers: json, body: "{}" })).json()) as { id: number };
      const sent = await fetch(`${base}/contacts/${contact.source_id}/conversations/${conversation.id}/messages`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({ content: "Is my order on its way?" }),
      });
      expect(sent.status).toBe(200);

      // The agent (an administrator sees every inbox) opens it and replies: no To / Cc for an API inbox.
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/conversations/${conversation.id}`);
      await page.getByText("Is my order on its way?").waitFor();
      expect(await page.getByLabel("To", { exact: true }).count()).toBe(0);
      await page.getByLabel("Message", { exact: true }).fill("Yes, it ships today.");
      await page.getByRole("button", { name: "Send" }).click();
      await page.getByRole("region", { name: "Messages" }).getByText("Yes, it ships today.").waitFor();

      const list = (await (await fetch(`${base}/contacts/${contact.source_id}/conversations/${conversation.id}/messages`)).json()) as Array<{ content: string; message_type: number }>;
      expect(list.map((m) => [m.content, m.message_type])).toEqual([
        ["Is my order on its way?", 0],
        ["Yes, it ships today.", 1],
      ]);
    } finally {
      await context.close();
    }
  });
});
