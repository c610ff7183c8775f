import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { simpleParser } from "mailparser";
import { beforeEach, describe, expect, it } from "vitest";
import { conversations, emailDeliveries, graphSubscriptions, jobRuns } from "@/db/schema";
import { POST } from "@/app/api/graph/notifications/route";
import { reconcileGraphMailboxes, renewGraphSubscriptions } from "@/inngest/functions/graph/graph-crons";
import { userActor } from "@/lib/auth/actor";
import { decryptSecret } from "@/lib/crypto/secrets";
import { RetryableSendError, sendEmailDelivery } from "@/lib/email/send/send-email-delivery";
import { syncGraphDelta } from "@/lib/mailbox/graph/delta";
import { createGraphSubscription, deleteGraphSubscription, renewGraphSubscription } from "@/lib/mailbox/graph/subscriptions";
import { createMessage } from "@/lib/messages/create-message";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { rawMail } from "@/tests/support/email-inbox";
import { channelRow, createOAuthInbox, useFakeOAuthProvider } from "../oauth/oauth-helpers";
import { graphRawEmails, inboxMessages, runQueuedGraphJobs, useFakeGraph } from "./graph-helpers";

/** Microsoft Graph transport against a local Graph speaking its wire format, with the real Graph client. */
const db = useTestDatabase();
const idp = useFakeOAuthProvider({ rotateRefreshTokens: true });
const graph = useFakeGraph(idp);

beforeEach(async () => {
  await db().delete(jobRuns); // job_runs is not scoped by account: each test starts with an empty queue
});

async function graphInbox() {
  const { account, agent } = await f.createWorkspace(db());
  const mailbox = `support-${account.id}@contoso.test`;
  const created = await createOAuthInbox(db(), idp(), { accountId: account.id, mailbox, transport: "graph" });
  await f.addInboxMember(db(), account.id, created.inbox.id, agent.id);
  const subscription = await createGraphSubscription(db(), created.scope);
  return { account, agent, mailbox, subscription, ...created };
}

async function subscriptionRow(inboxId: number) {
  const [row] = await db().select().from(graphSubscriptions).where(eq(graphSubscriptions.inboxId, inboxId));
  return row;
}

