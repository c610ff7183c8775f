import { ArrowLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listAgents } from "@/lib/accounts/agents";
import { getInboxAgentBot } from "@/lib/agent-bots/inbox-bot";
import { listAgentBots } from "@/lib/agent-bots/manage-bots";
import { getInboxDeletionPreview } from "@/lib/inboxes/delete-inbox";
import { isInboundDomainConfigured } from "@/lib/inboxes/email-channel-details";
import { getEmailInboxHealth } from "@/lib/inboxes/email-health";
import { getInboxWithEmail } from "@/lib/inboxes/email-inbox-views";
import { getOAuthInboxSummary } from "@/lib/inboxes/oauth-inbox-summary";
import { listInboxMembers } from "@/lib/inboxes/members";
import { loadAccountContext } from "@/app/_server/account-context";
import { orNotFound, parseId } from "@/app/_server/page-data";
import { InboxBotPicker } from "@/components/agent-bots/inbox-bot-picker";
import { InboxAssignmentForm } from "@/components/assignment/inbox-assignment-form";
import { InboxCsatForm } from "@/components/csat/inbox-csat-form";
import { BusinessHoursForm } from "@/components/business-hours/business-hours-form";
import { getAccountBusinessHours } from "@/lib/business-hours/settings";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { ApiInboxSettings } from "@/components/settings/api-inbox-settings";
import { DeleteInbox } from "@/components/settings/delete-inbox";
import { BackfillForm } from "@/components/settings/email-inbox-actions";
import { EmailHealthPanel } from "@/components/settings/email-health-panel";
import { EmailInboxForm } from "@/components/settings/email-inbox-form";
import { EmailTransportSummary, emailFormValues } from "@/components/settings/email-transport-card";
import { InboxMembers } from "@/components/settings/inbox-members";
import { InboxSignatureForm } from "@/components/composer/signature-settings";
import { InboxNameForm } from "@/components/settings/inbox-name-form";
import { OAuthInboxSignIn } from "@/components/settings/oauth-inbox-summary";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Inbox settings" };

