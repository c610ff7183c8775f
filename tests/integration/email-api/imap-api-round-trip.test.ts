import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, expect, it } from "vitest";
import { channelEmail, conversations, inboxes, messages, oauthCredentials } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { setEnvVar } from "@/lib/env";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { completeOAuthSignIn } from "@/lib/inboxes/create-oauth-inbox";
import { getOAuthInboxSummary } from "@/lib/inboxes/oauth-inbox-summary";
import { startOAuthInbox } from "@/lib/inboxes/oauth-start";
import { pollMailbox } from "@/lib/mailbox/imap/poll-mailbox";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { describeDovecot, startDovecot, type Dovecot } from "@/tests/support/dovecot";
import { rawMail } from "@/tests/support/email-inbox";
import { startFakeMailgun, type FakeMailgun } from "@/tests/support/fake-mailgun";
import { channelRow, consent, useFakeOAuthProvider } from "../oauth/oauth-helpers";

/**
 * The `imap_api` transport end to end: the Microsoft 365 wizard with Mailgun sending settings,
 * the callback's IMAP XOAUTH2 check (real Dovecot, oauth2 passdb asking the fake identity
 * provider) and Mailgun key check (a local fake speaking Mailgun's API), then a customer's mail
 * polled over XOAUTH2, the agent's reply sent through Mailgun with our threading headers, and the
 * customer's answer threading back into the same conversation.
 */
const db = useTestDatabase();
const KEY = "key-3ax6xnjp29jd6fds4gc373sgvjxteol0";

