import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { graphSubscriptions, type GraphSubscription } from "@/db/schema";
import type { GraphScope } from "./client";

export async function findGraphSubscription(db: DbOrTx, scope: GraphScope): Promise<GraphSubscription | undefined> {
  const [row] = await db
    .select()
    .from(graphSubscriptions)
    .where(and(eq(graphSubscriptions.accountId, scope.accountId), eq(graphSubscriptions.inboxId, scope.inboxId)));
  return row;
}

/** The inbox's receive state row, created empty on first use. */
export async function graphSubscriptionRow(db: DbOrTx, scope: GraphScope, mailboxAddress: string): Promise<GraphSubscription> {
  const existing = await findGraphSubscription(db, scope);
  if (existing) return existing;
  const [created] = await db
    .insert(graphSubscriptions)
    .values({ accountId: scope.accountId, inboxId: scope.inboxId, mailboxAddress })
    .onConflictDoNothing()
    .returning();
  return created ?? (await findGraphSubscription(db, scope)) ?? Promise.reject(new Error("graph subscription row vanished"));
}

export async function updateGraphSubscription(db: DbOrTx, id: number, values: Partial<Omit<GraphSubscription, "id" | "accountId" | "inboxId">>): Promise<void> {
  await db
    .update(graphSubscriptions)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(graphSubscriptions.id, id));
}
