import { simpleParser } from "mailparser";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { channelEmail, messages } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { pollMailbox } from "@/lib/mailbox/imap/poll-mailbox";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { describeDovecot, startDovecot, type Dovecot } from "@/tests/support/dovecot";
import { rawMail } from "@/tests/support/email-inbox";
import { startSmtpServer } from "@/tests/support/smtp-server";
import { channelRow, createOAuthInbox, expireAccessTokenIn, useFakeOAuthProvider } from "./oauth-helpers";

/**
 * A Microsoft 365 shared mailbox without a licence, through real XOAUTH2: the delegate signs in,
 * and IMAP (Dovecot's oauth2 passdb asking the fake provider's introspection endpoint) and SMTP
 * log in as the shared address with the delegate's token.
 */
const db = useTestDatabase();

describeDovecot("a shared mailbox over IMAP and SMTP with XOAUTH2", () => {
  const idp = useFakeOAuthProvider({ rotateRefreshTokens: true });
  let dovecot: Dovecot;
  beforeAll(async () => {
    dovecot = await startDovecot({ oauth2IntrospectionUrl: idp().introspectionUrl });
  }, 30_000);
  afterAll(async () => {
    await dovecot?.stop();
  });

  async function sharedInbox(mailbox: string, delegate: string, tokensOpen?: string) {
    const { account, admin, agent } = await f.createWorkspace(db());
    // The mailbox exists on the server; the OAuth2 inbox never uses this password.
    await dovecot.addUser(mailbox, `unused-${Math.random()}`);
    const created = await createOAuthInbox(db(), idp(), { accountId: account.id, mailbox, delegate, tokensOpen, imap: { host: dovecot.host, port: dovecot.port } });
    await f.addInboxMember(db(), account.id, created.inbox.id, agent.id);
    return { account, admin, agent, ...created };
  }

  it("polls the shared mailbox as the shared address with the delegate's token, renewing it first when due", async () => {
    const { scope, channel } = await sharedInbox("shared@contoso.test", "agent@contoso.test");
    await dovecot.appendMessage("shared@contoso.test", "INBOX", rawMail({ to: "shared@contoso.test", subject: "Printer on fire", messageId: "fire-1@customer.test" }));

    const first = await pollMailbox(db(), scope);
    expect(first).toMatchObject({ ok: true, imported: 1 });
    const [imported] = await db().select().from(messages).where(eq(messages.sourceId, "fire-1@customer.test"));
    expect(imported.inboxId).toBe(scope.inboxId);

    // The stored token is about to expire: the poll renews it before logging in.
    await expireAccessTokenIn(db(), scope, 60_000);
    await dovecot.appendMessage("shared@contoso.test", "INBOX", rawMail({ to: "shared@contoso.test", subject: "Still on fire", messageId: "fire-2@customer.test" }));
    const refreshes = idp().tokenRequests.refresh_token;
    await expect(pollMailbox(db(), scope)).resolves.toMatchObject({ ok: true, imported: 1 });
    expect(idp().tokenRequests.refresh_token).toBe(refreshes + 1);
    expect((await channelRow(db(), channel.id)).health).toBe("ok");
  });

  it("pauses only the inbox whose sign-in was revoked; another shared mailbox keeps polling", async () => {
    const revoked = await sharedInbox("billing@contoso.test", "leaver@contoso.test");
    const other = await sharedInbox("sales@contoso.test", "stayer@contoso.test");
    await expireAccessTokenIn(db(), revoked.scope, 0);
    await expireAccessTokenIn(db(), other.scope, 0);
    idp().revokeUser("leaver@contoso.test");
    await dovecot.appendMessage("sales@contoso.test", "INBOX", rawMail({ to: "sales@contoso.test", messageId: "sales-1@customer.test" }));

    const failed = await pollMailbox(db(), revoked.scope);
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/^Microsoft refused the saved sign-in \(.+\)\. Reconnect the mailbox\.$/);
    expect(await channelRow(db(), revoked.channel.id)).toMatchObject({ health: "reconnect_needed", lastError: failed.error });

    await expect(pollMailbox(db(), other.scope)).resolves.toMatchObject({ ok: true, imported: 1 });
    expect((await channelRow(db(), other.channel.id)).health).toBe("ok");
  });

  it("sends an agent's reply From the shared address over SMTP XOAUTH2 with the delegate's token", async () => {
    const { account, agent, scope, channel } = await sharedInbox("help@contoso.test", "agent7@contoso.test");
    await expireAccessTokenIn(db(), scope, 0);
    const contact = await f.createContact(db(), account.id, { name: "Ada", email: "ada@customer.test" });
    const conversation = await f.createConversation(db(), account.id, scope.inboxId, { contactId: contact.id });
    // Like Outlook's SMTP, the test server accepts only the newest token the provider issued for the mailbox.
    const accessTokens: Record<string, string> = {};
    Object.defineProperty(accessTokens, "help@contoso.test", { enumerable: true, get: () => idp().latestAccessToken("help@contoso.test") });
    const smtp = await startSmtpServer({ accessTokens });
    try {
      await db()
        .update(channelEmail)
        .set({ smtpEnabled: true, smtpAddress: smtp.host, smtpPort: smtp.port, smtpEnableSslTls: false, smtpEnableStarttlsAuto: false })
        .where(eq(channelEmail.id, channel.id));
      const message = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "We are on it." });
      const refreshes = idp().tokenRequests.refresh_token;
      const outcome = await sendEmailDelivery(db(), message.id);
      // The stored token had expired: it was renewed before the SMTP login.
      expect(idp().tokenRequests.refresh_token).toBe(refreshes + 1);
      expect(outcome).toMatchObject({ status: "sent", transport: "smtp" });
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0].user).toBe("help@contoso.test");
      const parsed = await simpleParser(smtp.messages[0].raw);
      expect(parsed.from?.value[0].address).toBe("help@contoso.test");
    } finally {
      await smtp.stop();
    }
  });

  it("renews the token and sends when SMTP refuses one that had not expired; refused again, says what to check", async () => {
    const { account, agent, scope, channel } = await sharedInbox("returns@contoso.test", "agent8@contoso.test");
    const contact = await f.createContact(db(), account.id, { name: "Ada", email: "ada@customer.test" });
    const conversation = await f.createConversation(db(), account.id, scope.inboxId, { contactId: contact.id });
    let acceptTokens = true;
    const accessTokens: Record<string, string> = {};
    Object.defineProperty(accessTokens, "returns@contoso.test", { enumerable: true, get: () => (acceptTokens ? idp().latestAccessToken("returns@contoso.test") : "none") });
    const smtp = await startSmtpServer({ accessTokens });
    try {
      await db().update(channelEmail).set({ smtpEnabled: true, smtpAddress: smtp.host, smtpPort: smtp.port, smtpEnableSslTls: false, smtpEnableStarttlsAuto: false }).where(eq(channelEmail.id, channel.id));
      idp().revokeAccessTokens("agent8@contoso.test");
      const first = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "Label attached." });
      const refreshes = idp().tokenRequests.refresh_token;
      await expect(sendEmailDelivery(db(), first.id)).resolves.toMatchObject({ status: "sent" });
      expect(idp().tokenRequests.refresh_token).toBe(refreshes + 1);
      expect(smtp.messages).toHaveLength(1);

      // No Send As: the server refuses whatever token the delegate has.
      acceptTokens = false;
      const second = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "Second label." });
      const outcome = await sendEmailDelivery(db(), second.id);
      expect(outcome).toMatchObject({ status: "failed" });
      expect(outcome.status === "failed" && outcome.reason).toMatch(
        /^The mail server refused the OAuth2 login as returns@contoso\.test with a fresh token \(.+\): check that the signed-in account may Send As returns@contoso\.test and that SMTP AUTH is turned on for the mailbox, then reconnect it\.$/,
      );
      expect(smtp.messages).toHaveLength(1);
    } finally {
      await smtp.stop();
    }
  });

  it("fails a send in words, without retrying, when the sign-in was revoked", async () => {
    const { account, agent, scope } = await sharedInbox("refunds@contoso.test", "gone7@contoso.test");
    await db().update(channelEmail).set({ smtpEnabled: true, smtpAddress: "127.0.0.1", smtpPort: 9 }).where(eq(channelEmail.email, "refunds@contoso.test"));
    await expireAccessTokenIn(db(), scope, 0);
    idp().revokeUser("gone7@contoso.test");
    const contact = await f.createContact(db(), account.id, { name: "Ada", email: "ada@customer.test" });
    const conversation = await f.createConversation(db(), account.id, scope.inboxId, { contactId: contact.id });
    const message = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "Refund sent." });
    const outcome = await sendEmailDelivery(db(), message.id);
    expect(outcome).toEqual({ status: "failed", reason: "Microsoft refused the saved sign-in (Token has been expired or revoked.). Reconnect the mailbox." });
  });

  // Refused logins last: Dovecot slows every later login from this address after one (auth penalty).
  it("renews the token and logs in again when IMAP refuses one that had not expired yet", async () => {
    const { scope, channel } = await sharedInbox("orders@contoso.test", "agent3@contoso.test");
    await dovecot.appendMessage("orders@contoso.test", "INBOX", rawMail({ to: "orders@contoso.test", messageId: "order-1@customer.test" }));
    idp().revokeAccessTokens("agent3@contoso.test");
    const refreshes = idp().tokenRequests.refresh_token;
    await expect(pollMailbox(db(), scope)).resolves.toMatchObject({ ok: true, imported: 1 });
    expect(idp().tokenRequests.refresh_token).toBe(refreshes + 1);
    expect((await channelRow(db(), channel.id)).health).toBe("ok");
  });

  it("says what to check when the signed-in account cannot open the shared mailbox", async () => {
    // The delegate's tokens open only their own mailbox: no Full Access on the shared one.
    const { scope, channel } = await sharedInbox("legal@contoso.test", "intern@contoso.test", "intern@contoso.test");
    const result = await pollMailbox(db(), scope);
    expect(result.error).toBe(
      "The IMAP server refused the OAuth2 login as legal@contoso.test with a fresh token: check that the signed-in account has Full Access to legal@contoso.test and that IMAP is turned on for the mailbox, then reconnect it.",
    );
    expect((await channelRow(db(), channel.id)).health).toBe("reconnect_needed");
  });
});
