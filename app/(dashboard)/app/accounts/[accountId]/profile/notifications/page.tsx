import type { Metadata } from "next";
import { loadAccountContext } from "@/app/_server/account-context";
import { NotificationPreferences } from "@/components/profile/notification-preferences";
import { Card, CardHeader, PageHeader } from "@/components/ui/card";
import { getDb } from "@/db/client";
import { getNotificationSettings } from "@/lib/notifications/settings";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  const settings = await getNotificationSettings(getDb(), ctx.actor, ctx.accountId);
  return (
    <div className="flex min-h-0 flex-1 flex-col overflow-y-auto">
      <PageHeader title="Notifications" description="What you are told of in this account, in the app and by email." />
      <div className="mx-auto w-full max-w-4xl space-y-6 p-6">
        <Card>
          <CardHeader title="Notification preferences" />
          <NotificationPreferences accountId={ctx.accountId} emailFlags={settings.emailFlags} pushFlags={settings.pushFlags} />
        </Card>
      </div>
    </div>
  );
}
