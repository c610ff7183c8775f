"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { createEmailInboxAction, testEmailConnectionAction, updateEmailInboxAction } from "@/app/_server/actions/email-inboxes";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { useAction } from "@/components/use-action";
import { EmailConnectionSteps, type ConnectionStepView } from "./email-connection-steps";
import { channelFromForm, EmailServerFields, NEW_EMAIL_INBOX, type EmailFormValues } from "./email-server-fields";

/**
 * The email inbox wizard (new inbox) and the email settings form (existing inbox): the server
 * fields, Test connection (checks the values as typed, saves nothing), then Create or Save.
 */
export function EmailInboxForm({ accountId, inbox }: { accountId: number; inbox?: { id: number; values: EmailFormValues; canEdit: boolean } }) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const create = useAction(createEmailInboxAction);
  const update = useAction(updateEmailInboxAction);
  const test = useAction(testEmailConnectionAction);
  const [steps, setSteps] = useState<ConnectionStepView[] | null>(null);
  const [saved, setSaved] = useState(false);
  const canEdit = inbox?.canEdit ?? true;

  const runTest = () => {
    const form = formRef.current;
    if (!form) return;
    setSteps(null);
    test.run({ accountId, inboxId: inbox?.id, channel: channelFromForm(new FormData(form)) }, setSteps);
  };

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setSaved(false);
    const data = new FormData(e.currentTarget);
    const channel = channelFromForm(data);
    if (inbox) {
      update.run({ accountId, inboxId: inbox.id, channel }, () => setSaved(true));
    } else {
      create.run({ accountId, name: String(data.get("name") ?? ""), channel }, ({ id }) => router.push(`/app/accounts/${accountId}/settings/inboxes/${id}`));
    }
  };

  const pending = create.pending || update.pending;
  const error = create.error ?? update.error;
  const fieldErrors = { ...test.fieldErrors, ...create.fieldErrors, ...update.fieldErrors };
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-6 p-5">
      {inbox ? null : (
        <Field id="email-inbox-name" label="Inbox name" error={fieldErrors.name}>
          <Input id="email-inbox-name" name="name" required placeholder="Support" />
        </Field>
      )}
      <EmailServerFields values={inbox?.values ?? NEW_EMAIL_INBOX} disabled={!canEdit} errors={fieldErrors} />
      {test.error ? <Alert>{test.error}</Alert> : null}
      {steps ? (
        <div role="status" className="rounded-md border border-slate-200 bg-slate-50 p-3">
          <EmailConnectionSteps steps={steps} />
        </div>
      ) : null}
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Email settings saved.</Alert> : null}
      {canEdit ? (
        <div className="flex gap-2">
          <Button variant="secondary" onClick={runTest} disabled={test.pending}>
            {test.pending ? "Testing…" : "Test connection"}
          </Button>
          <Button type="submit" disabled={pending}>
            {inbox ? (pending ? "Saving…" : "Save email settings") : pending ? "Creating…" : "Create inbox"}
          </Button>
        </div>
      ) : null}
    </form>
  );
}
