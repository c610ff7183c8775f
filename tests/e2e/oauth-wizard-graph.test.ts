import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { channelEmail, oauthCredentials } from "@/db/schema";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";
import { rawMail } from "../support/email-inbox";
import { startFakeGraph, type FakeGraph } from "../support/fake-graph";
import { startFakeOAuthProvider, type FakeOAuthProvider } from "../support/fake-oauth-provider";

/**
 * The Microsoft 365 wizard on the Graph transport, end to end in the production build: Authorize,
 * the (fake) provider's consent redirect back to the callback, the access check reading the
 * mailbox's inbox folder on the (fake) Graph, the inbox page naming who authorized it, the
 * change-notification subscription created at once (Graph validates the app's notification URL),
 * and a message Graph announces showing up in the conversation list; the agent's reply leaves
 * through sendMail. A delegate's token for another mailbox, which Graph refuses (403), is
 * explained in words (shared mailboxes use IMAP + SMTP) and nothing is created.
 *
 * The app process trusts the fake Graph's self-signed certificate through NODE_EXTRA_CA_CERTS,
 * as an operator would add a private CA.
 */
const STEP_MS = 30_000;
const CLIENT = { id: "e2e-client", secret: "e2e-secret" };

async function waitFor<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = await probe();
    if (found !== undefined) return found;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describeE2E("OAuth2 inbox wizard, Microsoft Graph transport", () => {
  let idp: FakeOAuthProvider;
  let graph: FakeGraph;
  let certDir = "";
  // Filled before the app server starts (hooks run in order): the app's provider and Graph point at the fakes.
  const appEnv: Record<string, string> = {};
  beforeAll(async () => {
    idp = await startFakeOAuthProvider({ clientId: CLIENT.id, clientSecret: CLIENT.secret, rotateRefreshTokens: true, idToken: true });
    graph = await startFakeGraph({
      // Graph posts notifications (and validation requests) to the app's public URL over HTTP.
      deliver: (request) => fetch(request),
      // A token opens a mailbox only when it was issued for it (the delegate has Full Access there).
      acceptToken: (token, mailbox) => (!idp.issuedAccessTokens().includes(token) ? false : mailbox && idp.latestAccessToken(mailbox.toLowerCase()) === undefined ? "forbidden" : true),
    });
    certDir = mkdtempSync(path.join(tmpdir(), "fake-graph-ca-"));
    writeFileSync(path.join(certDir, "ca.pem"), graph.certificatePem);
    Object.assign(appEnv, {
      MICROSOFT_CLIENT_ID: CLIENT.id,
      MICROSOFT_CLIENT_SECRET: CLIENT.secret,
      MICROSOFT_AUTHORITY_URL: idp.url,
      MICROSOFT_TENANT: "contoso.test",
      GRAPH_BASE_URL: graph.baseUrl,
      NODE_EXTRA_CA_CERTS: path.join(certDir, "ca.pem"),
      ENCRYPTION_KEY: "e2e-graph-encryption-key-e2e-graph",
    });
  }, 30_000);
  afterAll(async () => {
    await graph?.stop();
    await idp?.stop();
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });
  const app = useAppServer({ env: appEnv });
  const browser = useBrowser();

  async function authorizeGraph(page: Page, accountId: number, mailbox: string, name: string) {
    await page.goto(`${app().url}/app/accounts/${accountId}/settings/inboxes/new`);
    await page.getByRole("link", { name: /Microsoft 365/ }).click();
    await page.getByLabel("Mailbox address").fill(mailbox);
    await page.getByLabel("Inbox name").fill(name);
    await page.getByRole("radio", { name: /Microsoft Graph/ }).check();
    await page.getByRole("button", { name: "Authorize with Microsoft" }).click();
  }

  it("connects a licensed mailbox signed in as itself, subscribes it at once, and a notified message becomes a conversation", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    idp.signIn({ email: "sales@contoso.test" });
    const page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(STEP_MS);
    await authenticate(page.context(), app().url, admin.email, admin.password);
    await authorizeGraph(page, admin.accountId, "sales@contoso.test", "Sales");

    await page.getByRole("heading", { name: "Sales" }).waitFor();
    await page.getByText("The mailbox is connected").waitFor();
    await page.getByText("Microsoft Graph", { exact: true }).waitFor();
    // Named by Microsoft's ID token.
    expect(await page.locator("dt", { hasText: "Authorized by" }).locator("xpath=following-sibling::dd[1]").textContent()).toBe("sales@contoso.test");
    const graphAudience = new URL(graph.baseUrl).origin;
    expect(idp.lastAuthorize()?.get("scope")?.split(" ")).toEqual(expect.arrayContaining([`${graphAudience}/Mail.ReadWrite`, `${graphAudience}/Mail.Send`, "openid", "email", "offline_access"]));
    expect(graph.requests.some((r) => r.method === "GET" && r.path.includes("/mailFolders('inbox')") && r.status === 200)).toBe(true);
    const [credential] = await app().db.select().from(oauthCredentials).where(eq(oauthCredentials.accountId, admin.accountId));
    expect(credential).toMatchObject({ transport: "graph", mailboxAddress: "sales@contoso.test", delegateEmail: "sales@contoso.test" });

    // Subscribed right after the inbox was created, not at the next renewal cron.
    const subscription = await waitFor("the Graph subscription", () => graph.subscriptions().find((s) => s.mailbox === "sales@contoso.test"), 30_000);
    expect(subscription.notificationUrl).toBe(`${app().url}/api/graph/notifications`);

    const delivered = await graph.deliverMessage(
      "sales@contoso.test",
      rawMail({ from: "Dana Customer <dana@customer.test>", to: "sales@contoso.test", subject: "Graph order question", messageId: "graph-order-1@customer.test", body: "Where is my order?" }),
    );
    expect(delivered.responses.map((r) => r.status)).toEqual([202]);
    const conversations = `${app().url}/app/accounts/${admin.accountId}/conversations?assignee_type=all`;
    await waitFor("the notified conversation", async () => {
      await page.goto(conversations);
      return (await page.getByRole("link", { name: /Dana Customer/ }).count()) > 0 ? true : undefined;
    });
    await page.getByRole("link", { name: /Dana Customer/ }).click();
    await page.getByText("Where is my order?").waitFor();

    // The reply leaves through Graph sendMail, threaded under the customer's message.
    await page.getByLabel("Message", { exact: true }).fill("It ships today.");
    await page.getByRole("button", { name: "Send" }).click();
    const sent = await waitFor("the reply at Graph sendMail", () => graph.sent.find((m) => m.raw.toString("utf8").includes("It ships today")));
    expect(sent.mailbox).toBe("sales@contoso.test");
    expect(sent.raw.toString("utf8")).toMatch(/^In-Reply-To: <graph-order-1@customer\.test>/im);
  }, 240_000);

  it("explains that Graph refused a delegate's token for another mailbox (403) and creates nothing", async () => {
    const admin = await app().seedAccount({ name: "Alice Admin" });
    // A delegated Graph token opens only the signed-in account's own mailbox: 403 ErrorAccessDenied for the CEO's.
    idp.signIn({ email: "bob@contoso.test", mailbox: "bob@contoso.test" });
    const page = await (await browser().newContext()).newPage();
    page.setDefaultTimeout(STEP_MS);
    await authenticate(page.context(), app().url, admin.email, admin.password);
    await authorizeGraph(page, admin.accountId, "ceo@contoso.test", "CEO");

    await page.getByText("bob@contoso.test has no access to ceo@contoso.test through Microsoft Graph").waitFor();
    await page.getByText("connect a shared mailbox with the IMAP + SMTP transport").waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/accounts/${admin.accountId}/settings/inboxes/new`);
    expect(graph.requests.some((r) => r.path.includes("ceo%40contoso.test") && r.status === 403)).toBe(true);
    expect(await app().db.select().from(channelEmail).where(eq(channelEmail.accountId, admin.accountId))).toHaveLength(0);
    expect(await app().db.select().from(oauthCredentials).where(eq(oauthCredentials.accountId, admin.accountId))).toHaveLength(0);
    expect(graph.subscriptions().filter((s) => s.mailbox === "ceo@contoso.test")).toHaveLength(0);
  }, 120_000);
});
