"use client";

import { useRouter } from "next/navigation";
import type { FormEvent } from "react";
import { createApiInboxAction } from "@/app/_server/actions/api-inbox";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { ApiChannelOptions, readApiChannelForm } from "./api-inbox-settings";

/** Creates an API inbox (name, callback URL, identity switch) and opens its settings to add members. */
export function CreateInboxForm({ accountId }: { accountId: number }) {
  const router = useRouter();
  const { run, pending, error } = useAction(createApiInboxAction);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    run({ accountId, name: String(form.get("name") ?? ""), ...readApiChannelForm(form) }, ({ id }) =>
      router.push(`/app/accounts/${accountId}/settings/inboxes/${id}`),
    );
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5">
      <Field id="new-inbox-name" label="Inbox name" hint="An API inbox: your own client talks to it through the Client API.">
        <Input id="new-inbox-name" name="name" required placeholder="Support" />
      </Field>
      <Field id="new-inbox-webhook-url" label="Callback URL" hint="Optional: receives this inbox's events, signed like account webhooks.">
        <Input id="new-inbox-webhook-url" name="webhookUrl" type="url" placeholder="https://example.com/chatwoot-events" />
      </Field>
      <ApiChannelOptions hmacMandatory={false} allowMessagesAfterResolved={true} />
      {error ? <Alert>{error}</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Creating…" : "Create inbox"}
      </Button>
    </form>
  );
}
