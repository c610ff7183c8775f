import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { getAccount } from "@/lib/accounts/account";
import { loadAccountContext } from "@/app/_server/account-context";
import { AccountForm } from "@/components/settings/account-form";
import { BusinessHoursForm } from "@/components/business-hours/business-hours-form";
import { getAccountBusinessHours } from "@/lib/business-hours/settings";
import { AssignOnReplyForm } from "@/components/settings/assign-on-reply-form";
import { ReportingTimeZoneForm } from "@/components/settings/reporting-time-zone-form";
import { reportingTimeZoneChoices } from "@/lib/reports/time-zone";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { Card, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Account settings" };

export default async function AccountSettingsPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  const [account, hours] = await Promise.all([getAccount(getDb(), ctx.actor, ctx.accountId), getAccountBusinessHours(getDb(), ctx.actor, ctx.accountId)]);
  return (
    <>
      <h1 className="sr-only">Account settings</h1>
      {ctx.isAdmin ? null : <AdminOnlyNotice />}
      <Card>
        <CardHeader title="Account" description={`Account ID ${account.id} — use it in API URLs: /api/v1/accounts/${account.id}/…`} />
        <AccountForm accountId={account.id} name={account.name} canEdit={ctx.isAdmin} />
      </Card>
      <Card className="mt-6">
        <CardHeader title="Assignment" description="How conversations find an agent." />
        <AssignOnReplyForm accountId={account.id} enabled={account.assignOnReply} canEdit={ctx.isAdmin} />
      </Card>
      <Card className="mt-6">
        <CardHeader title="Business hours" description="When your team is at work. Inboxes that keep business hours follow these unless they have their own." />
        <BusinessHoursForm accountId={account.id} schedule={hours} target={{ kind: "account" }} canEdit={ctx.isAdmin} />
      </Card>
      <Card className="mt-6">
        <CardHeader title="Reports" description="Where a reporting day begins and ends." />
        <ReportingTimeZoneForm
          accountId={account.id}
          value={account.reportingTimeZone}
          fallback={account.businessHours?.timeZone ?? "UTC"}
          zones={reportingTimeZoneChoices()}
          canEdit={ctx.isAdmin}
        />
      </Card>
    </>
  );
}
