import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { channelEmail, graphSubscriptions, inboxes, jobRuns } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { completeOAuthSignIn } from "@/lib/inboxes/create-oauth-inbox";
import { startOAuthInbox } from "@/lib/inboxes/oauth-start";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { rawMail } from "@/tests/support/email-inbox";
import { consent, useFakeOAuthProvider } from "../oauth/oauth-helpers";
import { inboxMessages, runQueuedGraphJobs, useFakeGraph } from "./graph-helpers";

/**
 * A Graph inbox is subscribed to new mail as soon as the wizard creates it or an admin reconnects
 * it — not at the next renewal cron — and a reconnect catches up on what arrived meanwhile.
 */
const db = useTestDatabase();
const idp = useFakeOAuthProvider({ rotateRefreshTokens: true, idToken: true });
const graph = useFakeGraph(idp);

beforeEach(async () => {
  await db().delete(jobRuns); // job_runs is not scoped by account: each test starts with an empty queue
});

async function authorize(userId: number, accountId: number, draft: { email: string; name: string } | { inboxId: number }) {
  const { url } = await startOAuthInbox(db(), userActor(userId), accountId, { provider: "microsoft", transport: "graph", ...draft });
  return completeOAuthSignIn(db(), userActor(userId), { provider: "microsoft", callbackParams: await consent(url) });
}

async function queuedJobs() {
  return (await db().select().from(jobRuns)).map((r) => ({ functionId: r.functionId, data: r.eventData }));
}

async function newGraphInbox() {
  const { account, admin } = await f.createWorkspace(db());
  const mailbox = `sales-${account.id}@contoso.test`;
  idp().signIn({ email: mailbox });
  const done = await authorize(admin.id, account.id, { email: mailbox, name: "Sales" });
  await runQueuedGraphJobs(db());
  const [remote] = graph().subscriptions().filter((s) => s.mailbox === mailbox);
  return { account, admin, mailbox, inboxId: done.inboxId, remote };
}

async function setHealth(accountId: number, inboxId: number, health: "ok" | "reconnect_needed") {
  const [inbox] = await db().select().from(inboxes).where(and(eq(inboxes.accountId, accountId), eq(inboxes.id, inboxId)));
  await db().update(channelEmail).set({ health, lastError: health === "ok" ? null : "Microsoft refused the saved sign-in" }).where(eq(channelEmail.id, inbox.channelId));
}

describe("subscribing a Graph inbox at once", () => {
  it("the wizard's new Graph inbox queues its subscription, and the first mail then arrives by notification", async () => {
    const { account, admin } = await f.createWorkspace(db());
    idp().signIn({ email: "sales@contoso.test" });
    const done = await authorize(admin.id, account.id, { email: "sales@contoso.test", name: "Sales" });
    expect(await queuedJobs()).toEqual([{ functionId: "graph-subscribe", data: { accountId: account.id, inboxId: done.inboxId } }]);
    expect(graph().subscriptions().filter((s) => s.mailbox === "sales@contoso.test")).toHaveLength(0);

    await runQueuedGraphJobs(db());
    const [remote] = graph().subscriptions().filter((s) => s.mailbox === "sales@contoso.test");
    expect(remote).toMatchObject({ changeType: "created", notificationUrl: "http://127.0.0.1:3999/api/graph/notifications" });
    const [row] = await db().select().from(graphSubscriptions).where(eq(graphSubscriptions.inboxId, done.inboxId));
    expect(row).toMatchObject({ subscriptionId: remote.id, lastError: null });
    expect(row.deltaLink).toBeTruthy(); // the baseline: older mail is not imported

    await graph().deliverMessage("sales@contoso.test", rawMail({ from: "customer@example.test", to: "sales@contoso.test", subject: "Quote please", messageId: "quote-1@example.test" }));
    await runQueuedGraphJobs(db());
    expect((await inboxMessages(db(), account.id, done.inboxId)).map((m) => m.sourceId)).toEqual(["quote-1@example.test"]);
  });

  it("Reconnect renews the subscription Graph still has (same id, later expiry)", async () => {
    const { account, admin, mailbox, inboxId, remote } = await newGraphInbox();
    await db().update(graphSubscriptions).set({ expiresAt: new Date(Date.now() + 3600_000) }).where(eq(graphSubscriptions.inboxId, inboxId));
    idp().signIn({ email: mailbox });
    expect(await authorize(admin.id, account.id, { inboxId })).toMatchObject({ reconnected: true });
    expect(await queuedJobs()).toEqual([{ functionId: "graph-subscribe", data: { accountId: account.id, inboxId } }]);
    await runQueuedGraphJobs(db());
    expect(graph().subscriptions().filter((s) => s.mailbox === mailbox).map((s) => s.id)).toEqual([remote.id]);
    const [row] = await db().select().from(graphSubscriptions).where(eq(graphSubscriptions.inboxId, inboxId));
    expect(row.expiresAt?.getTime()).toBeGreaterThan(Date.now() + 6 * 24 * 3600_000);
  });

  it("Reconnect after Graph removed the subscription while the sign-in was broken: a new one, and the mail of the gap imported", async () => {
    const { account, admin, mailbox, inboxId, remote } = await newGraphInbox();
    // While the inbox waited for a reconnect, Graph dropped the subscription (its subscriptionRemoved
    // could not be acted on) and mail kept arriving without notifications.
    await setHealth(account.id, inboxId, "reconnect_needed");
    graph().removeSubscription(remote.id);
    await graph().deliverMessage(mailbox, rawMail({ from: "customer@example.test", to: mailbox, subject: "While you were away", messageId: "gap-1@example.test" }));
    expect(await inboxMessages(db(), account.id, inboxId)).toHaveLength(0);

    idp().signIn({ email: mailbox });
    await authorize(admin.id, account.id, { inboxId });
    await runQueuedGraphJobs(db());
    const now = graph().subscriptions().filter((s) => s.mailbox === mailbox);
    expect(now).toHaveLength(1);
    expect(now[0].id).not.toBe(remote.id);
    expect((await inboxMessages(db(), account.id, inboxId)).map((m) => m.sourceId)).toEqual(["gap-1@example.test"]);
    const [inbox] = await db().select().from(inboxes).where(eq(inboxes.id, inboxId));
    const [channel] = await db().select().from(channelEmail).where(eq(channelEmail.id, inbox.channelId));
    expect(channel.health).toBe("ok");

    // Later mail comes by notification on the new subscription.
    await graph().deliverMessage(mailbox, rawMail({ from: "customer@example.test", to: mailbox, subject: "Back again", messageId: "gap-2@example.test" }));
    await runQueuedGraphJobs(db());
    expect((await inboxMessages(db(), account.id, inboxId)).map((m) => m.sourceId)).toEqual(["gap-1@example.test", "gap-2@example.test"]);
  });
});
