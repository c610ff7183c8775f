import "server-only";
import { getDb } from "@/db/client";
import { sidebarCounts } from "@/lib/conversations/sidebar-counts";
import { inboxesNeedingReconnect } from "@/lib/inboxes/email-health";
import { listNotifications } from "@/lib/notifications/list-notifications";
import { scopedLabels, scopedTeams, scopedViews } from "@/app/_server/scoped-reads";
import { inAccountScope, scopedInboxes, type AccountContext } from "@/app/_server/account-context";

/**
 * The account layout's one loader (sidebar, bell, reconnect banner): its reads in parallel, in
 * the request's scope, so they share the access check the account context already made.
 */
export function loadAccountLayout(ctx: AccountContext) {
  const db = getDb();
  return inAccountScope(ctx, async () => {
    const [inboxes, reconnect, counts, notifications, labels, teams, views] = await Promise.all([
      scopedInboxes(ctx),
      inboxesNeedingReconnect(db, ctx.actor, ctx.accountId),
      sidebarCounts(db, ctx.actor, ctx.accountId),
      listNotifications(db, ctx.actor, ctx.accountId, { perPage: 20 }),
      scopedLabels(db, ctx.actor, ctx.accountId),
      scopedTeams(db, ctx.actor, ctx.accountId),
      // The sidebar's saved views: one read of custom_filters_user_idx, at most 50 rows, kept between requests.
      scopedViews(db, ctx.actor, ctx.accountId),
    ]);
    return { inboxes, reconnect, counts, notifications, labels, teams, views };
  });
}
