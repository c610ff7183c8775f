import "server-only";
import { getDb } from "@/db/client";
import { listConversations } from "@/lib/conversations/list-conversations";
import { filterConversations, type FilterConversationsInput } from "@/lib/conversations/filter/filter-conversations";
import { getCustomFilter } from "@/lib/custom-filters/manage";
import { isAppError } from "@/lib/errors";
import { openConversationThread } from "@/lib/messages/load-conversation-thread";
import { MESSAGES_PER_PAGE } from "@/lib/messages/list-messages";
import { inAccountScope, scopedInboxes, type AccountContext } from "@/app/_server/account-context";
import { optionalId, orNotFound, parseId, type SearchParams } from "@/app/_server/page-data";
import { conversationHref, listHref as listLocationHref, type ListLocation } from "@/components/conversations/list-location";
import { itemsOfQuery, toPayload } from "@/components/conversations/filter-url";
import { parseListQuery, type ListQuery } from "@/components/conversations/list-query";
import { loadOrganizeData } from "./load-organize";

export type ScreenParams = { accountId: string; inboxId?: string; displayId?: string; viewId?: string };

/** The saved view a /custom_view/{id} URL opens: its conditions are the list's filter unless the URL carries an edited one. */
async function loadView(ctx: AccountContext, viewId: number | undefined) {
  if (viewId === undefined) return null;
  const view = await orNotFound(getCustomFilter(getDb(), ctx.actor, ctx.accountId, viewId));
  return { id: view.id, name: view.name, filter: itemsOfQuery(view.query) ?? [] };
}

/**
 * The list: the advanced filter's match when the URL (or the view) has one, through the same
 * domain function as POST /conversations/filter; a filter the domain refuses (an attribute since
 * deleted, a hand-edited link) shows its reason over an empty list rather than an error page.
 */
async function loadList(ctx: AccountContext, query: ListQuery, inboxId: number | undefined) {
  const db = getDb();
  if (!query.filter) return { list: await orNotFound(listConversations(db, ctx.actor, ctx.accountId, { ...query, inboxId })), filterError: null };
  try {
    const list = await filterConversations(db, ctx.actor, ctx.accountId, { payload: toPayload(query.filter) as FilterConversationsInput["payload"], page: query.page, sortBy: query.sortBy }, query.assigneeType);
    return { list, filterError: null };
  } catch (e) {
    if (!isAppError(e) || e.code !== "invalid") throw e;
    return { list: { conversations: [], meta: { mineCount: 0, unassignedCount: 0, allCount: 0 } }, filterError: e.message };
  }
}

/**
 * The conversations screen's one loader: the list, the inboxes and (when one is open) the
 * conversation's thread with everything it shows, read in parallel in the request's scope (one
 * access check, shared with the layout). It only reads: marking the
 * open conversation read is the screen's explicit request after it is shown (MarkReadOnView).
 */
export async function loadConversationsScreen(ctx: AccountContext, params: ScreenParams, searchParams: SearchParams) {
  const db = getDb();
  const query = parseListQuery(searchParams);
  const view = await inAccountScope(ctx, () => loadView(ctx, params.viewId !== undefined ? parseId(params.viewId) : undefined));
  const inboxInPath = params.inboxId !== undefined;
  const inboxId = inboxInPath ? parseId(params.inboxId) : query.inboxId;
  const location: ListLocation = { accountId: ctx.accountId, inboxId, inboxInPath, view: view ?? undefined };
  const displayId = params.displayId !== undefined ? parseId(params.displayId) : undefined;
  const before = optionalId(searchParams.before);

  const [{ list, filterError }, inboxes, thread, organize] = await inAccountScope(ctx, () => {
    const open = displayId !== undefined ? openConversationThread(db, ctx.actor, ctx.accountId, displayId, { before }) : null;
    return Promise.all([
      loadList(ctx, view && !query.filter ? { ...query, filter: view.filter } : query, inboxId),
      scopedInboxes(ctx),
      open ? orNotFound(open.thread) : null,
      // Labels, teams and attribute definitions; the open contact's labels as soon as the
      // conversation is found, beside the thread's reads (a missing one is the thread's 404).
      loadOrganizeData(db, ctx.actor, ctx.accountId, open ? open.conversation.then((c) => c.contactId, () => undefined) : Promise.resolve(undefined)),
    ]);
  });

  const listHref = listLocationHref(location, query);
  let earlierHref: string | undefined;
  let latestHref: string | undefined;
  if (thread && displayId !== undefined) {
    const here = conversationHref(location, query, displayId);
    const first = thread.messages[0];
    if (first && thread.messages.length >= MESSAGES_PER_PAGE) earlierHref = `${here}${here.includes("?") ? "&" : "?"}before=${first.id}`;
    if (before) latestHref = here;
  }
  return {
    query,
    location,
    displayId,
    list,
    filterError,
    inboxes,
    inboxName: inboxId ? inboxes.find((i) => i.id === inboxId)?.name : undefined,
    thread,
    organize,
    listHref,
    earlierHref,
    latestHref,
  };
}
