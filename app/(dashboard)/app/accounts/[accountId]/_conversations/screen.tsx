import { getDb } from "@/db/client";
import { listContactConversations } from "@/lib/contacts/contact-conversations";
import { listConversations } from "@/lib/conversations/list-conversations";
import { getConversation } from "@/lib/conversations/get-conversation";
import { markConversationRead } from "@/lib/conversations/mark-read";
import { listInboxes } from "@/lib/inboxes/inboxes";
import { listInboxMembers } from "@/lib/inboxes/members";
import { listMessages, MESSAGES_PER_PAGE } from "@/lib/messages/list-messages";
import { getReplyRecipients } from "@/lib/email/compose/reply-recipients";
import { loadAccountContext } from "@/app/_server/account-context";
import { optionalId, orNotFound, parseId, type SearchParams } from "@/app/_server/page-data";
import { ConversationList, conversationHref, type ListLocation } from "@/components/conversations/conversation-list";
import { AutoRefresh } from "@/components/conversations/auto-refresh";
import { pusherClientConfig } from "@/lib/realtime/config";
import { ConversationView } from "@/components/conversations/conversation-view";
import { listQueryString, parseListQuery } from "@/components/conversations/list-query";
import { EmptyState } from "@/components/ui/card";
import { MessagesSquare } from "lucide-react";

/**
 * The agent inbox, shared by its four URLs (Chatwoot's scheme):
 * /conversations, /conversations/{displayId}, /inbox/{inboxId}, /inbox/{inboxId}/conversations/{displayId};
 * /conversations also takes ?inbox_id=.
 */
export async function ConversationsScreen({
  params,
  searchParams,
}: {
  params: { accountId: string; inboxId?: string; displayId?: string };
  searchParams: SearchParams;
}) {
  const ctx = await loadAccountContext(params.accountId);
  const db = getDb();
  const query = parseListQuery(searchParams);
  const inboxInPath = params.inboxId !== undefined;
  const inboxId = inboxInPath ? parseId(params.inboxId) : query.inboxId;
  const location: ListLocation = { accountId: ctx.accountId, inboxId, inboxInPath };
  const displayId = params.displayId !== undefined ? parseId(params.displayId) : undefined;

  // Opening a conversation marks it read before the list is loaded, so its unread marker clears.
  // Only when something is unread: live refresh re-renders this screen on every event, and an
  // unconditional read (itself an event) would make screens showing it refresh each other forever.
  if (displayId !== undefined) {
    const open = await orNotFound(getConversation(db, ctx.actor, ctx.accountId, displayId));
    if (open.unreadCount > 0 || open.agentLastSeenAt === null) await orNotFound(markConversationRead(db, ctx.actor, ctx.accountId, displayId));
  }

  const before = optionalId(searchParams.before);
  const [list, inboxes, thread] = await Promise.all([
    orNotFound(listConversations(db, ctx.actor, ctx.accountId, { ...query, inboxId })),
    listInboxes(db, ctx.actor, ctx.accountId),
    displayId !== undefined ? orNotFound(listMessages(db, ctx.actor, ctx.accountId, displayId, { before })) : null,
  ]);
  const [members, contactConversations, recipients] = thread
    ? await Promise.all([
        listInboxMembers(db, ctx.actor, ctx.accountId, thread.conversation.inboxId),
        listContactConversations(db, ctx.actor, ctx.accountId, thread.conversation.contact.id),
        thread.conversation.inbox.channelType === "email" ? getReplyRecipients(db, ctx.actor, ctx.accountId, thread.conversation.displayId) : null,
      ])
    : [[], [], null];
  const inboxName = inboxId ? inboxes.find((i) => i.id === inboxId)?.name : undefined;
  const listHref = (inboxInPath && inboxId ? `/app/accounts/${ctx.accountId}/inbox/${inboxId}` : `/app/accounts/${ctx.accountId}/conversations`) +
    listQueryString({ ...query, inboxId: inboxInPath ? undefined : inboxId });

  let earlierHref: string | undefined;
  let latestHref: string | undefined;
  if (thread && displayId !== undefined) {
    const here = conversationHref(location, query, displayId);
    const first = thread.messages[0];
    if (first && thread.messages.length >= MESSAGES_PER_PAGE) earlierHref = `${here}${here.includes("?") ? "&" : "?"}before=${first.id}`;
    if (before) latestHref = here;
  }

  return (
    <div className="flex min-h-0 flex-1">
      {/* Live refresh (the layout's LiveRefresh) replaces polling; polling remains without Pusher. */}
      {pusherClientConfig() ? null : <AutoRefresh seconds={20} />}
      <ConversationList
        title={inboxName ?? "Conversations"}
        location={location}
        query={query}
        conversations={list.conversations}
        meta={list.meta}
        inboxes={inboxes.map((i) => ({ id: i.id, name: i.name }))}
        selectedDisplayId={displayId}
        meId={ctx.userId}
        isAdmin={ctx.isAdmin}
        className={thread ? "hidden w-full md:flex md:w-80 lg:w-96" : "w-full md:w-80 lg:w-96"}
      />
      {thread ? (
        <ConversationView
          accountId={ctx.accountId}
          conversation={thread.conversation}
          messages={thread.messages}
          members={members.map((m) => ({ id: m.id, name: m.displayName || m.name }))}
          previous={contactConversations.filter((c) => c.id !== thread.conversation.id)}
          backHref={listHref}
          earlierHref={earlierHref}
          latestHref={latestHref}
          recipients={recipients}
        />
      ) : (
        <div className="hidden flex-1 items-center justify-center bg-slate-50 md:flex">
          <EmptyState title="Select a conversation">
            <MessagesSquare className="mx-auto my-2 size-8 text-slate-300" aria-hidden="true" />
            Pick one from the list to read and reply.
          </EmptyState>
        </div>
      )}
    </div>
  );
}
