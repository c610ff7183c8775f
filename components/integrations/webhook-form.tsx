"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { createWebhookAction, updateWebhookAction } from "@/app/_server/actions/webhooks";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input, Select } from "@/components/ui/field";
import { useAction } from "@/components/use-action";

/** The events an administrator can subscribe to, with words for the form (Chatwoot's names are the values). */
export const WEBHOOK_EVENT_CHOICES: { value: string; label: string }[] = [
  { value: "conversation_created", label: "Conversation created" },
  { value: "conversation_status_changed", label: "Conversation status changed" },
  { value: "conversation_updated", label: "Conversation updated" },
  { value: "conversation_deleted", label: "Conversation deleted" },
  { value: "message_created", label: "Message created" },
  { value: "message_updated", label: "Message updated" },
  { value: "contact_created", label: "Contact created" },
  { value: "contact_updated", label: "Contact updated" },
  { value: "contact_deleted", label: "Contact deleted" },
  { value: "conversation_typing_on", label: "Conversation typing on" },
  { value: "conversation_typing_off", label: "Conversation typing off" },
];

type Initial = { id: number; url: string; name: string | null; subscriptions: string[]; inboxId: number | null };

export function WebhookForm({ accountId, inboxes, webhook }: { accountId: number; inboxes: { id: number; name: string }[]; webhook?: Initial }) {
  const router = useRouter();
  const create = useAction(createWebhookAction);
  const update = useAction(updateWebhookAction);
  const { pending, error } = webhook ? update : create;
  const [saved, setSaved] = useState(false);

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const data = new FormData(e.currentTarget);
    const inbox = String(data.get("inboxId") ?? "");
    const input = {
      accountId,
      url: String(data.get("url") ?? ""),
      name: String(data.get("name") ?? ""),
      subscriptions: data.getAll("subscriptions").map(String),
      inboxId: inbox ? Number(inbox) : null,
    };
    if (webhook) update.run({ ...input, webhookId: webhook.id }, () => setSaved(true));
    else create.run(input, (created) => router.push(`/app/accounts/${accountId}/settings/integrations/webhooks/${created.id}`));
  };

  const prefix = webhook ? `webhook-${webhook.id}` : "new-webhook";
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label={webhook ? "Edit webhook" : "Add a webhook"}>
      <Field id={`${prefix}-url`} label="Webhook URL" hint="Events are POSTed here as JSON, signed with the secret below.">
        <Input id={`${prefix}-url`} name="url" type="url" placeholder="https://example.com/postdesk-events" defaultValue={webhook?.url} required />
      </Field>
      <Field id={`${prefix}-name`} label="Name (optional)">
        <Input id={`${prefix}-name`} name="name" defaultValue={webhook?.name ?? ""} />
      </Field>
      <Field id={`${prefix}-inbox`} label="Inbox" hint="Only events of this inbox. Contact events are sent to webhooks for every inbox only.">
        <Select id={`${prefix}-inbox`} name="inboxId" defaultValue={webhook?.inboxId ? String(webhook.inboxId) : ""}>
          <option value="">Every inbox</option>
          {inboxes.map((inbox) => (
            <option key={inbox.id} value={inbox.id}>
              {inbox.name}
            </option>
          ))}
        </Select>
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Events</legend>
        <div className="mt-2 grid grid-cols-1 gap-1.5 sm:grid-cols-2">
          {WEBHOOK_EVENT_CHOICES.map((choice) => (
            <label key={choice.value} className="flex items-center gap-2 text-sm text-slate-700">
              <input type="checkbox" name="subscriptions" value={choice.value} defaultChecked={webhook ? webhook.subscriptions.includes(choice.value) : true} />
              {choice.label} <code className="text-xs text-slate-400">{choice.value}</code>
            </label>
          ))}
        </div>
      </fieldset>
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Webhook saved.</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : webhook ? "Save" : "Add webhook"}
      </Button>
    </form>
  );
}
