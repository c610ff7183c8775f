import { z } from "zod";
import type { DbOrTx } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { parseInput } from "@/lib/api/validation";
import { countFilteredConversations } from "./filter/filter-conversations";
import { filterPayload } from "./filter/payload";
import { countConversations, countConversationsInput } from "./list-conversations";
import { sidebarCounts, type SidebarCounts } from "./sidebar-counts";
import type { ConversationListMeta } from "./types";

export const liveCountsInput = z.object({
  /** The list's filters when a conversation list is on screen: its Mine / Unassigned / All tab counts come too. */
  tabs: countConversationsInput.optional(),
  /** The list's advanced filter (the URL's or a saved view's): the tab counts are its match's, whatever `tabs` says. */
  filter: filterPayload.optional(),
});
export type LiveCountsInput = z.input<typeof liveCountsInput>;

export type LiveCounts = { sidebar: SidebarCounts; tabs: ConversationListMeta | null };

/**
 * What a screen's counts show after live events (components/realtime/live-counts.tsx): the
 * sidebar's unread/total and, with `tabs`, the list's tab counts — the same functions the page's
 * render uses, so a patched screen shows what a reload would. Asked at most about once a second
 * per screen while events arrive, instead of a render of the whole screen per event.
 */
export async function liveCounts(db: DbOrTx, actor: Actor, accountId: number, params: LiveCountsInput): Promise<LiveCounts> {
  const input = parseInput(liveCountsInput, params);
  const [sidebar, tabs] = await Promise.all([
    sidebarCounts(db, actor, accountId),
    input.filter
      ? countFilteredConversations(db, actor, accountId, { payload: input.filter })
      : input.tabs
        ? countConversations(db, actor, accountId, input.tabs)
        : null,
  ]);
  return { sidebar, tabs };
}
