import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { channelEmail, emailDeliveries } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { encryptSecret } from "@/lib/crypto/secrets";
import { RetryableSendError, sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { retryEmailDelivery } from "@/lib/email/send/retry-email-delivery";
import { updateOAuthEmailApi } from "@/lib/inboxes/oauth-email-api";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { startFakeMailgun, type FakeMailgun } from "@/tests/support/fake-mailgun";
import { createEmailInboxRow, createInboundEmail, deliveryOf } from "../email/send-helpers";
import { channelRow, createOAuthInbox, useFakeOAuthProvider } from "../oauth/oauth-helpers";

/**
 * Sending through Mailgun, seen from the agent's side: a refused key or request fails the message
 * with Mailgun's words; Mailgun being down or throttling is retried and the mail goes out once.
 * And the inbox's sending settings, editable with a write-only key.
 */
const db = useTestDatabase();
const KEY = "key-mailgun-send-test";
const idp = useFakeOAuthProvider();
let mailgun: FakeMailgun;
beforeAll(async () => {
  mailgun = await startFakeMailgun({ apiKey: KEY, domains: ["mg.example.test", "mg2.example.test"] });
});
afterAll(async () => {
  await mailgun?.stop();
});

/** An inbox sending through the fake Mailgun with this key, and an agent's reply waiting to go. */
async function replyWaiting(apiKey = KEY) {
  const { account, agent } = await f.createWorkspace(db());
  // Inbox addresses are unique on the installation: one per call.
  const team = `team-${account.id}@example.test`;
  const { inbox, channel } = await createEmailInboxRow(db(), account.id, { email: team, memberIds: [agent.id] });
  await db()
    .update(channelEmail)
    .set({ emailApiProvider: "mailgun", emailApiDomain: "mg.example.test", emailApiBaseUrl: mailgun.url, emailApiKeyEnc: encryptSecret(apiKey) })
    .where(eq(channelEmail.id, channel.id));
  const contact = await f.createContact(db(), account.id, { email: "lee@customer.test" });
  const conversation = await f.createConversation(db(), account.id, inbox.id, { contactId: contact.id });
  await createInboundEmail(db(), conversation, { messageId: "q1@customer.test", subject: "Question", from: "lee@customer.test", to: [team] });
  const message = await createMessage(db(), userActor(agent.id), account.id, conversation.displayId, { content: "Answer.", contentAttributes: { bcc_emails: "boss@example.test" } });
  return { account, agent, message };
}

const sentTo = (messageId: string) => mailgun.messages.filter((m) => m.mime.includes(Buffer.from(messageId)));

describe("sending through Mailgun", () => {
  it("a wrong key fails the message with the reason and sends nothing", async () => {
    const { message } = await replyWaiting("key-wrong");
    const before = mailgun.messages.length;
    await expect(sendEmailDelivery(db(), message.id)).resolves.toMatchObject({ status: "failed" });
    const { message: row, delivery } = await deliveryOf(db(), message.id);
    expect(row.status).toBe("failed");
    expect(row.contentAttributes.external_error).toMatch(/^Mailgun refused the API key \(401 Forbidden\)/);
    expect(delivery).toMatchObject({ status: "failed", transport: "mailgun", attempts: 1 });
    expect(mailgun.messages).toHaveLength(before);
  });

  it("a request Mailgun refuses fails with Mailgun's own message", async () => {
    const { message } = await replyWaiting();
    mailgun.failSends({ status: 400, body: { message: "Sandbox subdomains are for test purposes only" }, times: 1 });
    await expect(sendEmailDelivery(db(), message.id)).resolves.toMatchObject({ status: "failed" });
    const { message: row } = await deliveryOf(db(), message.id);
    expect(row.contentAttributes.external_error).toBe("Mailgun refused the message (400 Sandbox subdomains are for test purposes only)");
  });

  it("Mailgun down (500) or throttling (429) is retried, and the mail goes out once, Bcc on the envelope only", async () => {
    const { message } = await replyWaiting();
    mailgun.failSends({ status: 500, body: { message: "Internal Server Error" }, times: 1 });
    mailgun.failSends({ status: 429, body: "Too Many Requests", times: 1 });
    await expect(sendEmailDelivery(db(), message.id)).rejects.toThrow(RetryableSendError);
    expect((await deliveryOf(db(), message.id)).delivery).toMatchObject({ status: "queued", lastError: "Mailgun asked to try again later (500 Internal Server Error)" });
    await expect(sendEmailDelivery(db(), message.id)).rejects.toThrow("Mailgun asked to try again later (429 Too Many Requests)");
    const outcome = await sendEmailDelivery(db(), message.id);
    expect(outcome).toMatchObject({ status: "sent", transport: "mailgun" });
    // A duplicate run (the event delivered twice) finds nothing to claim.
    await expect(sendEmailDelivery(db(), message.id)).resolves.toMatchObject({ status: "skipped", reason: "already_sent" });

    const { message: row, delivery } = await deliveryOf(db(), message.id);
    expect(row.status).toBe("sent");
    const sent = sentTo(row.sourceId ?? "-");
    expect(sent).toHaveLength(1);
    expect(delivery.providerMessageId).toBe(sent[0].id);
    expect(delivery.providerResponse).toContain("Queued. Thank you.");
    expect(sent[0].to.sort()).toEqual(["boss@example.test", "lee@customer.test"]);
    expect(sent[0].mime.toString()).not.toMatch(/^Bcc:/im);
    // The same bytes every attempt: what Mailgun got is what was stored.
    expect(sent[0].mime.equals(delivery.raw ?? Buffer.alloc(0))).toBe(true);
  });

  it("a failed send retried by the agent after the key is fixed goes out", async () => {
    const { account, agent, message } = await replyWaiting("key-wrong");
    await sendEmailDelivery(db(), message.id);
    const [delivery] = await db().select().from(emailDeliveries).where(eq(emailDeliveries.messageId, message.id));
    await db().update(channelEmail).set({ emailApiKeyEnc: encryptSecret(KEY) }).where(eq(channelEmail.accountId, account.id));
    await retryEmailDelivery(db(), userActor(agent.id), account.id, delivery.messageId);
    await expect(sendEmailDelivery(db(), message.id)).resolves.toMatchObject({ status: "sent", transport: "mailgun" });
  });
});

describe("the inbox's email API settings", () => {
  it("are saved after Mailgun accepts them; a blank key keeps the stored one; a refused key changes nothing", async () => {
    const { account, admin, agent } = await f.createWorkspace(db());
    const { inbox, channel } = await createOAuthInbox(db(), idp(), { accountId: account.id, transport: "imap_api", mailbox: "ops@contoso.test" });
    const update = (params: Parameters<typeof updateOAuthEmailApi>[4], userId = admin.id) => updateOAuthEmailApi(db(), userActor(userId), account.id, inbox.id, params);

    await expect(update({ domain: "mg.example.test", region: "custom", baseUrl: mailgun.url })).rejects.toThrow("Enter the API key");
    await expect(update({ domain: "mg.example.test", region: "custom", baseUrl: mailgun.url, apiKey: KEY }, agent.id)).rejects.toMatchObject({ code: "forbidden" });
    await expect(update({ domain: "mg.example.test", region: "custom", baseUrl: mailgun.url, apiKey: KEY })).resolves.toEqual({
      provider: "mailgun",
      domain: "mg.example.test",
      baseUrl: mailgun.url,
      region: "custom",
      hasApiKey: true,
    });
    const stored = (await channelRow(db(), channel.id)).emailApiKeyEnc;

    await expect(update({ domain: "MG2.example.test", region: "custom", baseUrl: `${mailgun.url}/`, apiKey: "" })).resolves.toMatchObject({ domain: "mg2.example.test", baseUrl: mailgun.url });
    expect((await channelRow(db(), channel.id)).emailApiKeyEnc).toBe(stored);

    // The stored key goes only to the base URL it was entered for.
    const elsewhere = await startFakeMailgun({ apiKey: "attacker", domains: ["mg.example.test"] });
    try {
      await expect(update({ domain: "mg.example.test", region: "custom", baseUrl: elsewhere.url, apiKey: "" })).rejects.toThrow("Re-enter the API key: the API's base URL changed");
      expect(elsewhere.requests).toEqual([]);
    } finally {
      await elsewhere.stop();
    }

    await expect(update({ domain: "mg.example.test", region: "custom", baseUrl: mailgun.url, apiKey: "key-typo" })).rejects.toThrow("Mailgun refused the API key");
    await expect(update({ domain: "nope.example.test", region: "custom", baseUrl: mailgun.url })).rejects.toThrow("The domain nope.example.test is not in this Mailgun account");
    await expect(update({ domain: "mg.example.test", region: "custom", baseUrl: "http://mailgun.example.test" })).rejects.toThrow("must start with https://");
    expect(await channelRow(db(), channel.id)).toMatchObject({ emailApiDomain: "mg2.example.test", emailApiKeyEnc: stored });
  });

  it("are refused for an inbox that does not send through an email API", async () => {
    const { account, admin } = await f.createWorkspace(db());
    const { inbox } = await createOAuthInbox(db(), idp(), { accountId: account.id, transport: "imap_smtp", mailbox: "smtp@contoso.test" });
    await expect(updateOAuthEmailApi(db(), userActor(admin.id), account.id, inbox.id, { domain: "mg.example.test", region: "us", apiKey: KEY })).rejects.toThrow(
      "This inbox does not send through an email API.",
    );
  });
});
