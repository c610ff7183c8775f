import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db/client";
import { listInboxes } from "@/lib/inboxes/inboxes";
import { listWebhooks } from "@/lib/integrations/webhooks/manage";
import { loadAccountContext } from "@/app/_server/account-context";
import { WebhookForm } from "@/components/integrations/webhook-form";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Card, CardHeader, EmptyState } from "@/components/ui/card";

export const metadata: Metadata = { title: "Webhooks" };

/** Settings → Integrations → Webhooks: the account's webhooks and a form to add one (administrators). */
export default async function WebhooksPage({ params }: { params: Promise<{ accountId: string }> }) {
  const ctx = await loadAccountContext((await params).accountId);
  if (!ctx.can("integration_manage")) return <Alert tone="info">Your role does not let you manage webhooks.</Alert>;
  const [hooks, inboxes] = await Promise.all([listWebhooks(getDb(), ctx.actor, ctx.accountId), listInboxes(getDb(), ctx.actor, ctx.accountId)]);
  const base = `/app/accounts/${ctx.accountId}/settings/integrations/webhooks`;
  return (
    <>
      <h1 className="sr-only">Webhooks</h1>
      <Card>
        <CardHeader
          title="Webhooks"
          description="Postdesk POSTs events (new conversations, messages, status changes, contacts) to these URLs, signed, and retries for about a day and a half when a receiver is down. See docs/integrations.md for verifying signatures."
        />
        {hooks.length === 0 ? (
          <EmptyState title="No webhooks yet" />
        ) : (
          <ul className="divide-y divide-slate-100" aria-label="Webhooks">
            {hooks.map((hook) => (
              <li key={hook.id} className="flex items-center gap-3 px-5 py-3">
                <div className="min-w-0 flex-1">
                  <Link href={`${base}/${hook.id}`} className="font-medium text-brand-700 hover:underline">
                    {hook.name || hook.url}
                  </Link>
                  <p className="truncate text-xs text-slate-500">
                    {hook.url} · {hook.subscriptions.length} events{hook.inbox ? ` · ${hook.inbox.name} only` : ""}
                  </p>
                </div>
                {hook.disabledAt ? <Badge tone="red">Disabled</Badge> : hook.failingSince ? <Badge tone="amber">Failing</Badge> : <Badge tone="green">Active</Badge>}
              </li>
            ))}
          </ul>
        )}
      </Card>
      <Card className="mt-6">
        <CardHeader title="Add a webhook" />
        <WebhookForm accountId={ctx.accountId} inboxes={inboxes.map((i) => ({ id: i.id, name: i.name }))} />
      </Card>
    </>
  );
}
