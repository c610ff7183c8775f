import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "@/db/client";
import { accounts, accountUsers, dashboardApps, users, type DashboardApp } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { getConversation } from "@/lib/conversations/get-conversation";
import type { ConversationSummary } from "@/lib/conversations/types";
import { notFound } from "@/lib/errors";
import { conversationDataOf } from "@/lib/integrations/payloads/build";
import { contactPushData, type Json } from "@/lib/integrations/payloads/shapes";
import { accountHasDashboardApps } from "./presence";

/** A dashboard app as the conversation view frames it: its URL and the origin messages go to. */
export type FramedApp = { id: number; title: string; url: string; origin: string };

/** Chatwoot's appContext data: the conversation (webhook shape), its contact, and the agent looking. */
export type AppContextData = { conversation: Json; contact: Json; currentAgent: { id: number; name: string; email: string } };

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === "null" ? null : origin;
  } catch {
    return null;
  }
}

/**
 * The apps to frame (one tab each), for a page whose account access was already checked. The
 * frame keeps its own origin (allow-same-origin), so an app on our own origin is never framed:
 * it could lift its sandbox and act as the agent.
 */
export function framedApps(apps: DashboardApp[], ownOrigin: string): FramedApp[] {
  return apps.flatMap((app) => {
    const url = app.content[0]?.url ?? "";
    const origin = originOf(url);
    return origin && origin !== originOf(ownOrigin) ? [{ id: app.id, title: app.title, url, origin }] : [];
  });
}

/** What the framed apps receive for one conversation (same builders as the webhooks). */
export async function appContextData(
  db: DbOrTx,
  account: { id: number; name: string },
  summary: ConversationSummary,
  agent: { id: number; name: string; email: string },
): Promise<AppContextData> {
  const conversation = await conversationDataOf(db, account, summary);
  const contact = contactPushData(summary.contact);
  return { conversation, contact, currentAgent: { id: agent.id, name: agent.name, email: agent.email } };
}

/** appContext for one conversation the signed-in agent may see (getConversation checks access). */
export async function loadAppContext(db: DbOrTx, actor: Actor, accountId: number, displayId: number): Promise<AppContextData> {
  if (actor.kind !== "user") throw notFound("Agent");
  const summary = await getConversation(db, actor, accountId, displayId);
  const [[account], [agent]] = await Promise.all([
    db.select({ id: accounts.id, name: accounts.name }).from(accounts).where(eq(accounts.id, accountId)),
    db.select({ id: users.id, name: users.name, email: users.email }).from(users).where(eq(users.id, actor.userId)),
  ]);
  if (!account || !agent) throw notFound("Agent");
  return appContextData(db, account, summary, { id: agent.id, name: agent.name, email: agent.email ?? "" });
}

/**
 * The origins the account's conversation pages may frame (CSP frame-src), for a member only: the
 * policy header must not tell a stranger where the account's apps live. An account known to have
 * none costs no statement (the proxy asks this on every conversation page).
 */
export async function dashboardAppFrameOrigins(db: DbOrTx, userId: number, accountId: number): Promise<string[]> {
  if (!(await accountHasDashboardApps(db, accountId))) return [];
  const rows = await db
    .select({ content: dashboardApps.content })
    .from(dashboardApps)
    .innerJoin(accountUsers, and(eq(accountUsers.accountId, dashboardApps.accountId), eq(accountUsers.userId, userId)))
    .where(eq(dashboardApps.accountId, accountId));
  const origins = new Set<string>();
  for (const row of rows) {
    const origin = originOf(row.content[0]?.url ?? "");
    if (origin) origins.add(origin);
  }
  return [...origins];
}
