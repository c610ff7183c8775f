"use client";

import { useState, type FormEvent } from "react";
import { updateOAuthEmailApiAction } from "@/app/_server/actions/oauth-inboxes";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useAction } from "@/components/use-action";
import type { OAuthEmailApiSummary } from "@/lib/inboxes/oauth-email-api";
import { EmailApiFields, type EmailApiValues } from "./email-api-fields";

/**
 * Changes the Mailgun settings of an imap_api inbox (administrators). The key field starts empty:
 * blank keeps the stored key. The server checks the key and domain with Mailgun before saving.
 */
export function OAuthEmailApiForm({ accountId, inboxId, current }: { accountId: number; inboxId: number; current: OAuthEmailApiSummary | null }) {
  const { run, pending, error } = useAction(updateOAuthEmailApiAction);
  const [values, setValues] = useState<EmailApiValues>({
    domain: current?.domain ?? "",
    region: current?.region ?? "us",
    baseUrl: current?.region === "custom" ? current.baseUrl : "",
    apiKey: "",
  });
  const [saved, setSaved] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    run({ accountId, inboxId, emailApi: { provider: "mailgun", ...values } }, () => {
      setSaved(true);
      setValues((v) => ({ ...v, apiKey: "" }));
    });
  }

  return (
    <form onSubmit={submit} className="space-y-3">
      <EmailApiFields values={values} onChange={setValues} keyStored={current?.hasApiKey ?? false} />
      {error ? <Alert>{error}</Alert> : null}
      {saved ? <Alert tone="success">Mailgun accepted the key and the domain: the settings are saved.</Alert> : null}
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Checking with Mailgun…" : "Save sending settings"}
      </Button>
    </form>
  );
}