describeDovecot("the imap_api transport (IMAP XOAUTH2 + Mailgun)", () => {
  const idp = useFakeOAuthProvider({ rotateRefreshTokens: true });
  let dovecot: Dovecot;
  let mailgun: FakeMailgun;
  beforeAll(async () => {
    dovecot = await startDovecot({ oauth2IntrospectionUrl: idp().introspectionUrl });
    mailgun = await startFakeMailgun({ apiKey: KEY, domains: ["mg.contoso.test"] });
    setEnvVar("OUTLOOK_IMAP_HOST", dovecot.host);
    setEnvVar("OUTLOOK_IMAP_PORT", String(dovecot.port));
  }, 30_000);
  afterAll(async () => {
    await dovecot?.stop();
    await mailgun?.stop();
  });

  const mailgunSettings = (overrides: { apiKey?: string; domain?: string } = {}) => ({
    provider: "mailgun" as const,
    domain: overrides.domain ?? "mg.contoso.test",
    region: "custom" as const,
    baseUrl: mailgun.url,
    apiKey: overrides.apiKey ?? KEY,
  });

  async function workspace(mailbox: string) {
    const ws = await f.createWorkspace(db());
    await dovecot.addUser(mailbox, `unused-${Math.random()}`);
    idp().signIn({ email: "alice@contoso.test", mailbox });
    return ws;
  }

  /** The workspace comes with one API inbox; an email inbox, its channel or a credential would be new. */
  const nothingCreated = async (accountId: number) => {
    expect((await db().select().from(inboxes).where(eq(inboxes.accountId, accountId))).filter((i) => i.channelType === "email")).toHaveLength(0);
    expect(await db().select().from(channelEmail).where(eq(channelEmail.accountId, accountId))).toHaveLength(0);
    expect(await db().select().from(oauthCredentials).where(eq(oauthCredentials.accountId, accountId))).toHaveLength(0);
  };

  it("creates the inbox, sends the agent's reply through Mailgun with our headers, and the customer's answer threads back", async () => {
    const mailbox = "help@contoso.test";
    const { account, admin, agent } = await workspace(mailbox);
    const { url } = await startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", transport: "imap_api", email: mailbox, name: "Help", emailApi: mailgunSettings() });
    // The key travels to the callback encrypted inside the signed state, never in clear.
    expect(decodeURIComponent(url)).not.toContain(KEY);
    const done = await completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: await consent(url) });

    const [inbox] = await db().select().from(inboxes).where(eq(inboxes.id, done.inboxId));
    const channel = await channelRow(db(), inbox.channelId);
    expect(channel).toMatchObject({ imapEnabled: true, smtpEnabled: false, emailApiProvider: "mailgun", emailApiDomain: "mg.contoso.test", emailApiBaseUrl: mailgun.url });
    expect(channel.emailApiKeyEnc).not.toContain(KEY);
    const summary = await getOAuthInboxSummary(db(), userActor(admin.id), account.id, done.inboxId);
    expect(summary).toMatchObject({ transport: "imap_api", emailApi: { provider: "mailgun", domain: "mg.contoso.test", region: "custom", hasApiKey: true } });
    expect(JSON.stringify(summary)).not.toContain(KEY);
    // The key check sent nothing.
    expect(mailgun.messages).toHaveLength(0);

    await f.addInboxMember(db(), account.id, done.inboxId, agent.id);
    await dovecot.appendMessage(mailbox, "INBOX", rawMail({ from: "Ada <ada@customer.test>", to: mailbox, subject: "Broken invoice", messageId: "first@customer.test", references: "<root@customer.test>" }));
    await expect(pollMailbox(db(), { accountId: account.id, inboxId: done.inboxId })).resolves.toMatchObject({ ok: true, imported: 1 });
    const [conversation] = await db().select().from(conversations).where(eq(conversations.inboxId, done.inboxId));

    const reply = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "We fixed the invoice." });
    await expect(sendEmailDelivery(db(), reply.id)).resolves.toMatchObject({ status: "sent", transport: "mailgun" });
    expect(mailgun.messages).toHaveLength(1);
    const sent = mailgun.messages[0];
    expect(sent.to).toEqual(["ada@customer.test"]);
    const parsed = await simpleParser(sent.mime);
    const [ours] = await db().select().from(messages).where(eq(messages.id, reply.id));
    expect(parsed.messageId).toBe(`<${ours.sourceId}>`);
    expect(parsed.inReplyTo).toBe("<first@customer.test>");
    expect(parsed.references).toEqual(["<root@customer.test>", "<first@customer.test>"]);
    expect(parsed.from?.value[0]?.address).toBe(mailbox);
    expect(parsed.text?.trim()).toContain("We fixed the invoice.");
    expect(ours.status).toBe("sent");

    await dovecot.appendMessage(mailbox, "INBOX", rawMail({ from: "Ada <ada@customer.test>", to: mailbox, subject: "Re: Broken invoice", messageId: "second@customer.test", inReplyTo: `<${ours.sourceId}>`, body: "Thanks, all good now." }));
    await expect(pollMailbox(db(), { accountId: account.id, inboxId: done.inboxId })).resolves.toMatchObject({ ok: true, imported: 1 });
    expect(await db().select().from(conversations).where(eq(conversations.inboxId, done.inboxId))).toHaveLength(1);
    const thread = await db().select().from(messages).where(eq(messages.conversationId, conversation.id));
    expect(thread.map((m) => m.content)).toEqual(expect.arrayContaining([expect.stringContaining("Thanks, all good now.")]));
  });

  it("Reconnect replaces the sign-in and keeps the inbox's Mailgun settings", async () => {
    const { account, admin } = await workspace("again@contoso.test");
    const first = await completeOAuthSignIn(db(), userActor(admin.id), {
      provider: "microsoft",
      callbackParams: await consent((await startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", transport: "imap_api", email: "again@contoso.test", emailApi: mailgunSettings() })).url),
    });
    const [inbox] = await db().select().from(inboxes).where(eq(inboxes.id, first.inboxId));
    const before = await channelRow(db(), inbox.channelId);
    // Reconnect carries no email API settings: it asks for the same (IMAP-only) scopes and keeps them.
    const { url } = await startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", inboxId: first.inboxId });
    expect(new URL(url).searchParams.get("scope")).not.toMatch(/SMTP\.Send/);
    await expect(completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: await consent(url) })).resolves.toMatchObject({ reconnected: true });
    expect(await channelRow(db(), inbox.channelId)).toMatchObject({ emailApiProvider: "mailgun", emailApiDomain: "mg.contoso.test", emailApiKeyEnc: before.emailApiKeyEnc });
  });

  it("refuses a wrong key or an unknown domain before the consent screen, in words", async () => {
    const { account, admin } = await workspace("early@contoso.test");
    const start = (emailApi: ReturnType<typeof mailgunSettings>) => startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", transport: "imap_api", email: "early@contoso.test", emailApi });
    await expect(start(mailgunSettings({ apiKey: "key-wrong" }))).rejects.toThrow("Mailgun refused the API key");
    await expect(start(mailgunSettings({ domain: "mg.elsewhere.test" }))).rejects.toThrow("The domain mg.elsewhere.test is not in this Mailgun account");
    await expect(start({ ...mailgunSettings(), apiKey: "" })).rejects.toThrow("Enter the sending domain and the API key");
  });

  it("a key revoked between Authorize and the callback is refused in words and leaves no inbox", async () => {
    const { account, admin } = await workspace("revoked@contoso.test");
    const { url } = await startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", transport: "imap_api", email: "revoked@contoso.test", emailApi: mailgunSettings() });
    const callbackParams = await consent(url);
    mailgun.setApiKey("key-rotated-in-mailgun");
    try {
      await expect(completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams })).rejects.toThrow("Mailgun refused the API key");
    } finally {
      mailgun.setApiKey(KEY);
    }
    await nothingCreated(account.id);
  });

  it("a delegate without Full Access is refused by the IMAP check before Mailgun is asked, leaving nothing", async () => {
    const { account, admin } = await workspace("locked@contoso.test");
    idp().signIn({ email: "bob@contoso.test", mailbox: "bob@contoso.test" });
    const { url } = await startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", transport: "imap_api", email: "locked@contoso.test", emailApi: mailgunSettings() });
    await expect(completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: await consent(url) })).rejects.toThrow("could not open locked@contoso.test over IMAP");
    await nothingCreated(account.id);
  });
});
