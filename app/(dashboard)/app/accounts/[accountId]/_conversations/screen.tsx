import { MessagesSquare } from "lucide-react";
import { loadAccountContext } from "@/app/_server/account-context";
import type { SearchParams } from "@/app/_server/page-data";
import { requestOrigin } from "@/app/_server/request-origin";
import { AutoRefresh } from "@/components/conversations/auto-refresh";
import { ConversationList } from "@/components/conversations/conversation-list";
import { ConversationView } from "@/components/conversations/conversation-view";
import { EmptyState } from "@/components/ui/card";
import { OrganizeProvider } from "@/components/labels/organize-context";
import { getDb } from "@/db/client";
import { framedApps, loadAppContext } from "@/lib/dashboard-apps/app-context";
import { listDashboardApps } from "@/lib/dashboard-apps/manage";
import { accountHasDashboardApps } from "@/lib/dashboard-apps/presence";
import { attachmentUploadLimit } from "@/lib/messages/attachments";
import { pusherClientConfig } from "@/lib/realtime/config";
import { loadConversationsScreen, type ScreenParams } from "./load-screen";

/**
 * The agent inbox, shared by its four URLs (Chatwoot's scheme):
 * /conversations, /conversations/{displayId}, /inbox/{inboxId}, /inbox/{inboxId}/conversations/{displayId};
 * /conversations also takes ?inbox_id=.
 */
export async function ConversationsScreen({ params, searchParams }: { params: ScreenParams; searchParams: SearchParams }) {
  const ctx = await loadAccountContext(params.accountId);
  const [screen, baseUrl] = await Promise.all([loadConversationsScreen(ctx, params, searchParams), requestOrigin()]);
  const { thread } = screen;
  // Most accounts have no dashboard app: then the page does not read them (remembered per process).
  const apps = thread && (await accountHasDashboardApps(getDb(), ctx.accountId)) ? framedApps(await listDashboardApps(getDb(), ctx.actor, ctx.accountId), baseUrl) : [];
  const dashboardApps = thread && apps.length > 0 ? { apps, context: await loadAppContext(getDb(), ctx.actor, ctx.accountId, thread.conversation.displayId) } : undefined;
  // The list and the thread are read in parallel: a read committing between the two leaves the
  // list's row unread beside a read thread. Marking it read again sends the read event (or the
  // refresh) that brings the row along.
  const listRow = thread ? screen.list.conversations.find((c) => c.id === thread.conversation.id) : undefined;
  const isListRowBehind = listRow !== undefined && listRow.unreadCount > 0;
  return (
    <OrganizeProvider value={screen.organize}>
    <div className="flex min-h-0 flex-1">
      {/* Live refresh (the layout's LiveRefresh) replaces polling; polling remains without Pusher. */}
      {pusherClientConfig() ? null : <AutoRefresh seconds={20} />}
      <ConversationList
        title={screen.inboxName ?? "Conversations"}
        location={screen.location}
        query={screen.query}
        conversations={screen.list.conversations}
        meta={screen.list.meta}
        inboxes={screen.inboxes.map((i) => ({ id: i.id, name: i.name }))}
        selectedDisplayId={screen.displayId}
        meId={ctx.userId}
        isAdmin={ctx.isAdmin}
        filterError={screen.filterError}
        className={thread ? "hidden w-full md:flex md:w-80 lg:w-96" : "w-full md:w-80 lg:w-96"}
      />
      {thread ? (
        <ConversationView
          accountId={ctx.accountId}
          conversation={thread.conversation}
          messages={thread.messages}
          attachments={thread.attachments}
          baseUrl={baseUrl}
          members={thread.members.map((m) => ({ id: m.id, name: m.displayName || m.name }))}
          previous={thread.previous}
          backHref={screen.listHref}
          earlierHref={screen.earlierHref}
          latestHref={screen.latestHref}
          recipients={thread.recipients}
          isListRowUnread={isListRowBehind}
          dashboardApps={dashboardApps}
          attachmentMaxBytes={attachmentUploadLimit()}
          signature={ctx.profile.signatureOnReplies ? ctx.profile.messageSignature : null}
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
    </OrganizeProvider>
  );
}