describe("Graph notifications", () => {
  it("echoes Graph's validation token as text/plain", async () => {
    const token = "Validation: Testing client application reachability for subscription Request-Id: 42";
    const response = await POST(new Request(`http://127.0.0.1:3999/api/graph/notifications?validationToken=${encodeURIComponent(token)}`, { method: "POST" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe(token);
  });

  it("subscribes the mailbox's inbox folder with an encrypted per-subscription clientState (Graph validated the URL first)", async () => {
    const { mailbox, subscription, inbox } = await graphInbox();
    const remote = graph().subscriptions().find((s) => s.id === subscription.subscriptionId);
    expect(remote).toMatchObject({ mailbox, changeType: "created", notificationUrl: "http://127.0.0.1:3999/api/graph/notifications" });
    expect(remote?.resource).toBe(`/users/${encodeURIComponent(mailbox)}/mailFolders('inbox')/messages`);
    const row = await subscriptionRow(inbox.id);
    expect(row.clientStateEnc).not.toContain(remote?.clientState);
    expect(decryptSecret(row.clientStateEnc ?? "")).toBe(remote?.clientState);
    expect(row.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    expect(row.deltaLink).toContain("$deltatoken=");
  });

  it("turns a notification into a conversation message, answering 202 before the message is fetched", async () => {
    const { mailbox, account, inbox } = await graphInbox();
    const { responses } = await graph().deliverMessage(mailbox, rawMail({ to: mailbox, subject: "Printer on fire", body: "It is smoking.", messageId: "fire-1@customer.test" }));
    expect(responses.map((r) => r.status)).toEqual([202]);
    expect(await inboxMessages(db(), account.id, inbox.id)).toHaveLength(0);

    await runQueuedGraphJobs(db());
    const stored = await inboxMessages(db(), account.id, inbox.id);
    expect(stored).toMatchObject([{ sourceId: "fire-1@customer.test", messageType: "incoming" }]);
    expect(stored[0].content).toContain("It is smoking.");
    expect(await graphRawEmails(db(), inbox.id)).toMatchObject([{ status: "imported" }]);
  });

  it("ignores a notification whose clientState does not match (nothing is fetched or stored)", async () => {
    const { mailbox, account, inbox, subscription } = await graphInbox();
    const { id } = await graph().deliverMessage(mailbox, rawMail({ to: mailbox, messageId: "forged@customer.test" }), { notify: false });
    const response = await graph().notify(subscription.subscriptionId, id, { clientState: "guessed-secret" });
    expect(response.status).toBe(202);
    expect(await db().select().from(jobRuns)).toHaveLength(0);
    expect(await inboxMessages(db(), account.id, inbox.id)).toHaveLength(0);
  });

  it("answers 202 to a body it does not understand, and queues nothing", async () => {
    const response = await POST(new Request("http://127.0.0.1:3999/api/graph/notifications", { method: "POST", body: "not json" }));
    expect(response.status).toBe(202);
    expect(await db().select().from(jobRuns)).toHaveLength(0);
  });

  it("stores one message when Graph notifies the same message three times", async () => {
    const { mailbox, account, inbox, subscription } = await graphInbox();
    const { id } = await graph().deliverMessage(mailbox, rawMail({ to: mailbox, messageId: "twice@customer.test" }));
    await graph().notify(subscription.subscriptionId, id);
    await graph().notify(subscription.subscriptionId, id);
    const results = await runQueuedGraphJobs(db());
    expect(results).toHaveLength(3);
    expect(results.map((r) => (r as { status: string }).status).sort()).toEqual(["duplicate", "duplicate", "imported"]);
    expect(await inboxMessages(db(), account.id, inbox.id)).toHaveLength(1);
  });
});

describe("Graph subscription lifecycle", () => {
  it("renews subscriptions that expire within a day from the cron, and leaves the others", async () => {
    const due = await graphInbox();
    const fresh = await graphInbox();
    const soon = new Date(Date.now() + 3600_000);
    await db().update(graphSubscriptions).set({ expiresAt: soon }).where(eq(graphSubscriptions.inboxId, due.inbox.id));
    const freshBefore = (await subscriptionRow(fresh.inbox.id)).expiresAt;

    const { result, error } = await new InngestTestEngine({ function: renewGraphSubscriptions }).execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(error).toBeUndefined();
    expect(result).toMatchObject({ failed: 0 });
    const renewed = await subscriptionRow(due.inbox.id);
    expect(renewed.subscriptionId).toBe(due.subscription.subscriptionId);
    expect(renewed.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
    const remote = graph().subscriptions().find((s) => s.id === due.subscription.subscriptionId);
    expect(Date.parse(remote?.expirationDateTime ?? "")).toBe(renewed.expiresAt?.getTime());
    expect((await subscriptionRow(fresh.inbox.id)).expiresAt).toEqual(freshBefore);
  });

  it("subscribes a Graph inbox that has no subscription yet from the renewal cron", async () => {
    const { account } = await f.createWorkspace(db());
    const mailbox = `new-${account.id}@contoso.test`;
    const { inbox } = await createOAuthInbox(db(), idp(), { accountId: account.id, mailbox, transport: "graph" });
    expect(await subscriptionRow(inbox.id)).toBeUndefined();
    // Years of mail already in the mailbox: not imported by the reconciler, nor when it subscribes.
    await graph().deliverMessage(mailbox, rawMail({ to: mailbox, messageId: "old-1@customer.test" }), { notify: false });
    await graph().deliverMessage(mailbox, rawMail({ to: mailbox, messageId: "old-2@customer.test" }), { notify: false });
    const timer = { events: [{ name: "inngest/scheduled.timer", data: {} }] as [{ name: string; data: Record<string, never> }] };
    expect((await new InngestTestEngine({ function: reconcileGraphMailboxes }).execute(timer)).error).toBeUndefined();
    expect(await subscriptionRow(inbox.id)).toBeUndefined();
    const { error } = await new InngestTestEngine({ function: renewGraphSubscriptions }).execute(timer);
    expect(error).toBeUndefined();
    const row = await subscriptionRow(inbox.id);
    expect(graph().subscriptions().find((s) => s.id === row.subscriptionId)?.mailbox).toBe(mailbox);
    expect(await inboxMessages(db(), account.id, inbox.id)).toHaveLength(0);
    // From now on the reconciler brings in what notifications miss.
    await graph().deliverMessage(mailbox, rawMail({ to: mailbox, messageId: "new-1@customer.test" }), { notify: false });
    expect((await new InngestTestEngine({ function: reconcileGraphMailboxes }).execute(timer)).error).toBeUndefined();
    expect((await inboxMessages(db(), account.id, inbox.id)).map((m) => m.sourceId)).toEqual(["new-1@customer.test"]);
  });

  it("shows a failing renewal on the inbox's health in words, and ok again after a delta run reaches Graph", async () => {
    const { inbox, channel } = await graphInbox();
    graph().failNext(/^\/subscriptions\//, 403, "ExtensionError", "Operation: Update; Exception: [Status Code: Forbidden]");
    await expect(renewGraphSubscription(db(), { accountId: inbox.accountId, inboxId: inbox.id })).rejects.toBeTruthy();
    const failing = await channelRow(db(), channel.id);
    expect(failing.health).toBe("error");
    expect(failing.lastError).toContain("renew the new-mail subscription");
    expect(failing.lastError).toContain("HTTP 403");

    await syncGraphDelta(db(), { accountId: inbox.accountId, inboxId: inbox.id });
    const healthy = await channelRow(db(), channel.id);
    expect(healthy.health).toBe("ok");
    expect(healthy.lastSuccessfulPollAt?.getTime()).toBeGreaterThan(Date.now() - 10_000);
  });

  it("renews on reauthorizationRequired and recreates on subscriptionRemoved", async () => {
    const { inbox, subscription } = await graphInbox();
    await db().update(graphSubscriptions).set({ expiresAt: new Date(Date.now() + 600_000) }).where(eq(graphSubscriptions.inboxId, inbox.id));
    expect((await graph().lifecycle(subscription.subscriptionId, "reauthorizationRequired")).status).toBe(202);
    expect(await runQueuedGraphJobs(db())).toEqual([{ action: "renewed", imported: 0 }]);
    expect((await subscriptionRow(inbox.id)).expiresAt?.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);

    await graph().lifecycle(subscription.subscriptionId, "subscriptionRemoved");
    graph().removeSubscription(subscription.subscriptionId);
    expect(await runQueuedGraphJobs(db())).toEqual([{ action: "recreated", imported: 0 }]);
    const row = await subscriptionRow(inbox.id);
    expect(row.subscriptionId).not.toBe(subscription.subscriptionId);
    expect(graph().subscriptions().map((s) => s.id)).toContain(row.subscriptionId);
  });

  it("deletes the subscription at Graph and forgets it; later notifications for it are ignored", async () => {
    const { inbox, subscription, account } = await graphInbox();
    expect(await deleteGraphSubscription(db(), { accountId: account.id, inboxId: inbox.id })).toEqual({ deleted: true });
    expect(graph().subscriptions().map((s) => s.id)).not.toContain(subscription.subscriptionId);
    expect(await subscriptionRow(inbox.id)).toBeUndefined();
    const response = await POST(
      new Request("http://127.0.0.1:3999/api/graph/notifications", {
        method: "POST",
        body: JSON.stringify({ value: [{ subscriptionId: subscription.subscriptionId, clientState: "whatever", changeType: "created", resourceData: { id: "AAMkX" } }] }),
      }),
    );
    expect(response.status).toBe(202);
    expect(await db().select().from(jobRuns)).toHaveLength(0);
  });

  it("catches up with the delta query after `missed`: every lost message arrives once, over several pages", async () => {
    const { mailbox, account, inbox, subscription } = await graphInbox();
    const notified = await graph().deliverMessage(mailbox, rawMail({ to: mailbox, messageId: "seen@customer.test" }));
    expect(notified.responses).toHaveLength(1);
    await runQueuedGraphJobs(db());
    for (const n of [1, 2, 3]) await graph().deliverMessage(mailbox, rawMail({ to: mailbox, messageId: `lost-${n}@customer.test`, subject: `Lost ${n}` }), { notify: false });

    await graph().lifecycle(subscription.subscriptionId, "missed");
    const [outcome] = (await runQueuedGraphJobs(db())) as { action: string; imported: number }[];
    expect(outcome).toEqual({ action: "delta", imported: 3 });
    const ids = (await inboxMessages(db(), account.id, inbox.id)).map((m) => m.sourceId).sort();
    expect(ids).toEqual(["lost-1@customer.test", "lost-2@customer.test", "lost-3@customer.test", "seen@customer.test"]);
    const deltaRequests = graph().requests.filter((r) => r.path.includes("/delta"));
    expect(deltaRequests.some((r) => r.path.includes("$skiptoken"))).toBe(true);

    // The reconciler cron afterwards finds nothing new.
    await graph().deliverMessage(mailbox, rawMail({ to: mailbox, messageId: "later@customer.test" }), { notify: false });
    const { error } = await new InngestTestEngine({ function: reconcileGraphMailboxes }).execute({ events: [{ name: "inngest/scheduled.timer", data: {} }] });
    expect(error).toBeUndefined();
    expect(await inboxMessages(db(), account.id, inbox.id)).toHaveLength(5);
  });
});

describe("sending through Graph", () => {
  async function conversationWithReply(contentAttributes: Record<string, unknown> = {}) {
    const s = await graphInbox();
    await graph().deliverMessage(s.mailbox, rawMail({ from: "Ada <ada@customer.test>", to: s.mailbox, subject: "Printer on fire", messageId: "ada-1@customer.test" }));
    await runQueuedGraphJobs(db());
    const [first] = await inboxMessages(db(), s.account.id, s.inbox.id);
    const [conversation] = await db().select().from(conversations).where(eq(conversations.id, first.conversationId));
    const reply = await createMessage(db(), userActor(s.agent.id), s.account.id, conversation.displayId, { content: "Hello Ada, we are on it.", contentAttributes });
    return { ...s, first, conversation, reply };
  }

  it("sends our MIME with sendMail, keeps our Message-ID, and the customer's reply threads back", async () => {
    const { mailbox, account, inbox, first, reply } = await conversationWithReply();
    const outcome = await sendEmailDelivery(db(), reply.id);
    expect(outcome).toMatchObject({ status: "sent", transport: "graph" });
    const [delivery] = await db().select().from(emailDeliveries).where(eq(emailDeliveries.messageId, reply.id));
    expect(delivery).toMatchObject({ status: "sent", transport: "graph", providerMessageId: null });
    expect(graph().sent).toHaveLength(1);
    expect(graph().sent[0].mailbox).toBe(mailbox);
    const parsed = await simpleParser(graph().sent[0].raw);
    expect(parsed.messageId).toBe(`<${delivery.internetMessageId}>`);
    expect(parsed.inReplyTo).toBe("<ada-1@customer.test>");
    expect(parsed.text).toContain("we are on it");

    await graph().deliverMessage(mailbox, rawMail({ from: "Ada <ada@customer.test>", to: mailbox, subject: "RE: Printer on fire", messageId: "ada-2@customer.test", inReplyTo: `<${delivery.internetMessageId}>`, references: `<ada-1@customer.test> <${delivery.internetMessageId}>` }));
    await runQueuedGraphJobs(db());
    const all = await inboxMessages(db(), account.id, inbox.id);
    expect(all.find((m) => m.sourceId === "ada-2@customer.test")?.conversationId).toBe(first.conversationId);
  });

  it("renews a token Graph refuses before its expiry once, then sends", async () => {
    const { reply, mailbox } = await conversationWithReply();
    idp().revokeAccessTokens(mailbox);
    const before = idp().tokenRequests.refresh_token;
    const outcome = await sendEmailDelivery(db(), reply.id);
    expect(outcome).toMatchObject({ status: "sent", transport: "graph" });
    expect(idp().tokenRequests.refresh_token).toBe(before + 1);
    expect(graph().requests.filter((r) => r.path.includes("sendMail")).map((r) => r.status).slice(-2)).toEqual([401, 202]);
  });

  it("fails the message asking for a reconnect when Graph refuses the renewed token too", async () => {
    const { reply } = await conversationWithReply();
    const sentBefore = graph().sent.length;
    graph().failNext(/sendMail$/, 401, "InvalidAuthenticationToken", "Access token validation failure.", 2);
    expect(await sendEmailDelivery(db(), reply.id)).toMatchObject({ status: "failed", reason: expect.stringContaining("reconnect the mailbox") });
    expect(graph().requests.filter((r) => r.path.includes("sendMail")).map((r) => r.status).slice(-2)).toEqual([401, 401]);
    expect(graph().sent).toHaveLength(sentBefore);
  });

  it("fails the message in words when Graph refuses the send (403)", async () => {
    const { reply, mailbox } = await conversationWithReply();
    graph().failNext(/sendMail$/, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    const outcome = await sendEmailDelivery(db(), reply.id);
    expect(outcome).toMatchObject({ status: "failed" });
    const [delivery] = await db().select().from(emailDeliveries).where(eq(emailDeliveries.messageId, reply.id));
    expect(delivery.status).toBe("failed");
    expect(delivery.lastError).toContain("HTTP 403");
    expect(delivery.lastError).toContain("ErrorAccessDenied");
    expect(delivery.lastError).toContain(mailbox);
  });

  it("gives Graph the Bcc recipients without storing them in the message's MIME", async () => {
    const { reply } = await conversationWithReply({ bcc_emails: ["boss@customer.test"] });
    expect(await sendEmailDelivery(db(), reply.id)).toMatchObject({ status: "sent", transport: "graph" });
    const [delivery] = await db().select().from(emailDeliveries).where(eq(emailDeliveries.messageId, reply.id));
    expect(delivery.raw?.toString("utf8")).not.toContain("boss@customer.test");
    const parsed = await simpleParser(graph().sent.at(-1)?.raw ?? Buffer.alloc(0));
    expect(parsed.bcc && !Array.isArray(parsed.bcc) ? parsed.bcc.value.map((a) => a.address) : []).toEqual(["boss@customer.test"]);
  });

  it("keeps the reply queued for another try when Graph is throttling or down (429, 503)", async () => {
    const { reply } = await conversationWithReply();
    graph().failNext(/sendMail$/, 503, "ServiceUnavailable", "Service Unavailable");
    await expect(sendEmailDelivery(db(), reply.id)).rejects.toBeInstanceOf(RetryableSendError);
    const [queued] = await db().select().from(emailDeliveries).where(eq(emailDeliveries.messageId, reply.id));
    expect(queued.status).toBe("queued");
    expect(queued.lastError).toContain("HTTP 503");
    expect(await sendEmailDelivery(db(), reply.id)).toMatchObject({ status: "sent", transport: "graph" });
  });
});
