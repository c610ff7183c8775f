import "server-only";
import { getDb } from "@/db/client";
import { listConversations } from "@/lib/conversations/list-conversations";
import { loadConversationThread } from "@/lib/messages/load-conversation-thread";
import { MESSAGES_PER_PAGE } from "@/lib/messages/list-messages";
import { inAccountScope, scopedInboxes, type AccountContext } from "@/app/_server/account-context";
import { optionalId, orNotFound, parseId, type SearchParams } from "@/app/_server/page-data";
import { conversationHref, type ListLocation } from "@/components/conversations/list-location";
import { listQueryString, parseListQuery } from "@/components/conversations/list-query";
import { loadOrganizeData } from "./load-organize";

export type ScreenParams = { accountId: string; inboxId?: string; displayId?: string };

/**
 * The conversations screen's one loader: the list, the inboxes and (when one is open) the
 * conversation's thread with everything it shows, read in parallel in the request's scope (one
 * access check, shared with the layout). It only reads: marking the
 * open conversation read is the screen's explicit request after it is shown (MarkReadOnView).
 */
export async function loadConversationsScreen(ctx: AccountContext, params: ScreenParams, searchParams: SearchParams) {
  const db = getDb();
  const query = parseListQuery(searchParams);
  const inboxInPath = params.inboxId !== undefined;
  const inboxId = inboxInPath ? parseId(params.inboxId) : query.inboxId;
  const location: ListLocation = { accountId: ctx.accountId, inboxId, inboxInPath };
  const displayId = params.displayId !== undefined ? parseId(params.displayId) : undefined;
  const before = optionalId(searchParams.before);

  const [list, inboxes, thread, organize] = await inAccountScope(ctx, () => {
    const thread = displayId !== undefined ? orNotFound(loadConversationThread(db, ctx.actor, ctx.accountId, displayId, { before })) : Promise.resolve(null);
    return Promise.all([
      orNotFound(listConversations(db, ctx.actor, ctx.accountId, { ...query, inboxId })),
      scopedInboxes(ctx),
      thread,
      // Labels, teams and attribute definitions; the open contact's labels once the thread names it.
      loadOrganizeData(db, ctx.actor, ctx.accountId, thread.then((t) => t?.conversation.contact.id)),
    ]);
  });

  const listHref =
    (inboxInPath && inboxId ? `/app/accounts/${ctx.accountId}/inbox/${inboxId}` : `/app/accounts/${ctx.accountId}/conversations`) +
    listQueryString({ ...query, inboxId: inboxInPath ? undefined : inboxId });
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
    inboxes,
    inboxName: inboxId ? inboxes.find((i) => i.id === inboxId)?.name : undefined,
    thread,
    organize,
    listHref,
    earlierHref,
    latestHref,
  };
}
