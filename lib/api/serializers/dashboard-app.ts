import type { DashboardApp } from "@/db/schema";

/** Chatwoot's dashboard app JSON. */
export const serializeDashboardApp = (a: DashboardApp) => ({
  id: a.id,
  title: a.title,
  content: a.content,
  created_at: a.createdAt.toISOString(),
  account_id: a.accountId,
  user_id: a.userId,
});
