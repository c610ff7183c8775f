"use client";

import { useState, type FormEvent } from "react";
import { updateApiInboxAction } from "@/app/_server/actions/api-inbox";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { RotatableCredential } from "./rotatable-credential";

export type ApiInboxValues = {
  identifier: string;
  hmacToken: string;
  /** Signs the events sent to the callback URL (null until the first delivery for old inboxes). */
  secret: string | null;
  webhookUrl: string | null;
  hmacMandatory: boolean;
  allowMessagesAfterResolved: boolean;
};

/** Checkbox rows of the API channel's settings, shared by the wizard and the settings card. */
export function ApiChannelOptions({ hmacMandatory, allowMessagesAfterResolved }: { hmacMandatory: boolean; allowMessagesAfterResolved: boolean }) {
  return (
    <div className="space-y-2 text-sm text-slate-700">
      <label className="flex items-start gap-2">
        <input type="checkbox" name="hmacMandatory" defaultChecked={hmacMandatory} className="mt-0.5" />
        <span>
          Enforce user identity validation
          <span className="block text-xs text-slate-500">
            Every contact must send identifier_hash = HMAC-SHA256(HMAC token, identifier); requests without a valid one are refused.
          </span>
        </span>
      </label>
      <label className="flex items-start gap-2">
        <input type="checkbox" name="allowMessagesAfterResolved" defaultChecked={allowMessagesAfterResolved} className="mt-0.5" />
        <span>
          Allow messages after the conversation is resolved
          <span className="block text-xs text-slate-500">
            Off: your client is told (allow_messages_after_resolved) to offer a new conversation instead of a reply box once one is resolved. A message posted anyway reopens the conversation, as in Chatwoot.
          </span>
        </span>
      </label>
    </div>
  );
}

export const readApiChannelForm = (form: FormData) => ({
  webhookUrl: String(form.get("webhookUrl") ?? "").trim(),
  hmacMandatory: form.get("hmacMandatory") === "on",
  allowMessagesAfterResolved: form.get("allowMessagesAfterResolved") === "on",
});

/**
 * An API inbox's channel settings (administrators): the identifier and HMAC token its Client API
 * callers need, the callback URL that receives this inbox's signed events, and the identity and
 * resolved-conversation switches.
 */
export function ApiInboxSettings({ accountId, inboxId, values }: { accountId: number; inboxId: number; values: ApiInboxValues }) {
  const { run, pending, error } = useAction(updateApiInboxAction);
  const [saved, setSaved] = useState(false);
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    run({ accountId, inboxId, ...readApiChannelForm(new FormData(e.currentTarget)) }, () => setSaved(true));
  };
  return (
    <form onSubmit={onSubmit} className="space-y-4 p-5" aria-label="API channel settings">
      <dl className="space-y-1 text-sm">
        <div className="flex gap-2">
          <dt className="w-32 shrink-0 text-slate-500">Inbox identifier</dt>
          <dd className="font-mono break-all text-slate-800" data-testid="inbox-identifier">
            {values.identifier}
          </dd>
        </div>
        <RotatableCredential
          accountId={accountId}
          inboxId={inboxId}
          credential="hmac_token"
          label="HMAC token"
          value={values.hmacToken}
          placeholder=""
          warning="Rotate the HMAC token? identifier_hash values made with the current token are refused from now on."
          testId="hmac-token"
        />
        <RotatableCredential
          accountId={accountId}
          inboxId={inboxId}
          credential="secret"
          label="Webhook secret"
          value={values.secret}
          placeholder="Made at the first delivery"
          warning="Rotate the webhook secret? Events to the callback URL are signed with the new secret only, from the next one."
          testId="webhook-secret"
        />
      </dl>
      <Field id="api-webhook-url" label="Callback URL" hint="Receives this inbox's events (messages, conversations), signed like account webhooks. Leave blank for none.">
        <Input id="api-webhook-url" name="webhookUrl" type="url" defaultValue={values.webhookUrl ?? ""} placeholder="https://example.com/chatwoot-events" />
      </Field>
      <ApiChannelOptions hmacMandatory={values.hmacMandatory} allowMessagesAfterResolved={values.allowMessagesAfterResolved} />
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Channel settings saved.</Alert> : null}
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : "Save"}
      </Button>
    </form>
  );
}
