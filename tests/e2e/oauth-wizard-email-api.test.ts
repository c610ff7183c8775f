import type { Page } from "playwright-core";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { channelEmail, oauthCredentials } from "@/db/schema";
import { describeDovecot, startDovecot, type Dovecot } from "../support/dovecot";
import { authenticate, describeE2E, hydrated, useAppServer, useBrowser } from "../support/browser";
import { startFakeMailgun, type FakeMailgun } from "../support/fake-mailgun";
import { startFakeOAuthProvider, type FakeOAuthProvider } from "../support/fake-oauth-provider";

/**
 * The Microsoft 365 wizard with the `imap_api` transport in the production build: the admin picks
 * IMAP + email API, enters the Mailgun domain, region and key; a wrong key is said before the
 * consent screen; after consent the callback checks IMAP (Dovecot's oauth2 passdb) and Mailgun
 * (a local fake) and the inbox page shows how mail leaves. The key never reaches a page, and the
 * sending settings are edited later with a write-only key field.
 */
const STEP_MS = 30_000;
const CLIENT = { id: "e2e-client", secret: "e2e-secret" };
const KEY = "key-e2e-mailgun-0123456789";

describeDovecot("OAuth2 inbox wizard, IMAP + email API (Dovecot)", () => {
  describeE2E("OAuth2 inbox wizard, IMAP + email API", () => {
    let idp: FakeOAuthProvider;
    let dovecot: Dovecot;
    let mailgun: FakeMailgun;
    // Filled before the app server starts (hooks run in order): the app's provider and hosts point at the fakes.
    const appEnv: Record<string, string> = {};
    beforeAll(async () => {
      idp = await startFakeOAuthProvider({ clientId: CLIENT.id, clientSecret: CLIENT.secret, rotateRefreshTokens: true });
      dovecot = await startDovecot({ oauth2IntrospectionUrl: idp.introspectionUrl });
      mailgun = await startFakeMailgun({ apiKey: KEY, domains: ["mg.contoso.test"] });
      Object.assign(appEnv, {
        MICROSOFT_CLIENT_ID: CLIENT.id,
        MICROSOFT_CLIENT_SECRET: CLIENT.secret,
        MICROSOFT_AUTHORITY_URL: idp.url,
        MICROSOFT_TENANT: "contoso.test",
        OUTLOOK_IMAP_HOST: dovecot.host,
        OUTLOOK_IMAP_PORT: String(dovecot.port),
        ENCRYPTION_KEY: "e2e-email-api-encryption-key-e2e",
      });
    }, 30_000);
    afterAll(async () => {
      await dovecot?.stop();
      await idp?.stop();
      await mailgun?.stop();
    });
    const app = useAppServer({ env: appEnv });
    const browser = useBrowser();

    async function fillWizard(page: Page, accountId: number, mailbox: string, apiKey: string) {
      await page.goto(`${app().url}/app/accounts/${accountId}/settings/inboxes/new`);
      await page.getByRole("link", { name: /Microsoft 365/ }).click();
      await page.getByLabel("Mailbox address").fill(mailbox);
      await page.getByLabel("Inbox name").fill("Help desk");
      await page.getByRole("radio", { name: /IMAP \+ email API/ }).check();
      await page.getByLabel("Sending domain").fill("mg.contoso.test");
      await page.getByLabel("Mailgun region").selectOption("custom");
      await page.getByLabel("API base URL").fill(mailgun.url);
      await page.getByLabel("API key").fill(apiKey);
    }

    it("refuses a wrong key before the consent screen, then connects and shows Mailgun as the way mail leaves", async () => {
      const admin = await app().seedAccount({ name: "Alice Admin" });
      await dovecot.addUser("help@contoso.test", "unused-password");
      idp.signIn({ email: "alice@contoso.test", mailbox: "help@contoso.test" });
      const page = await (await browser().newContext()).newPage();
      page.setDefaultTimeout(STEP_MS);
      await authenticate(page.context(), app().url, admin.email, admin.password);

      await fillWizard(page, admin.accountId, "help@contoso.test", "key-typo");
      await page.getByRole("button", { name: "Authorize with Microsoft" }).click();
      await page.getByText("Mailgun refused the API key").waitFor();
      expect(idp.lastAuthorize()).toBeNull();

      await page.getByLabel("API key").fill(KEY);
      await page.getByRole("button", { name: "Authorize with Microsoft" }).click();
      await page.getByRole("heading", { name: "Help desk" }).waitFor();
      await page.getByText("The mailbox is connected").waitFor();
      await page.getByText("IMAP with OAuth2 + email API for sending").waitFor();
      await page.getByText("Mailgun API, domain mg.contoso.test").waitFor();
      expect(await page.content()).not.toContain(KEY);
      const [channel] = await app().db.select().from(channelEmail).where(eq(channelEmail.accountId, admin.accountId));
      expect(channel).toMatchObject({ email: "help@contoso.test", smtpEnabled: false, emailApiProvider: "mailgun", emailApiDomain: "mg.contoso.test", emailApiBaseUrl: mailgun.url });
      const [credential] = await app().db.select().from(oauthCredentials).where(eq(oauthCredentials.accountId, admin.accountId));
      expect(credential).toMatchObject({ transport: "imap_api", mailboxAddress: "help@contoso.test" });
      expect(mailgun.messages).toHaveLength(0);

      // Later: the key field is empty (write-only); an unknown domain is refused, blank keeps the key.
      await hydrated(page);
      expect(await page.getByLabel("API key").inputValue()).toBe("");
      await page.getByLabel("Sending domain").fill("mg.other.test");
      await page.getByRole("button", { name: "Save sending settings" }).click();
      await page.getByText("The domain mg.other.test is not in this Mailgun account").waitFor();
      await page.getByLabel("Sending domain").fill("mg.contoso.test");
      await page.getByRole("button", { name: "Save sending settings" }).click();
      await page.getByText("Mailgun accepted the key and the domain").waitFor();
      const [kept] = await app().db.select().from(channelEmail).where(eq(channelEmail.id, channel.id));
      expect(kept.emailApiKeyEnc).toBe(channel.emailApiKeyEnc);
    });
  });
});