export default async function InboxSettingsPage({
  params,
  searchParams,
}: {
  params: Promise<{ accountId: string; inboxId: string }>;
  searchParams: Promise<{ oauth?: string; oauth_error?: string }>;
}) {
  const { accountId: raw, inboxId: rawInbox } = await params;
  const { oauth, oauth_error: oauthError } = await searchParams;
  const ctx = await loadAccountContext(raw);
  const inboxId = parseId(rawInbox);
  const db = getDb();
  const [inbox, members, agents, bots] = await Promise.all([
    orNotFound(getInboxWithEmail(db, ctx.actor, ctx.accountId, inboxId)),
    orNotFound(listInboxMembers(db, ctx.actor, ctx.accountId, inboxId)),
    listAgents(db, ctx.actor, ctx.accountId),
    listAgentBots(db, ctx.actor, ctx.accountId),
  ]);
  const currentBot = await getInboxAgentBot(db, ctx.actor, ctx.accountId, inbox.id);
  const accountHours = await getAccountBusinessHours(db, ctx.actor, ctx.accountId);
  const health = inbox.email ? await getEmailInboxHealth(db, ctx.actor, ctx.accountId, inbox.id) : null;
  const oauthSignIn = inbox.email && inbox.email.provider !== "password" ? await getOAuthInboxSummary(db, ctx.actor, ctx.accountId, inbox.id) : null;
  const deletion = ctx.can("inbox_manage") ? await getInboxDeletionPreview(db, ctx.actor, ctx.accountId, inbox.id) : null;
  const memberIds = new Set(members.map((m) => m.id));
  const person = (p: { id: number; name: string; displayName: string | null; email: string }) => ({ id: p.id, name: p.displayName || p.name, email: p.email });
  return (
    <>
      <div>
        <Link href={`/app/accounts/${ctx.accountId}/settings/inboxes`} className="inline-flex items-center gap-1 text-xs font-medium text-slate-500 hover:text-slate-800">
          <ArrowLeft className="size-3.5" aria-hidden="true" /> Inboxes
        </Link>
        <h1 className="mt-1 text-lg font-semibold text-slate-900">{inbox.name}</h1>
      </div>
      {ctx.can("inbox_manage") ? null : <AdminOnlyNotice />}
      {oauth === "connected" || oauth === "reconnected" ? (
        <Alert tone="success">{oauth === "connected" ? "The mailbox is connected: its mail is being fetched." : "The mailbox is reconnected."}</Alert>
      ) : null}
      {oauthError ? <Alert>{oauthError}</Alert> : null}
      <Card>
        <CardHeader title="Details" />
        <InboxNameForm accountId={ctx.accountId} inboxId={inbox.id} name={inbox.name} canEdit={ctx.can("inbox_manage")} />
        {inbox.api && ctx.can("inbox_manage") ? (
          <dl className="space-y-1 border-t border-slate-200 px-5 py-4 text-sm">
            <div className="flex gap-2">
              <dt className="w-32 text-slate-500">Inbox ID</dt>
              <dd className="font-mono text-slate-800">{inbox.id}</dd>
            </div>
          </dl>
        ) : null}
      </Card>
      {inbox.api && inbox.api.identifier && inbox.api.hmacToken && ctx.can("inbox_manage") ? (
        <Card>
          <CardHeader title="API channel" description="What your client needs for the Client API, and where this inbox's events go." />
          <ApiInboxSettings
            accountId={ctx.accountId}
            inboxId={inbox.id}
            values={{
              identifier: inbox.api.identifier,
              hmacToken: inbox.api.hmacToken,
              secret: inbox.api.secret,
              webhookUrl: inbox.api.webhookUrl,
              hmacMandatory: inbox.api.hmacMandatory,
              allowMessagesAfterResolved: inbox.allowMessagesAfterResolved,
            }}
          />
        </Card>
      ) : null}
      {inbox.email && health ? (
        <>
          {/* A Graph inbox neither polls IMAP nor sends over SMTP: its Sign-in card says how mail moves. */}
          {oauthSignIn?.transport === "graph" ? null : (
            <Card>
              <CardHeader title="Email" description="How mail reaches this inbox and how replies leave it." />
              <EmailTransportSummary email={inbox.email} showForwarding={ctx.can("inbox_manage")} inboundDomainConfigured={isInboundDomainConfigured()} />
            </Card>
          )}
          {oauthSignIn ? (
            <Card>
              <CardHeader title="Sign-in" description="The OAuth2 sign-in this inbox uses. Reconnect replaces it; conversations stay." />
              <OAuthInboxSignIn accountId={ctx.accountId} inboxId={inbox.id} summary={oauthSignIn} isAdmin={ctx.can("inbox_manage")} />
            </Card>
          ) : null}
          <Card>
            <CardHeader title="Health" description="Polling, errors and messages that could not be imported." />
            <EmailHealthPanel accountId={ctx.accountId} inboxId={inbox.id} health={health} isAdmin={ctx.can("inbox_manage")} />
          </Card>
          {/* OAuth2 inboxes have no passwords or servers to edit: their hosts come from the server's env. */}
          {ctx.can("inbox_manage") && inbox.email.provider === "password" ? (
            <Card>
              <CardHeader title="Email settings" description="Passwords are stored encrypted and never shown; leave them blank to keep them." />
              <EmailInboxForm accountId={ctx.accountId} inbox={{ id: inbox.id, values: emailFormValues(inbox.email), canEdit: ctx.can("inbox_manage") }} />
            </Card>
          ) : null}
          <Card>
            <CardHeader title="Signature" description="Ends every email reply sent from this inbox." />
            <InboxSignatureForm accountId={ctx.accountId} inboxId={inbox.id} signature={inbox.emailSignature} canEdit={ctx.can("inbox_manage")} />
          </Card>
          {ctx.can("inbox_manage") && inbox.email.imapEnabled ? (
            <Card>
              <CardHeader title="Backfill" description="Import older mail from the mailbox folder." />
              <BackfillForm accountId={ctx.accountId} inboxId={inbox.id} since={inbox.email.backfillSince?.toISOString() ?? null} />
            </Card>
          ) : null}
        </>
      ) : null}
      <Card>
        <CardHeader title="Members" description="Members see this inbox's conversations and can be assigned to them." />
        <InboxMembers
          accountId={ctx.accountId}
          inboxId={inbox.id}
          members={members.map(person)}
          candidates={agents.filter((a) => !memberIds.has(a.id)).map(person)}
          canEdit={ctx.can("inbox_manage")}
        />
      </Card>
      <Card>
        <CardHeader title="Assignment" description="Who new conversations go to when nobody picks them." />
        <InboxAssignmentForm accountId={ctx.accountId} inboxId={inbox.id} enabled={inbox.enableAutoAssignment} limit={inbox.autoAssignmentLimit} canEdit={ctx.can("inbox_manage")} />
      </Card>
      {inbox.channelType === "email" ? (
        <Card>
          <CardHeader title="Customer satisfaction" description="Ask customers to rate the answer when a conversation is resolved." />
          <InboxCsatForm accountId={ctx.accountId} inboxId={inbox.id} enabled={inbox.csatSurveyEnabled} config={inbox.csatConfig} canEdit={ctx.can("inbox_manage")} />
        </Card>
      ) : null}
      <Card>
        <CardHeader title="Business hours" description="When this inbox is staffed; mail arriving outside can get an out-of-office reply." />
        <BusinessHoursForm
          accountId={ctx.accountId}
          schedule={inbox.businessHours}
          target={{ kind: "inbox", inboxId: inbox.id, enabled: inbox.workingHoursEnabled, outOfOfficeMessage: inbox.outOfOfficeMessage, accountHasHours: accountHours !== null }}
          canEdit={ctx.isAdmin}
        />
      </Card>
      <Card>
        <CardHeader title="Bot" description="An agent bot answers this inbox's new conversations before people do (Settings → Bots)." />
        <InboxBotPicker
          accountId={ctx.accountId}
          inboxId={inbox.id}
          bots={bots.map((b) => ({ id: b.id, name: b.name }))}
          currentBotId={currentBot?.id ?? null}
          canEdit={ctx.can("inbox_manage")}
        />
      </Card>
      {deletion ? (
        <Card className="border-red-200">
          <CardHeader title="Delete inbox" description="Remove this inbox and everything in it." />
          <DeleteInbox accountId={ctx.accountId} inboxId={inbox.id} name={deletion.name} conversationCount={deletion.conversationCount} />
        </Card>
      ) : null}
    </>
  );
}
