import "server-only";
import { cache } from "react";
import { getDb } from "@/db/client";
import { loadAccountContext } from "@/app/_server/account-context";
import { orNotFound } from "@/app/_server/page-data";
import { getPortal } from "@/lib/help-center/portals";

/** The account context and the portal of the URL, once per request (layout and page share it). */
export const loadPortalScreen = cache(async (accountId: string, portalSlug: string) => {
  const ctx = await loadAccountContext(accountId);
  const view = await orNotFound(getPortal(getDb(), ctx.actor, ctx.accountId, decodeURIComponent(portalSlug)));
  return { ctx, ...view, base: `/app/accounts/${ctx.accountId}/portals/${view.portal.slug}` };
});
