import { Suspense, type ReactNode } from "react";
import { loadAccountContext } from "@/app/_server/account-context";
import { loadAccountLayout } from "./load-layout";
import { Sidebar } from "@/components/layout/sidebar";
import { SidebarOrganize } from "@/components/labels/sidebar-organize";
import { SidebarViews } from "@/components/conversations/sidebar-views";
import { EmailReconnectBanner } from "@/components/settings/email-reconnect-banner";
import { UserMenu } from "@/components/layout/user-menu";
import { NotificationBell } from "@/components/notifications/notification-bell";
import { toBellItem } from "@/components/notifications/types";
import { LiveCountsProvider } from "@/components/realtime/live-counts";
import { LiveRefresh } from "@/components/realtime/live-refresh";
import { PresenceProvider } from "@/components/realtime/use-presence";
import { KeyboardShortcuts } from "@/components/search/keyboard-shortcuts";
import { narrowsConversations } from "@/lib/accounts/conversation-visibility";
import { inboxChannel, memberChannel, userChannel } from "@/lib/realtime/channels";
import { pusherClientConfig } from "@/lib/realtime/config";
import { accountHasNarrowedMembers } from "@/lib/realtime/narrowed-audience";

export default async function AccountLayout({ children, params }: { children: ReactNode; params: Promise<{ accountId: string }> }) {
  const { accountId: raw } = await params;
  const ctx = await loadAccountContext(raw);
  const { inboxes, reconnect, counts, notifications, labels, teams, views } = await loadAccountLayout(ctx);
  const narrowed = narrowsConversations(ctx.access);
  return (
    <LiveRefresh
      config={pusherClientConfig()}
      // A custom role that shows only some conversations of an inbox is refused its channels
      // (lib/realtime/authorize-channel.ts): such a member gets what they may see on their member channel.
      channels={[
        ...(narrowed ? [memberChannel(ctx.accountId, ctx.userId)] : inboxes.map((i) => inboxChannel(ctx.accountId, i.id))),
        userChannel(ctx.userId),
      ]}
      accountId={ctx.accountId}
      me={{ id: ctx.userId, name: ctx.profile.displayName || ctx.profile.name }}
      narrowed={narrowed}
      // Cached per account (no query for most renders): typing then also reaches narrowed members.
      relayTyping={narrowed || (await accountHasNarrowedMembers(ctx.accountId))}
    >
      <LiveCountsProvider accountId={ctx.accountId} initial={counts}>
        <PresenceProvider accountId={ctx.accountId}>
          <div className="flex h-full flex-col md:flex-row">
            <Sidebar
              accountId={ctx.accountId}
              accountName={ctx.account.name}
              inboxes={inboxes.map((i) => ({ id: i.id, name: i.name }))}
              counts={counts}
              canViewReports={ctx.can("report_manage")}
              organize={
                <Suspense>
                  <SidebarViews accountId={ctx.accountId} views={views.map((v) => ({ id: v.id, name: v.name }))} />
                  <SidebarOrganize
                    accountId={ctx.accountId}
                    labels={labels.filter((l) => l.showOnSidebar).map((l) => ({ id: l.id, title: l.title, color: l.color }))}
                    teams={teams.map((t) => ({ id: t.id, name: t.name, isMember: t.isMember }))}
                  />
                </Suspense>
              }
              userMenu={
                <div className="flex items-center gap-1">
                  <div className="min-w-0 flex-1">
                    <UserMenu
                      accountId={ctx.accountId}
                      userId={ctx.userId}
                      name={ctx.profile.displayName || ctx.profile.name}
                      email={ctx.profile.email}
                      availability={ctx.account.availability}
                      accounts={ctx.profile.accounts.map((a) => ({ id: a.id, name: a.name }))}
                    />
                  </div>
                  <NotificationBell accountId={ctx.accountId} items={notifications.items.map(toBellItem)} unreadCount={notifications.unreadCount} />
                </div>
              }
            />
            <div className="flex min-h-0 min-w-0 flex-1 flex-col">
              <EmailReconnectBanner accountId={ctx.accountId} inboxes={reconnect} />
              {children}
            </div>
            <KeyboardShortcuts accountId={ctx.accountId} />
          </div>
        </PresenceProvider>
      </LiveCountsProvider>
    </LiveRefresh>
  );
}
