import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountUsers, channelEmail, conversations, inboxes, oauthCredentials } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { completeOAuthSignIn } from "@/lib/inboxes/create-oauth-inbox";
import { oauthCallbackReturnPath } from "@/lib/inboxes/oauth-callback-return";
import { startOAuthInbox } from "@/lib/inboxes/oauth-start";
import { pollMailbox } from "@/lib/mailbox/imap/poll-mailbox";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { createMessage } from "@/lib/messages/create-message";
import { signState } from "@/lib/mailbox/oauth/state";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { describeDovecot, startDovecot, type Dovecot } from "@/tests/support/dovecot";
import { createEmailInboxRow, rawMail } from "@/tests/support/email-inbox";
import { startSmtpServer } from "@/tests/support/smtp-server";
import { channelRow, consent, credentialRow, useFakeOAuthProvider } from "./oauth-helpers";

/**
 * The Google / Microsoft 365 wizard from "Authorize" to the callback's domain function, against the
 * fake provider and a real Dovecot whose oauth2 passdb asks the fake's introspection endpoint.
 */
const db = useTestDatabase();

describeDovecot("the OAuth2 inbox wizard's callback", () => {
  const idp = useFakeOAuthProvider({ rotateRefreshTokens: true, idToken: true });
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ oauth2IntrospectionUrl: idp().introspectionUrl });
    for (const name of ["OUTLOOK_IMAP_HOST", "GMAIL_IMAP_HOST"] as const) setEnvVar(name, dovecot.host);
    for (const name of ["OUTLOOK_IMAP_PORT", "GMAIL_IMAP_PORT"] as const) setEnvVar(name, String(dovecot.port));
  }, 30_000);
  afterAll(async () => {
    await dovecot?.stop();
  });

  async function workspaceWithMailbox(mailbox: string) {
    const ws = await f.createWorkspace(db());
    await dovecot.addUser(mailbox, `unused-${Math.random()}`);
    return ws;
  }

  /** "Authorize" as this user, then the provider's consent redirect back to the callback. */
  async function authorize(userId: number, accountId: number, params: Parameters<typeof startOAuthInbox>[3]) {
    const { url } = await startOAuthInbox(db(), userActor(userId), accountId, params);
    return consent(url);
  }

  const inboxRows = (accountId: number) => db().select().from(inboxes).where(eq(inboxes.accountId, accountId));
  const credentialRows = (accountId: number) => db().select().from(oauthCredentials).where(eq(oauthCredentials.accountId, accountId));

  it("creates a Microsoft 365 shared-mailbox inbox with its credential after checking IMAP access, and it polls", async () => {
    const { account, admin } = await workspaceWithMailbox("support@contoso.test");
    idp().signIn({ email: "alice@contoso.test", mailbox: "support@contoso.test" });
    const callbackParams = await authorize(admin.id, account.id, { provider: "microsoft", transport: "imap_smtp", email: "Support@Contoso.test", name: "Support desk" });

    const done = await completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams });
    expect(done).toMatchObject({ accountId: account.id, reconnected: false });
    const [inbox] = (await inboxRows(account.id)).filter((i) => i.id === done.inboxId);
    expect(inbox).toMatchObject({ name: "Support desk", channelType: "email" });
    const channel = await channelRow(db(), inbox.channelId);
    expect(channel).toMatchObject({ email: "support@contoso.test", provider: "microsoft", imapEnabled: true, imapAddress: dovecot.host, imapPort: dovecot.port, smtpEnabled: true, imapPasswordEnc: null });
    expect(await credentialRow(db(), done.inboxId)).toMatchObject({ provider: "microsoft", transport: "imap_smtp", mailboxAddress: "support@contoso.test" });

    await dovecot.appendMessage("support@contoso.test", "INBOX", rawMail({ to: "support@contoso.test", messageId: "wiz-1@customer.test" }));
    await expect(pollMailbox(db(), { accountId: account.id, inboxId: done.inboxId })).resolves.toMatchObject({ ok: true, imported: 1 });
  });

  it("creates a Gmail inbox, naming the signed-in account from Google's ID token", async () => {
    const { account, admin } = await workspaceWithMailbox("team@gmail.test");
    idp().signIn({ email: "team@gmail.test" });
    const callbackParams = await authorize(admin.id, account.id, { provider: "google", email: "team@gmail.test", name: "Team" });
    const done = await completeOAuthSignIn(db(), userActor(admin.id), { provider: "google", callbackParams });
    expect(await credentialRow(db(), done.inboxId)).toMatchObject({ provider: "google", delegateEmail: "team@gmail.test", tenant: null });
  });

  it("refuses when the account has no access to the mailbox, in words, and leaves no inbox and no credential", async () => {
    const { account, admin } = await workspaceWithMailbox("billing@contoso.test");
    const before = (await inboxRows(account.id)).length;
    // The delegate's token opens only the delegate's own mailbox: no Full Access on billing@.
    idp().signIn({ email: "bob@contoso.test", mailbox: "bob@contoso.test" });
    const callbackParams = await authorize(admin.id, account.id, { provider: "microsoft", email: "billing@contoso.test", name: "Billing" });

    await expect(completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams })).rejects.toThrow(
      // Microsoft's ID token names the delegate, so the refusal says who lacks Full Access.
      "bob@contoso.test could not open billing@contoso.test over IMAP: it has no Full Access on billing@contoso.test, or IMAP is disabled",
    );
    expect(await inboxRows(account.id)).toHaveLength(before);
    expect(await credentialRows(account.id)).toHaveLength(0);
    expect(await db().select().from(channelEmail).where(eq(channelEmail.accountId, account.id))).toHaveLength(0);
  });

  it("refuses a mailbox another inbox on this Postdesk already reads over IMAP, without naming it", async () => {
    const { account, admin } = await workspaceWithMailbox("shared-mbx@contoso.test");
    const other = await f.createAccount(db());
    await createEmailInboxRow(db(), other.id, { email: "desk@other-mbx.test", name: "Other desk", imap: { host: dovecot.host, port: dovecot.port, login: "Shared-Mbx@contoso.test", password: "x" } });
    idp().signIn({ email: "shared-mbx@contoso.test", mailbox: "shared-mbx@contoso.test" });
    const callbackParams = await authorize(admin.id, account.id, { provider: "microsoft", email: "shared-mbx@contoso.test", name: "Shared" });
    const refused = completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams });
    await expect(refused).rejects.toThrow(/This mailbox is already read by another inbox on this Postdesk/);
    await expect(refused).rejects.not.toThrow(/Other desk/);
    expect(await inboxRows(account.id)).toHaveLength(1);
    expect(await credentialRows(account.id)).toHaveLength(0);
  });

  it("refuses a tampered state, an expired state and one for another provider", async () => {
    const { account, admin } = await workspaceWithMailbox("tamper@contoso.test");
    idp().signIn({ email: "tamper@contoso.test" });
    const callbackParams = await authorize(admin.id, account.id, { provider: "microsoft", email: "tamper@contoso.test" });
    const state = callbackParams.get("state") ?? "";
    const [data, mac] = state.split(".");
    const payload = JSON.parse(Buffer.from(data, "base64url").toString());
    const tampered = new URLSearchParams(callbackParams);
    tampered.set("state", `${Buffer.from(JSON.stringify({ ...payload, accountId: payload.accountId + 1 })).toString("base64url")}.${mac}`);
    await expect(completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: tampered })).rejects.toThrow(/altered/);

    const expired = new URLSearchParams(callbackParams);
    expired.set("state", signState({ accountId: account.id, userId: admin.id, provider: "microsoft", transport: "imap_smtp", draft: { email: "tamper@contoso.test", name: "x" }, codeVerifier: "v".repeat(43) }, Date.now() - 11 * 60_000));
    await expect(completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: expired })).rejects.toThrow(/expired/);

    await expect(completeOAuthSignIn(db(), userActor(admin.id), { provider: "google", callbackParams })).rejects.toThrow(/another provider/);
    expect(await credentialRows(account.id)).toHaveLength(0);
  });

  it("refuses a callback completed by another user, and a state started by a non-administrator", async () => {
    const { account, admin, agent } = await workspaceWithMailbox("roles@contoso.test");
    idp().signIn({ email: "roles@contoso.test" });
    const callbackParams = await authorize(admin.id, account.id, { provider: "microsoft", email: "roles@contoso.test" });
    await expect(completeOAuthSignIn(db(), userActor(agent.id), { provider: "microsoft", callbackParams })).rejects.toMatchObject({ code: "forbidden" });

    await expect(startOAuthInbox(db(), userActor(agent.id), account.id, { provider: "microsoft", email: "roles@contoso.test" })).rejects.toMatchObject({ code: "forbidden" });
    // An administrator demoted between "Authorize" and the callback no longer creates inboxes.
    idp().signIn({ email: "roles@contoso.test" });
    const { url } = await startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", email: "roles@contoso.test" });
    const demoted = await consent(url);
    await db().update(accountUsers).set({ role: "agent" }).where(and(eq(accountUsers.accountId, account.id), eq(accountUsers.userId, admin.id)));
    await expect(completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: demoted })).rejects.toMatchObject({ code: "forbidden" });
    expect(await credentialRows(account.id)).toHaveLength(0);
  });

  it("reconnects an inbox marked reconnect needed: new credential, health ok, conversations kept", async () => {
    const { account, admin } = await workspaceWithMailbox("desk@contoso.test");
    idp().signIn({ email: "leaver@contoso.test", mailbox: "desk@contoso.test" });
    const first = await completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: await authorize(admin.id, account.id, { provider: "microsoft", email: "desk@contoso.test" }) });
    const contact = await f.createContact(db(), account.id, { name: "Ada", email: "ada@customer.test" });
    const conversation = await f.createConversation(db(), account.id, first.inboxId, { contactId: contact.id });
    const [inbox] = (await inboxRows(account.id)).filter((i) => i.id === first.inboxId);
    await db().update(channelEmail).set({ health: "reconnect_needed", lastError: "Microsoft refused the saved sign-in" }).where(eq(channelEmail.id, inbox.channelId));
    const oldCredential = await credentialRow(db(), first.inboxId);
    const inboxCount = (await inboxRows(account.id)).length;

    idp().signIn({ email: "stayer@contoso.test", mailbox: "desk@contoso.test" });
    const again = await completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: await authorize(admin.id, account.id, { provider: "microsoft", inboxId: first.inboxId }) });

    expect(again).toEqual({ accountId: account.id, inboxId: first.inboxId, reconnected: true });
    const credential = await credentialRow(db(), first.inboxId);
    expect(credential.id).toBe(oldCredential.id);
    expect(credential.refreshTokenEnc).not.toBe(oldCredential.refreshTokenEnc);
    expect((await channelRow(db(), inbox.channelId)).health).toBe("ok");
    expect(await inboxRows(account.id)).toHaveLength(inboxCount);
    const [kept] = await db().select().from(conversations).where(eq(conversations.id, conversation.id));
    expect(kept.inboxId).toBe(first.inboxId);
  });

  it("a wizard-made inbox sends an agent's reply From the shared address over SMTP XOAUTH2", async () => {
    const { account, admin, agent } = await workspaceWithMailbox("replies@contoso.test");
    const accessTokens: Record<string, string> = {};
    // Like Outlook's SMTP: only the newest token issued for the mailbox is accepted.
    Object.defineProperty(accessTokens, "replies@contoso.test", { enumerable: true, get: () => idp().latestAccessToken("replies@contoso.test") });
    const smtp = await startSmtpServer({ accessTokens });
    setEnvVar("OUTLOOK_SMTP_HOST", smtp.host);
    setEnvVar("OUTLOOK_SMTP_PORT", String(smtp.port));
    try {
      idp().signIn({ email: "carol@contoso.test", mailbox: "replies@contoso.test" });
      const done = await completeOAuthSignIn(db(), userActor(admin.id), {
        provider: "microsoft",
        callbackParams: await authorize(admin.id, account.id, { provider: "microsoft", email: "replies@contoso.test", name: "Replies" }),
      });
      await f.addInboxMember(db(), account.id, done.inboxId, agent.id);
      const contact = await f.createContact(db(), account.id, { name: "Ada", email: "ada@customer.test" });
      const conversation = await f.createConversation(db(), account.id, done.inboxId, { contactId: contact.id });
      const message = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "On it." });
      await expect(sendEmailDelivery(db(), message.id)).resolves.toMatchObject({ status: "sent", transport: "smtp" });
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0].user).toBe("replies@contoso.test");
      expect(smtp.messages[0].envelope.from).toBe("replies@contoso.test");
    } finally {
      await smtp.stop();
    }
  });

  it("refuses an address that already has an inbox before the consent screen", async () => {
    const { account, admin } = await workspaceWithMailbox("twice@contoso.test");
    idp().signIn({ email: "twice@contoso.test" });
    await completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: await authorize(admin.id, account.id, { provider: "microsoft", email: "twice@contoso.test" }) });
    await expect(startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", email: "TWICE@contoso.test" })).rejects.toThrow("An inbox for twice@contoso.test already exists in this account");
  });

  it("a consent the admin cancelled at the provider is said in words and creates nothing", async () => {
    const { account, admin } = await workspaceWithMailbox("cancel@contoso.test");
    idp().signIn({ email: "cancel@contoso.test" });
    const { url } = await startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", email: "cancel@contoso.test" });
    const callbackParams = new URLSearchParams({ error: "access_denied", error_description: "The user cancelled the sign-in", state: new URL(url).searchParams.get("state") ?? "" });
    await expect(completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams })).rejects.toThrow("Microsoft did not grant access: The user cancelled the sign-in");
    expect(await credentialRows(account.id)).toHaveLength(0);
  });

  it("names the missing env variable instead of sending the admin to the provider", async () => {
    const { account, admin } = await f.createWorkspace(db());
    setEnvVar("GOOGLE_CLIENT_SECRET", "");
    try {
      await expect(startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "google", email: "x@gmail.test" })).rejects.toThrow(/set GOOGLE_CLIENT_SECRET in the server's environment/);
    } finally {
      setEnvVar("GOOGLE_CLIENT_SECRET", "postdesk-test-secret");
    }
  });
});

describe("where a refused callback sends the admin", () => {
  const state = (payload: object) => `${Buffer.from(JSON.stringify(payload)).toString("base64url")}.mac`;

  it("back to the wizard for a new inbox, to the inbox for a reconnect, to the app when the state is unreadable", () => {
    expect(oauthCallbackReturnPath("microsoft", state({ accountId: 4, draft: { email: "a@b.test" } }), "No Full Access")).toBe(
      "/app/accounts/4/settings/inboxes/new?type=microsoft&oauth_error=No%20Full%20Access",
    );
    expect(oauthCallbackReturnPath("google", state({ accountId: 4, draft: { inboxId: 9 } }), "Refused")).toBe("/app/accounts/4/settings/inboxes/9?oauth_error=Refused");
    expect(oauthCallbackReturnPath("google", "garbage", "Refused")).toBe("/app?oauth_error=Refused");
    expect(oauthCallbackReturnPath("google", null, "Refused")).toBe("/app?oauth_error=Refused");
  });
});
