import type { Page } from "playwright-core";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { channelEmail, oauthCredentials, users } from "@/db/schema";
import { describeDovecot, startDovecot, type Dovecot } from "../support/dovecot";
import { authenticate, describeE2E, useAppServer, useBrowser } from "../support/browser";
import { startFakeOAuthProvider, type FakeOAuthProvider } from "../support/fake-oauth-provider";

/**
 * The Microsoft 365 wizard end to end in the production build: Settings → Inboxes → Add →
 * Microsoft 365, Authorize, the (fake) provider's consent redirect back to the app's callback, the
 * IMAP access check against Dovecot's oauth2 passdb, and the new inbox's page. A delegate without
 * Full Access is refused in words and nothing is created.
 */
const STEP_MS = 30_000;
const CLIENT = { id: "e2e-client", secret: "e2e-secret" };

describeDovecot("OAuth2 inbox wizard (Dovecot)", () => {
  describeE2E("OAuth2 inbox wizard", () => {
    let idp: FakeOAuthProvider;
    let dovecot: Dovecot;
    // Filled before the app server starts (hooks run in order): the app's provider and hosts point at the fakes.
    const appEnv: Record<string, string> = {};
    beforeAll(async () => {
      idp = await startFakeOAuthProvider({ clientId: CLIENT.id, clientSecret: CLIENT.secret, rotateRefreshTokens: true });
      dovecot = await startDovecot({ oauth2IntrospectionUrl: idp.introspectionUrl });
      Object.assign(appEnv, {
        MICROSOFT_CLIENT_ID: CLIENT.id,
        MICROSOFT_CLIENT_SECRET: CLIENT.secret,
        MICROSOFT_AUTHORITY_URL: idp.url,
        MICROSOFT_TENANT: "contoso.test",
        OUTLOOK_IMAP_HOST: dovecot.host,
        OUTLOOK_IMAP_PORT: String(dovecot.port),
        OUTLOOK_SMTP_HOST: "127.0.0.1",
        OUTLOOK_SMTP_PORT: "2525",
        GOOGLE_CLIENT_ID: CLIENT.id,
        GOOGLE_CLIENT_SECRET: CLIENT.secret,
        GOOGLE_AUTH_URL: `${idp.url}/authorize`,
        GOOGLE_TOKEN_URL: `${idp.url}/token`,
        GMAIL_IMAP_HOST: dovecot.host,
        GMAIL_IMAP_PORT: String(dovecot.port),
        ENCRYPTION_KEY: "e2e-oauth-encryption-key-e2e-oauth",
      });
    }, 30_000);
    afterAll(async () => {
      await dovecot?.stop();
      await idp?.stop();
    });
    const app = useAppServer({ env: appEnv });
    const browser = useBrowser();

    async function openWizard(page: Page, accountId: number, mailbox: string) {
      await page.goto(`${app().url}/app/accounts/${accountId}/settings/inboxes/new`);
      await page.getByRole("link", { name: /Microsoft 365/ }).click();
      await page.getByLabel("Mailbox address").fill(mailbox);
      await page.getByLabel("Inbox name").fill("Shared support");
      expect(await page.getByRole("radio", { name: /IMAP \+ email API/ }).isDisabled()).toBe(false);
      expect(await page.getByRole("radio", { name: /Microsoft Graph/ }).isDisabled()).toBe(false);
      await page.getByRole("radio", { name: /^IMAP \+ SMTP/ }).check();
    }

    it("connects a shared mailbox through the consent redirect after checking IMAP access", async () => {
      const admin = await app().seedAccount({ name: "Alice Admin" });
      await dovecot.addUser("shared@contoso.test", "unused-password");
      idp.signIn({ email: "alice@contoso.test", mailbox: "shared@contoso.test" });
      const page = await (await browser().newContext()).newPage();
      page.setDefaultTimeout(STEP_MS);
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await openWizard(page, admin.accountId, "shared@contoso.test");
      await page.getByRole("button", { name: "Authorize with Microsoft" }).click();

      await page.getByRole("heading", { name: "Shared support" }).waitFor();
      await page.getByText("The mailbox is connected").waitFor();
      await page.getByText("IMAP + SMTP with OAuth2 (XOAUTH2)").waitFor();
      await page.getByRole("button", { name: "Reconnect" }).waitFor();
      expect(idp.lastAuthorize()?.get("redirect_uri")).toBe(`${app().url}/api/oauth/microsoft/callback`);
      const [channel] = await app().db.select().from(channelEmail).where(eq(channelEmail.accountId, admin.accountId));
      expect(channel).toMatchObject({ email: "shared@contoso.test", provider: "microsoft", imapAddress: dovecot.host });
      const [credential] = await app().db.select().from(oauthCredentials).where(eq(oauthCredentials.accountId, admin.accountId));
      expect(credential).toMatchObject({ mailboxAddress: "shared@contoso.test", transport: "imap_smtp" });
      // Tokens never reach the page.
      expect(await page.content()).not.toContain(idp.issuedAccessTokens().at(-1) ?? "no token");
    });

    it("explains a missing Full Access and creates nothing", async () => {
      const admin = await app().seedAccount({ name: "Alice Admin" });
      await dovecot.addUser("billing@contoso.test", "unused-password");
      idp.signIn({ email: "bob@contoso.test", mailbox: "bob@contoso.test" });
      const page = await (await browser().newContext()).newPage();
      page.setDefaultTimeout(STEP_MS);
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await openWizard(page, admin.accountId, "billing@contoso.test");
      await page.getByRole("button", { name: "Authorize with Microsoft" }).click();

      await page.getByText("could not open billing@contoso.test over IMAP: it has no Full Access on billing@contoso.test").waitFor();
      expect(new URL(page.url()).pathname).toBe(`/app/accounts/${admin.accountId}/settings/inboxes/new`);
      expect(await app().db.select().from(channelEmail).where(eq(channelEmail.accountId, admin.accountId))).toHaveLength(0);
      expect(await app().db.select().from(oauthCredentials).where(eq(oauthCredentials.accountId, admin.accountId))).toHaveLength(0);
    });
    it("connects a Gmail mailbox (warning about Testing mode shown), then Reconnect lifts reconnect needed", async () => {
      const admin = await app().seedAccount({ name: "Alice Admin" });
      await dovecot.addUser("team@gmail.test", "unused-password");
      idp.signIn({ email: "team@gmail.test" });
      const page = await (await browser().newContext()).newPage();
      page.setDefaultTimeout(STEP_MS);
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await page.goto(`${app().url}/app/accounts/${admin.accountId}/settings/inboxes/new`);
      await page.getByRole("link", { name: /^Google/ }).click();
      await page.getByText("Google expires its refresh tokens after 7 days").waitFor();
      await page.getByLabel("Mailbox address").fill("team@gmail.test");
      await page.getByLabel("Inbox name").fill("Gmail team");
      await page.getByRole("button", { name: "Authorize with Google" }).click();
      await page.getByRole("heading", { name: "Gmail team" }).waitFor();
      await page.getByText("The mailbox is connected").waitFor();

      const [channel] = await app().db.select().from(channelEmail).where(eq(channelEmail.accountId, admin.accountId));
      await app().db.update(channelEmail).set({ health: "reconnect_needed", lastError: "Google refused the saved sign-in" }).where(eq(channelEmail.id, channel.id));
      const [before] = await app().db.select().from(oauthCredentials).where(eq(oauthCredentials.accountId, admin.accountId));
      await page.reload();
      await page.getByRole("button", { name: "Reconnect" }).click();
      await page.getByText("The mailbox is reconnected").waitFor();
      const [after] = await app().db.select().from(oauthCredentials).where(eq(oauthCredentials.accountId, admin.accountId));
      expect(after.id).toBe(before.id);
      expect(after.refreshTokenEnc).not.toBe(before.refreshTokenEnc);
      const [healed] = await app().db.select().from(channelEmail).where(eq(channelEmail.id, channel.id));
      expect(healed.health).toBe("ok");
    });
    it("signed out during the consent screen: signs in, then finishes the sign-in", async () => {
      const admin = await app().seedAccount({ name: "Alice Admin" });
      await dovecot.addUser("later@contoso.test", "unused-password");
      idp.signIn({ email: "later@contoso.test" });
      const context = await browser().newContext();
      const page = await context.newPage();
      page.setDefaultTimeout(STEP_MS);
      await authenticate(page.context(), app().url, admin.email, admin.password);
      await openWizard(page, admin.accountId, "later@contoso.test");
      // The session ends while the browser is at the provider (signed out everywhere from another
      // tab). Ended on the server, as a sign-out does, and not only by clearing this browser's
      // cookies: a response already on its way (a prefetch) would set the old cookie again.
      await page.route((url) => url.href.startsWith(idp.url), async (route) => {
        await app().db.update(users).set({ sessionVersion: sql`${users.sessionVersion} + 1` }).where(eq(users.id, admin.userId));
        await context.clearCookies();
        await route.continue();
      });
      await page.getByRole("button", { name: "Authorize with Microsoft" }).click();
      await page.waitForURL((url) => url.pathname === "/sign-in");
      await page.getByLabel("Email").fill(admin.email);
      await page.getByLabel("Password").fill(admin.password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.getByText("The mailbox is connected").waitFor();
      const [credential] = await app().db.select().from(oauthCredentials).where(eq(oauthCredentials.accountId, admin.accountId));
      expect(credential).toMatchObject({ mailboxAddress: "later@contoso.test" });
    });
  });
});
