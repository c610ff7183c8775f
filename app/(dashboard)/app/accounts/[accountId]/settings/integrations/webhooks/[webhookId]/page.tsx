import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listInboxes } from "@/lib/inboxes/inboxes";
import { listWebhookDeliveries } from "@/lib/integrations/webhooks/deliveries";
import { getWebhook } from "@/lib/integrations/webhooks/manage";
import { loadAccountContext } from "@/app/_server/account-context";
import { DeliveryLog } from "@/components/integrations/delivery-log";
import { RedeliverFailedSince, WebhookSecret, WebhookToolbar } from "@/components/integrations/webhook-actions";
import { WebhookForm } from "@/components/integrations/webhook-form";
import { DATE_TIME } from "@/components/format";
import { Alert } from "@/components/ui/alert";
import { Card, CardHeader } from "@/components/ui/card";
import { LocalTime } from "@/components/ui/local-time";

export const metadata: Metadata = { title: "Webhook" };

/** One webhook: its settings, secret, and delivery log with redeliver (administrators). */
export default async function WebhookPage({ params, searchParams }: { params: Promise<{ accountId: string; webhookId: string }>; searchParams: Promise<{ failed?: string }> }) {
  const { accountId, webhookId: rawId } = await params;
  const failedOnly = (await searchParams).failed === "1";
  const ctx = await loadAccountContext(accountId);
  if (!ctx.can("integration_manage")) return <Alert tone="info">Your role does not let you manage webhooks.</Alert>;
  const webhookId = Number(rawId);
  const [hook, inboxes, deliveries] = await Promise.all([
    getWebhook(getDb(), ctx.actor, ctx.accountId, webhookId),
    listInboxes(getDb(), ctx.actor, ctx.accountId),
    listWebhookDeliveries(getDb(), ctx.actor, ctx.accountId, webhookId, { failedOnly }),
  ]);
  const base = `/app/accounts/${ctx.accountId}/settings/integrations/webhooks`;
  return (
    <>
      <p className="mb-3 text-sm">
        <Link href={base} className="text-brand-700 hover:underline">
          ← Webhooks
        </Link>
      </p>
      <h1 className="mb-4 text-lg font-semibold text-slate-900">{hook.name || hook.url}</h1>
      {hook.disabledAt ? (
        <Alert className="mb-4">
          Disabled <LocalTime date={hook.disabledAt} pattern={DATE_TIME} />: {hook.disabledReason}
        </Alert>
      ) : null}
      <Card>
        <CardHeader title="Settings" actions={<WebhookToolbar accountId={ctx.accountId} webhookId={hook.id} disabled={hook.disabledAt !== null} />} />
        <WebhookForm accountId={ctx.accountId} inboxes={inboxes.map((i) => ({ id: i.id, name: i.name }))} webhook={hook} />
      </Card>
      <Card className="mt-6">
        <CardHeader title="Signing secret" description="Receivers verify X-Chatwoot-Signature or webhook-signature with it (docs/integrations.md)." />
        <WebhookSecret
          accountId={ctx.accountId}
          webhookId={hook.id}
          secret={hook.secret}
          previousValidUntil={hook.previousSecretExpiresAt ? hook.previousSecretExpiresAt.toISOString().replace("T", " ").slice(0, 16) + " UTC" : null}
        />
      </Card>
      <Card className="mt-6">
        <CardHeader
          title="Deliveries"
          description="Newest first. Each attempt: when, the answer's status code, how long it took, what the receiver said, and what went wrong."
          actions={
            <Link href={failedOnly ? `${base}/${hook.id}` : `${base}/${hook.id}?failed=1`} className="text-sm text-brand-700 hover:underline">
              {failedOnly ? "Show all" : "Show failed only"}
            </Link>
          }
        />
        <div className="border-b border-slate-100 px-5 py-3">
          <RedeliverFailedSince accountId={ctx.accountId} webhookId={hook.id} />
        </div>
        <DeliveryLog accountId={ctx.accountId} webhookId={hook.id} deliveries={deliveries} />
      </Card>
    </>
  );
}
