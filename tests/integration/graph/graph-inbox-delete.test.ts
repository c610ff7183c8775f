import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { graphSubscriptions, inboxes, jobRuns, messages, oauthCredentials } from "@/db/schema";
import { userActor } from "@/lib/auth/actor";
import { completeOAuthSignIn } from "@/lib/inboxes/create-oauth-inbox";
import { deleteInbox } from "@/lib/inboxes/delete-inbox";
import { startOAuthInbox } from "@/lib/inboxes/oauth-start";
import * as f from "@/tests/factories";
import { useTestDatabase } from "@/tests/support/db";
import { rawMail } from "@/tests/support/email-inbox";
import { consent, useFakeOAuthProvider } from "../oauth/oauth-helpers";
import { inboxMessages, runQueuedGraphJobs, useFakeGraph } from "./graph-helpers";

/**
 * Deleting a Graph inbox stops Graph's notifications: the subscription is deleted at Graph
 * (best effort — Graph refusing it never keeps the inbox).
 */
const db = useTestDatabase();
const idp = useFakeOAuthProvider({ rotateRefreshTokens: true, idToken: true });
const graph = useFakeGraph(idp);

beforeEach(async () => {
  await db().delete(jobRuns); // job_runs is not scoped by account: each test starts with an empty queue
});

/** A Graph inbox through the wizard, subscribed, with one conversation from a notified mail. */
async function subscribedGraphInbox() {
  const { account, admin } = await f.createWorkspace(db());
  const mailbox = `sales-${account.id}@contoso.test`;
  idp().signIn({ email: mailbox });
  const { url } = await startOAuthInbox(db(), userActor(admin.id), account.id, { provider: "microsoft", transport: "graph", email: mailbox, name: "Sales" });
  const { inboxId } = await completeOAuthSignIn(db(), userActor(admin.id), { provider: "microsoft", callbackParams: await consent(url) });
  await runQueuedGraphJobs(db());
  await graph().deliverMessage(mailbox, rawMail({ from: "customer@example.test", to: mailbox, subject: "Quote please" }));
  await runQueuedGraphJobs(db());
  expect(await inboxMessages(db(), account.id, inboxId)).toHaveLength(1);
  const [remote] = graph().subscriptions().filter((s) => s.mailbox === mailbox);
  expect(remote).toBeDefined();
  return { account, admin, mailbox, inboxId, remote };
}

const deleteRequests = (id: string) => graph().requests.filter((r) => r.method === "DELETE" && r.path.endsWith(`/subscriptions/${id}`));

describe("deleting a Graph inbox", () => {
  it("deletes the subscription at Graph, then the inbox; mail Graph still announces goes nowhere", async () => {
    const s = await subscribedGraphInbox();
    const result = await deleteInbox(db(), userActor(s.admin.id), s.account.id, s.inboxId);
    expect(result).toEqual({ id: s.inboxId, name: "Sales", deletedConversations: 1 });

    expect(deleteRequests(s.remote.id).map((r) => r.status)).toEqual([204]);
    expect(graph().subscriptions().filter((x) => x.mailbox === s.mailbox)).toEqual([]);
    expect(await db().select().from(inboxes).where(eq(inboxes.id, s.inboxId))).toEqual([]);
    expect(await db().select().from(graphSubscriptions).where(eq(graphSubscriptions.inboxId, s.inboxId))).toEqual([]);
    expect(await db().select().from(oauthCredentials).where(eq(oauthCredentials.inboxId, s.inboxId))).toEqual([]);
    expect(await db().select().from(messages).where(eq(messages.inboxId, s.inboxId))).toEqual([]);

    // New mail in that mailbox: Graph has no subscription to notify, so nothing is queued or stored.
    await graph().deliverMessage(s.mailbox, rawMail({ from: "customer@example.test", to: s.mailbox, subject: "Still there?" }));
    expect(await db().select().from(jobRuns)).toEqual([]);
  });

  it("Graph refusing the DELETE is logged and the inbox is deleted anyway", async () => {
    const s = await subscribedGraphInbox();
    graph().failNext(/\/subscriptions\//, 503, "ServiceUnavailable", "Service is temporarily unavailable", 10);

    const result = await deleteInbox(db(), userActor(s.admin.id), s.account.id, s.inboxId);
    expect(result.deletedConversations).toBe(1);
    expect(deleteRequests(s.remote.id).length).toBeGreaterThan(0);
    expect(deleteRequests(s.remote.id).every((r) => r.status === 503)).toBe(true);
    expect(await db().select().from(inboxes).where(eq(inboxes.id, s.inboxId))).toEqual([]);
    expect(await db().select().from(graphSubscriptions).where(eq(graphSubscriptions.inboxId, s.inboxId))).toEqual([]);
    // Graph still has it until it expires; what it posts now is for an unknown subscription and ignored.
    const responses = await graph().notify(s.remote.id, "AAMkAD-gone");
    expect(responses.status).toBe(202);
    expect(await db().select().from(jobRuns)).toEqual([]);
  });
});
