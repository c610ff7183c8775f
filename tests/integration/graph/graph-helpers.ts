import { InngestTestEngine } from "@inngest/test";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/db/client";
import { jobRuns, messages, rawEmails } from "@/db/schema";
import { POST } from "@/app/api/graph/notifications/route";
import { handleGraphLifecycleFunction, ingestGraphMessage, subscribeGraphInbox } from "@/inngest/functions/graph/graph-notifications";
import { setEnvVar } from "@/lib/env";
import { startFakeGraph, type FakeGraph } from "@/tests/support/fake-graph";
import type { FakeOAuthProvider } from "@/tests/support/fake-oauth-provider";

/**
 * The fake Graph for the calling test file, posting notifications to the real route handler and
 * accepting the access tokens the fake identity provider has issued and not revoked.
 */
export function useFakeGraph(idp: () => FakeOAuthProvider): () => FakeGraph {
  let graph: FakeGraph | undefined;
  beforeAll(async () => {
    graph = await startFakeGraph({
      deliver: (request) => POST(request),
      // Valid when issued and not revoked; a mailbox opens only for a token issued for it (Full Access).
      acceptToken: (token, mailbox) => (!idp().issuedAccessTokens().includes(token) ? false : mailbox && idp().latestAccessToken(mailbox.toLowerCase()) === undefined ? "forbidden" : true),
      missingMailboxes: ["nobody@contoso.test"],
    });
    setEnvVar("GRAPH_BASE_URL", graph.baseUrl);
  });
  afterAll(async () => {
    await graph?.stop();
  });
  return () => {
    if (!graph) throw new Error("the fake Graph is not running");
    return graph;
  };
}

const functionsById = { "graph-ingest-message": ingestGraphMessage, "graph-lifecycle": handleGraphLifecycleFunction, "graph-subscribe": subscribeGraphInbox } as const;

/**
 * Runs the queued Graph jobs the route enqueued (what the embedded runner or Inngest would do),
 * each through @inngest/test with its real step code, and removes them from the queue.
 */
export async function runQueuedGraphJobs(db: Db): Promise<unknown[]> {
  const runs = await db.select().from(jobRuns).where(sql`${jobRuns.functionId} like 'graph-%'`).orderBy(jobRuns.id);
  const results: unknown[] = [];
  for (const run of runs) {
    const fn = functionsById[run.functionId as keyof typeof functionsById];
    if (!fn) continue;
    const { result, error } = await new InngestTestEngine({ function: fn }).execute({ events: [{ name: run.eventName, data: run.eventData }] });
    if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error));
    results.push(result);
    await db.delete(jobRuns).where(eq(jobRuns.id, run.id));
  }
  return results;
}

export async function inboxMessages(db: Db, accountId: number, inboxId: number) {
  return db
    .select({ id: messages.id, sourceId: messages.sourceId, content: messages.content, conversationId: messages.conversationId, messageType: messages.messageType })
    .from(messages)
    .where(and(eq(messages.accountId, accountId), eq(messages.inboxId, inboxId)))
    .orderBy(messages.id);
}

export async function graphRawEmails(db: Db, inboxId: number) {
  return db.select().from(rawEmails).where(and(eq(rawEmails.inboxId, inboxId), eq(rawEmails.source, "graph")));
}
